// The release build deployed under a sub-path (https://example.com/news/, as a GitHub Pages
// project site is): a copy of dist/ moved to /news/ by changing the one public URL in its
// index.html, as docs/static-hosting.md ("Serving under a sub-path") tells deployers they may,
// served by a small static server with the usual single-page fallback (an address under /news/
// that is not a file gets /news/index.html), on a free port of its own.
//
// It forwards /api/ to the run's reference backend, as a reverse proxy in front of a site and
// its backend would: the app finds its backend through config.json ("/api/v1", an address on
// the site's origin), and nothing else outside /news/ is served, so a request the app makes
// outside its base fails. `/?w=kind:article` is a page of the same site with widgets on it,
// which loads /news/embed.js (the reader's own origin may always show its widgets).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';

const root = path.resolve(__dirname, '../../..');
/** The build to deploy: the one the backend of the run serves a copy of. */
const builtDist = path.resolve(root, process.env.E2E_DIST ?? 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** index.html's public URL: the href of the <base> in <template id="public-url">. */
const PUBLIC_URL = /(<template id="?public-url"?>\s*<base href=)("[^"]*"|[^\s>]+)/g;

/** Moves a copy of a build to `base` the way a deployer may: its public URL, and the icon that
 *  config.json names (a path on the site's origin, like every path in config.json). */
export function moveBuild(dist: string, base: string): void {
  const indexFile = path.join(dist, 'index.html');
  const html = readFileSync(indexFile, 'utf8');
  if ((html.match(PUBLIC_URL) ?? []).length !== 1) throw new Error(`${indexFile} has no one public URL to change`);
  writeFileSync(indexFile, html.replace(PUBLIC_URL, `$1"${base}"`));
  // Precompressed copies of the old index.html would be served by a server that prefers them.
  for (const suffix of ['.br', '.gz']) rmSync(indexFile + suffix, { force: true });
  const configFile = path.join(dist, 'config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  if (config.site?.logo_url === '/favicon.svg') config.site.logo_url = `${base}favicon.svg`;
  writeFileSync(configFile, JSON.stringify(config, null, 2));
}

/** A page of the site (outside the app) with widgets on it, loading the reader's embed.js. */
function widgetsPage(base: string, url: URL): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const widgets = url.searchParams.getAll('w').map((spec) => {
    const [kind = '', article = ''] = spec.split(':');
    return `<div data-broadsheet="${escape(kind)}" data-article="${escape(article)}"></div>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Widgets</title></head>
<body><main><h1>Widgets</h1>${widgets.join('\n')}</main><script src="${base}embed.js" async></script></body></html>`;
}

export class SubPathSite {
  private constructor(
    private readonly server: http.Server,
    private readonly dist: string,
    /** The site's origin, e.g. http://127.0.0.1:41234. */
    readonly origin: string,
    /** The path the app is served under, e.g. "/news/". */
    readonly base: string,
  ) {}

  /** Deploys a copy of the build under `base`, with /api/ forwarded to `backend` (an origin). */
  static async start(backend: string, base = '/news/'): Promise<SubPathSite> {
    if (!existsSync(path.join(builtDist, 'index.html'))) throw new Error(`no build in ${builtDist}: build it first`);
    const dist = mkdtempSync(path.join(tmpdir(), 'broadsheet-sub-path-'));
    cpSync(builtDist, dist, { recursive: true });
    moveBuild(dist, base);
    const api = new URL(backend);

    const server = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://site');
      if (url.pathname.startsWith('/api/')) {
        const forwarded = http.request(
          { host: api.hostname, port: api.port, method: request.method, path: request.url, headers: { ...request.headers, host: api.host } },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        forwarded.on('error', () => response.writeHead(502).end());
        request.pipe(forwarded);
        return;
      }
      if (url.pathname === '/' && url.searchParams.has('w')) {
        response.writeHead(200, { 'Content-Type': TYPES['.html'] }).end(widgetsPage(base, url));
        return;
      }
      if (!url.pathname.startsWith(base)) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not under the app');
        return;
      }
      let file = path.join(dist, 'index.html');
      try {
        const wanted = path.resolve(dist, decodeURIComponent(url.pathname.slice(base.length)));
        if (wanted.startsWith(dist + path.sep) && statSync(wanted).isFile()) file = wanted;
      } catch {
        // Not a file of the build (or not a decodable path): the app's page.
      }
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new SubPathSite(server, dist, `http://127.0.0.1:${port}`, base);
  }

  /** The address of `page` under the base ("", "articles/some-id"). */
  url(page = ''): string {
    return `${this.origin}${this.base}${page}`;
  }

  /** The paths (with queries) `page` asks this site for, from now on. */
  watchRequests(page: Page): string[] {
    const paths: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === this.origin) paths.push(url.pathname + url.search);
    });
    return paths;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dist, { recursive: true, force: true });
  }
}
