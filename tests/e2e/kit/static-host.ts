// The build served by a static web server instead of the reference backend, as
// docs/static-hosting.md tells deployers to: a copy of dist/ whose config.json points the app at
// an API on another origin, with the files scripts/static-host.mjs writes regenerated for it,
// served by Debian's nginx (configured only by the generated nginx.conf, plus `listen` and
// `root`) or Caddy (the generated Caddyfile, with its address and root from the environment),
// each an unprivileged process of its own on a free port, in a temporary folder. The copy may be
// moved to a sub-path first (its public URL changed as kit/sub-path.ts does): the server's folder
// for the site then holds it as news/, as docs/static-hosting.md says.
//
// The reference backend sends no CORS headers (docs/deploying.md): here, as in a deployment, a
// proxy in front of it on another origin adds the ones docs/backends.md#cors lists.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { EmbedHost } from './embed';
import { moveBuild } from './sub-path';

export const root = path.resolve(__dirname, '../../..');
/** The build the static hosts serve (the one the backend of the run serves a copy of). */
export const builtDist = path.resolve(root, process.env.E2E_DIST ?? 'dist');
const BACKEND_BINARY = path.join(root, 'target/server/broadsheet-backend');
const SCRIPT = path.join(root, 'scripts/static-host.mjs');

export type ServerKind = 'nginx' | 'caddy';

/** These specs build and serve the local build: not when the run points at a deployment elsewhere. */
export const localBuild = !process.env.BROADSHEET_BASE_URL;

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A temporary folder that the web servers' worker processes (nginx's run as nobody) can read. */
function readableTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** Runs scripts/static-host.mjs as the build does; returns what it printed. */
export function runStaticHostScript(dist: string, ...args: string[]): string {
  return execFileSync(process.execPath, [SCRIPT, dist, ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
}

/** `broadsheet-backend --print-csp` for a build: the backend's own policy, the one source of truth. */
export function backendPolicies(dist: string): { embed: string; other: string } {
  return parseDescription(
    execFileSync(BACKEND_BINARY, ['--print-csp', '--dist', dist], { cwd: root, encoding: 'utf8', stdio: 'pipe' }),
  );
}

/** The two policies of a `--print-csp` text (the backend's or the script's). */
export function parseDescription(text: string): { embed: string; other: string } {
  const match = /^Pages under \/embed\/:\n(.+)\n\nEvery other HTML page:\n(.+)\n?$/.exec(text);
  if (!match) throw new Error(`not a --print-csp description:\n${text}`);
  return { embed: match[1], other: match[2] };
}

/** A build of its own to generate files for: index.html from `dist` and this config.json. */
export function buildWithConfig(config: unknown, dist = builtDist): string {
  const dir = readableTempDir('broadsheet-static-config-');
  writeFileSync(path.join(dir, 'index.html'), readFileSync(path.join(dist, 'index.html')));
  writeFileSync(path.join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return dir;
}

/** Where a request path gets its policy from, in each generated file. */
export type GeneratedPolicies = { headersFile: string[]; nginx: string | null; caddy: string | null };

/**
 * The Content-Security-Policy each generated file sends for a page at `urlPath`, read from the
 * files as each server reads them (so a rule that misses the page's path is seen): from nginx.conf
 * the prefix location nginx picks for it, from the Caddyfile the @embed or @reader matcher whose
 * path it is under, from _headers every rule whose path matches, in order (Netlify keeps the last,
 * Cloudflare enforces all). Null (or empty) where no rule of a file applies.
 */
export function generatedPolicies(dist: string, urlPath: string): GeneratedPolicies {
  const nginx = readFileSync(path.join(dist, 'nginx.conf'), 'utf8');
  let nginxPolicy: string | null = null;
  let longest = -1;
  for (const [, prefix, body] of nginx.matchAll(/^location (?:\^~ )?(\/\S*) \{\n([^]*?)\n\}/gm)) {
    if (urlPath.startsWith(prefix) && prefix.length > longest) {
      longest = prefix.length;
      nginxPolicy = /add_header Content-Security-Policy "([^"]*)" always;/.exec(body)?.[1] ?? null;
    }
  }
  const caddy = readFileSync(path.join(dist, 'Caddyfile'), 'utf8');
  const caddyPath = (pattern: RegExp) => {
    const prefix = pattern.exec(caddy)?.[1];
    if (!prefix) throw new Error(`${dist}/Caddyfile has no ${pattern}`);
    return urlPath.startsWith(prefix);
  };
  const caddyHeader = (matcher: string) =>
    new RegExp(`header @${matcher} Content-Security-Policy "([^"]*)"`).exec(caddy)?.[1] ?? null;
  const embed = caddyPath(/^\t@embed path (\S+)\*$/m);
  const reader = caddyPath(/^\t@reader \{\n\t\tpath (\S+)\*$/m) && !caddyPath(/^\t\tnot path (\S+)\*\n\t\}$/m);
  const caddyPolicy = embed ? caddyHeader('embed') : reader ? caddyHeader('reader') : null;
  const headersFile: string[] = [];
  let matches = false;
  for (const line of readFileSync(path.join(dist, '_headers'), 'utf8').split('\n')) {
    if (line.startsWith('/')) {
      const rule = line.trim();
      matches = rule.endsWith('/*') ? `${urlPath}/`.startsWith(rule.slice(0, -1)) : rule === urlPath;
    } else if (matches && line.startsWith('  Content-Security-Policy: ')) {
      headersFile.push(line.slice('  Content-Security-Policy: '.length));
    }
  }
  return { headersFile, nginx: nginxPolicy, caddy: caddyPolicy };
}

/**
 * A proxy on its own origin in front of the reference backend that adds the CORS headers
 * docs/backends.md#cors asks of a native backend on another origin than the app.
 */
export class CorsProxy {
  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
  ) {}

  static async start(backend: string, appOrigin: () => string): Promise<CorsProxy> {
    const target = new URL(backend);
    const server = http.createServer((request, response) => {
      const cors: Record<string, string> = {
        'Access-Control-Allow-Origin': appOrigin(),
        'Access-Control-Expose-Headers': 'Location',
        Vary: 'Origin',
      };
      if (request.method === 'OPTIONS') {
        response.writeHead(204, {
          ...cors,
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
          'Access-Control-Max-Age': '600',
        });
        response.end();
        return;
      }
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: request.url, method: request.method, headers: { ...request.headers, host: target.host } },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...cors });
          answer.pipe(response);
        },
      );
      upstream.on('error', () => response.writeHead(502).end());
      request.pipe(upstream);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return new CorsProxy(server, `http://127.0.0.1:${port}`);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** One static web server serving a copy of the build. */
export class StaticHost {
  private constructor(
    readonly kind: ServerKind,
    readonly origin: string,
    /** The path the app is served under: "/", or "/news/". */
    readonly base: string,
    /** The copy of dist/ it serves (the site's folder for the server, or its news/ folder). */
    readonly dist: string,
    private readonly folder: string,
    private readonly process: ChildProcess,
    private readonly log: () => string,
  ) {}

  /** Whether Debian's package for this server is installed (scripts/setup.sh test installs both). */
  static installed(kind: ServerKind): boolean {
    try {
      execFileSync(kind, kind === 'nginx' ? ['-v'] : ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Copies the build, moves it to `base` (its public URL, as kit/sub-path.ts does), points its
   * config.json at `apiBase` (or `backend`) and lets `partners` embed it, runs `prepare` (the
   * prerender command, say) and scripts/static-host.mjs on the
   * copy (as a deployer does after editing config.json), and starts `kind` on it, with the copy as
   * the site's folder or, under a sub-path, as the site folder's news/. `tamper` may change the
   * copy after that, to show what a test catches.
   */
  static async start(
    kind: ServerKind,
    {
      apiBase,
      backend,
      partners,
      base = '/',
      prepare,
      tamper,
    }: {
      apiBase?: string;
      /** The whole `backend` object, in place of a native one at `apiBase`. */
      backend?: Record<string, unknown>;
      partners: string[];
      base?: string;
      /** Runs on the copy before scripts/static-host.mjs, given where the site will be. */
      prepare?: (dist: string, siteUrl: string) => void;
      tamper?: (dist: string) => void;
    },
  ): Promise<StaticHost> {
    const folder = readableTempDir(`broadsheet-${kind}-`);
    const site = path.join(folder, 'site');
    const dist = path.join(site, ...base.split('/').filter(Boolean));
    cpSync(builtDist, dist, { recursive: true });
    for (const name of ['_headers', '_redirects', 'nginx.conf', 'Caddyfile']) rmSync(path.join(dist, name), { force: true });
    if (base !== '/') moveBuild(dist, base);
    const configPath = path.join(dist, 'config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    config.backend = backend ?? { ...config.backend, kind: 'native', base_url: apiBase };
    config.embed = { ...config.embed, allowed_origins: partners };
    writeFileSync(configPath, JSON.stringify(config, null, 2));
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    prepare?.(dist, `${origin}${base}`);
    runStaticHostScript(dist);
    tamper?.(dist);

    const logFile = path.join(folder, `${kind}.log`);
    const child = kind === 'nginx' ? startNginx(folder, site, dist, port, logFile) : startCaddy(folder, site, dist, origin, logFile);
    const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
    const host = new StaticHost(kind, origin, base, dist, folder, child, log);
    await host.waitUntilServing();
    return host;
  }

  private async waitUntilServing(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) break;
      const ok = await fetch(this.url('config.json')).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.kind} did not start (exit ${this.process.exitCode}):\n${this.log()}`);
  }

  /** The address of the app's page or file `page` ("", "articles/some-id", "embed.js"). */
  url(page = ''): string {
    return `${this.origin}${this.base}${page}`;
  }

  /** The server's own log (nginx's error log, Caddy's output). */
  get serverLog(): string {
    return this.log();
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      await exited;
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** nginx in the foreground: its own nginx.conf around the generated include, with `site` (the
 *  build, or the folder that holds it under the sub-path's name) as the server's root. */
function startNginx(folder: string, site: string, dist: string, port: number, logFile: string): ChildProcess {
  // mime.types next to the packaged nginx.conf (Debian: /etc/nginx), as nginx -V names it.
  const info = spawnSync('nginx', ['-V'], { encoding: 'utf8' }).stderr;
  const confPath = /--conf-path=(\S+)/.exec(info)?.[1] ?? '/etc/nginx/nginx.conf';
  const mimeTypes = path.join(path.dirname(confPath), 'mime.types');
  const temp = (name: string) => path.join(folder, name);
  const conf = `daemon off;
worker_processes 1;
pid ${temp('nginx.pid')};
error_log ${logFile} info;
events { worker_connections 64; }
http {
    include ${mimeTypes};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path ${temp('client_body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};
    server {
        listen 127.0.0.1:${port};
        root ${site};
        include ${path.join(dist, 'nginx.conf')};
    }
}
`;
  writeFileSync(temp('nginx.conf'), conf);
  return spawn('nginx', ['-p', folder, '-c', temp('nginx.conf'), '-e', logFile], { stdio: 'ignore' });
}

/** Caddy in the foreground: the generated Caddyfile, imported after options that keep the test's
 *  Caddy off the admin port and its state in the temporary folder; `site` (the build, or the
 *  folder that holds it under the sub-path's name) is its root. */
function startCaddy(folder: string, site: string, dist: string, origin: string, logFile: string): ChildProcess {
  const conf = `{
\tadmin off
\tstorage file_system ${path.join(folder, 'caddy-data')}
}
import ${path.join(dist, 'Caddyfile')}
`;
  writeFileSync(path.join(folder, 'Caddyfile'), conf);
  const child = spawn('caddy', ['run', '--config', path.join(folder, 'Caddyfile'), '--adapter', 'caddyfile'], {
    env: {
      ...process.env,
      BROADSHEET_ADDRESS: origin,
      BROADSHEET_ROOT: site,
      HOME: folder,
      XDG_CONFIG_HOME: path.join(folder, 'config'),
      XDG_DATA_HOME: path.join(folder, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  const keep = (chunk: Buffer) => {
    chunks.push(chunk);
    writeFileSync(logFile, Buffer.concat(chunks));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

/** Collects Content-Security-Policy violations in every frame of a page; call before it loads. */
export async function watchPolicyViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('__staticHostViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    const report = (window as unknown as { __staticHostViolation: (text: string) => void }).__staticHostViolation;
    document.addEventListener('securitypolicyviolation', (event) => {
      report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return violations;
}

/**
 * A partner's page on `partner` showing a widget of the reader whose app is at `reader` (its
 * address, ending in "/"), as a partner writes it (embed.js from the reader, an element per
 * widget), and the usual page objects for it.
 */
export async function partnerPageEmbedding(page: Page, partner: string, reader: string): Promise<EmbedHost> {
  const host = new EmbedHost(page, partner);
  await page.goto(`${partner}/frame`);
  await page.evaluate(async (src) => {
    const script = document.createElement('script');
    script.src = src;
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    document.body.append(document.createElement('main'), script);
    await loaded;
  }, `${reader}embed.js`);
  await expect.poll(() => page.evaluate(() => typeof (window as { Broadsheet?: unknown }).Broadsheet)).toBe('object');
  return host;
}
