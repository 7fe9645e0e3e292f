// The build served without the reference backend, by a static web server configured only by the
// files scripts/static-host.mjs writes into dist/ (docs/static-hosting.md): nginx and Caddy from
// Debian serve a copy of the build whose API is the reference backend on another origin. Deep
// links load, the app runs under the backend's own Content-Security-Policy with no violation, the
// cache headers are the backend's, and the widgets are framed by an allowed partner only. The
// policy in the generated files is the backend's (`broadsheet-backend --print-csp`) for any
// configuration. All of it again with the build moved under /news/ (its public URL changed as
// kit/sub-path.ts does): every rule of the generated files is under /news/, and the site served
// from a folder that holds the build as news/ works there as at the root.
import { expect, test } from '@playwright/test';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { article, feedIds } from '../kit/api';
import { ReaderApp, expectSettled } from '../kit/pages';
import { escapeRegExp } from '../kit/patterns';
import { evilOrigin, partnerOrigin } from '../kit/partner';
import { moveBuild } from '../kit/sub-path';
import {
  backendPolicies,
  buildWithConfig,
  builtDist,
  CorsProxy,
  generatedPolicies,
  localBuild,
  parseDescription,
  partnerPageEmbedding,
  runStaticHostScript,
  StaticHost,
  watchPolicyViolations,
  type ServerKind,
} from '../kit/static-host';

test.skip(!localBuild, 'serves the local build with the local backend');

/** Pages of the app, relative to its base. */
const PAGES = ['', 'articles/harbour-tram-trial', 'embed/articles/harbour-tram-trial/card', 'no/such/page'];

/** Each generated file of `dist` gives each page of the app at `base` the backend's policy. */
function expectBackendPolicies(dist: string, base: string, backend: { embed: string; other: string }) {
  for (const page of PAGES) {
    const expected = page.startsWith('embed/') ? backend.embed : backend.other;
    const generated = generatedPolicies(dist, base + page);
    expect(generated.nginx, `nginx.conf, ${base}${page}`).toBe(expected);
    expect(generated.caddy, `Caddyfile, ${base}${page}`).toBe(expected);
    // `/*` has the embed pages' policy, the reader's pages add theirs after it: Netlify sends
    // the last, Cloudflare Pages both (browsers enforce each: only the stricter framing
    // counts). An unknown page, the app's "Page not found", has the embed pages' policy.
    const readerPage = page === '' || page.startsWith('articles/');
    expect(generated.headersFile, `_headers, ${base}${page}`).toEqual(readerPage ? [backend.embed, backend.other] : [backend.embed]);
  }
}

/** Runs `check` on a build of its own (index.html from the build, this config.json), removed after. */
async function withBuild(config: unknown, check: (dist: string) => void | Promise<void>): Promise<void> {
  const dist = buildWithConfig(config);
  try {
    await check(dist);
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}

test.describe('the policy in the generated files is the backend\'s', () => {
  const configs: Record<string, unknown> = {
    'the shipped config.json': readFileSync(path.join(builtDist, 'config.json'), 'utf8'),
    'an API on another origin, partners written loosely': {
      backend: { kind: 'native', base_url: ' https://API.example:443/v1/ ' },
      embed: { allowed_origins: ['https://Partner.example/', 'http://127.0.0.1:8300', 'https://partner.example', 'http://[::1]:8080', '\u0085https://nel.example:443\u00a0'] },
    },
    'a WordPress backend on a port, no partners': {
      backend: { kind: 'wordpress', base_url: 'http://127.0.0.1:8097/wp-json/wp/v2' },
      embed: { allowed_origins: null },
    },
    'no backend or embed at all': {},
    'a backend URL that is no http origin': { backend: { kind: 'native', base_url: 'javascript://x/%0aalert(1)' } },
  };

  for (const [name, config] of Object.entries(configs)) {
    test(`for ${name}`, () =>
      withBuild(config, (dist) => {
        const backend = backendPolicies(dist);
        expect(parseDescription(runStaticHostScript(dist, '--print-csp'))).toEqual(backend);
        runStaticHostScript(dist);
        expectBackendPolicies(dist, '/', backend);
      }));
  }

  test('for a build moved to /news/: every rule under /news/, none outside it', () =>
    withBuild(configs['the shipped config.json'], (dist) => {
      moveBuild(dist, '/news/');
      expect(runStaticHostScript(dist)).toContain('for an app at /news/');
      expectBackendPolicies(dist, '/news/', backendPolicies(dist));
      for (const page of PAGES) {
        expect(generatedPolicies(dist, `/${page}`), `/${page}`).toEqual({ headersFile: [], nginx: null, caddy: null });
      }
      const rules = (file: string) => readFileSync(path.join(dist, file), 'utf8').split('\n').filter((line) => /^[^#\s]/.test(line));
      expect(rules('_redirects')).toEqual(['/news/articles/*  /news/index.html  200', '/news/embed/*     /news/index.html  200']);
      expect(rules('_headers').filter((line) => !line.startsWith('/news/'))).toEqual([]);
      expect(rules('nginx.conf').filter((line) => line.startsWith('location') && !/^location [=^~ ]*"?\^?\/news\//.test(line))).toEqual([]);
      expect(readFileSync(path.join(dist, 'nginx.conf'), 'utf8')).toContain('try_files $uri /news/index.html =404;');
      expect(readFileSync(path.join(dist, 'Caddyfile'), 'utf8')).toContain('rewrite @app /news/index.html');
    }));

  test('a public URL the generated files cannot carry is refused', () =>
    withBuild(configs['the shipped config.json'], (dist) => {
      moveBuild(dist, '/news;x/');
      expect(() => runStaticHostScript(dist)).toThrow(/public URL is "\/news;x\/"/);
    }));

  test('a configuration the backend refuses is refused, naming the key', () =>
    withBuild({ embed: { allowed_origins: ['https://partner.example/widgets'] } }, (dist) => {
      expect(() => backendPolicies(dist)).toThrow(/"embed\.allowed_origins" has "https:\/\/partner\.example\/widgets"/);
      expect(() => runStaticHostScript(dist)).toThrow(/"embed\.allowed_origins" has "https:\/\/partner\.example\/widgets"/);
    }));

  test('the running backend sends the policy the script computes for the build it serves', async ({ request }) => {
    const index = await request.get('/index.html');
    const config = await request.get('/config.json');
    expect(index.ok() && config.ok()).toBeTruthy();
    await withBuild(await config.text(), async (dist) => {
      // The served index.html, byte for byte, in place of the one built.
      writeFileSync(path.join(dist, 'index.html'), await index.body());
      runStaticHostScript(dist);
      const id = (await feedIds(request))[0];
      for (const page of ['/', `/articles/${id}`, `/embed/articles/${id}/card`]) {
        const sent = (await request.get(page)).headers()['content-security-policy'] ?? '';
        // The backend also names its report endpoint, which a static host does not have.
        const reporting = '; report-uri /csp-reports';
        expect(sent.endsWith(reporting), page).toBe(true);
        expect(generatedPolicies(dist, page).nginx, page).toBe(sent.slice(0, -reporting.length));
      }
    });
  });
});

/**
 * The build served by `kind` from the generated files alone, at the root of its site or moved to
 * `base` (its public URL changed, the files generated again, the site's folder holding it as
 * news/): the same checks at either place.
 */
function servedBy(kind: ServerKind, base: string) {
  test.describe(`served by ${kind} from the generated configuration, the app at ${base}`, () => {
    test.describe.configure({ mode: 'serial' });
    let proxy: CorsProxy;
    let host: StaticHost;

    test.beforeAll(async ({ baseURL }) => {
      expect(StaticHost.installed(kind), `${kind} is not installed: run scripts/setup.sh test`).toBe(true);
      let appOrigin = '';
      proxy = await CorsProxy.start(baseURL!, () => appOrigin);
      host = await StaticHost.start(kind, { apiBase: `${proxy.origin}/api/v1`, partners: [partnerOrigin], base });
      appOrigin = host.origin;
    });

    test.afterAll(async () => {
      await host?.stop();
      await proxy?.stop();
    });

    test('a deep link to an article loads and shows it, with no policy violation', async ({ page, request }) => {
      const id = (await feedIds(request))[1];
      const story = await article(request, id);
      const violations = await watchPolicyViolations(page);
      const crashes = new ReaderApp(page).watchForCrashes();
      const response = await page.goto(host.url(`articles/${id}`));
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1, name: story.title })).toBeVisible();
      // The app read the article from the API on another origin, which connect-src allows.
      expect(response?.headers()['content-security-policy']).toContain(`connect-src 'self' ${proxy.origin};`);
      expect(response?.headers()['content-security-policy']).toBe(backendPolicies(host.dist).other);
      expect(violations).toEqual([]);
      expect(crashes).toEqual([]);
    });

    test('the front page and the app\'s not-found page are the app too', async ({ page }) => {
      const violations = await watchPolicyViolations(page);
      await page.goto(host.url());
      await new ReaderApp(page).expectFrontPage();
      const missing = await page.goto(host.url('no/such/page'));
      expect(missing?.headers()['content-security-policy']).toBe(backendPolicies(host.dist).other);
      await new ReaderApp(page).expectNotFound();
      expect(violations).toEqual([]);
    });

    test('headers: hashed files cached for a year, the rest revalidated, nosniff and a referrer policy everywhere', async ({ request }) => {
      const hashed = (await (await request.get(host.url())).text()).match(/[\w-]+-[0-9a-f]{12,20}_bg\.wasm/)?.[0];
      expect(hashed, 'the wasm named in index.html').toBeTruthy();
      const wasm = await request.get(host.url(hashed), { headers: { 'Accept-Encoding': 'gzip' } });
      expect(wasm.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(wasm.headers()['content-type']).toBe('application/wasm');
      for (const file of ['', 'index.html', 'config.json', 'embed.js', `embed/articles/x/card`]) {
        const response = await request.get(host.url(file));
        expect(response.status(), file).toBe(200);
        expect(response.headers()['cache-control'], file).toBe('no-cache');
        expect(response.headers()['x-content-type-options'], file).toBe('nosniff');
        expect(response.headers()['referrer-policy'], file).toBe('strict-origin-when-cross-origin');
      }
      // Browsers without frame-ancestors: the reader's pages are not framed by other sites; the
      // widgets cannot say which sites may, so they say nothing.
      expect((await request.get(host.url('articles/x'))).headers()['x-frame-options']).toBe('SAMEORIGIN');
      expect((await request.get(host.url('embed/articles/x/card'))).headers()['x-frame-options']).toBeUndefined();
      // Widgets are kept out of search results; the reader's pages are not.
      expect((await request.get(host.url('embed/articles/x/card'))).headers()['x-robots-tag']).toBe('noindex');
      expect((await request.get(host.url('articles/x'))).headers()['x-robots-tag']).toBeUndefined();
      for (const generated of ['nginx.conf', 'Caddyfile', '_headers', '_redirects']) {
        expect((await request.get(host.url(generated))).status(), generated).toBe(404);
      }
      // Under a sub-path, the site's other addresses are not the app's.
      const outside = await request.get(`${host.origin}/articles/x`);
      expect(outside.status()).toBe(base === '/' ? 200 : 404);
    });

    test('a widget is framed by an allowed partner and refused to any other site', async ({ page, request }) => {
      const id = (await feedIds(request))[2];
      const story = await article(request, id);
      const violations = await watchPolicyViolations(page);
      const partner = await partnerPageEmbedding(page, partnerOrigin, host.url());
      await partner.addWidget({ kind: 'card', article: id });
      await expectSettled(partner.root('card', id), 'ready');
      await expect(partner.iframe('card', id)).toHaveAttribute('src', new RegExp(`^${escapeRegExp(host.url('embed/'))}`));
      await expect(partner.cardLink(id, story.title)).toBeVisible();
      expect(violations).toEqual([]);

      const refused = page.waitForEvent('console', (message) => message.text().includes('frame-ancestors'));
      const evil = await partnerPageEmbedding(page, evilOrigin, host.url());
      await evil.addWidget({ kind: 'card', article: id });
      await refused;
      await expect(evil.root('card', id)).toHaveCount(0);
    });
  });
}

for (const kind of ['nginx', 'caddy'] as ServerKind[]) {
  for (const base of ['/', '/news/']) servedBy(kind, base);
}

test('the spec catches a static host whose policy hashes do not match the build', async ({ page, baseURL }) => {
  let appOrigin = '';
  const proxy = await CorsProxy.start(baseURL!, () => appOrigin);
  // Every hash replaced by another: the browser must refuse to run the loader and early.js.
  const host = await StaticHost.start('nginx', {
    apiBase: `${proxy.origin}/api/v1`,
    partners: [partnerOrigin],
    tamper: (dist) => {
      const file = path.join(dist, 'nginx.conf');
      const conf = readFileSync(file, 'utf8');
      writeFileSync(file, conf.replace(/'sha256-[^']+'/g, "'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='"));
    },
  });
  appOrigin = host.origin;
  try {
    const violations = await watchPolicyViolations(page);
    await page.goto(host.url('articles/harbour-tram-trial'));
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toMatch(/script-src/);
  } finally {
    await host.stop();
    await proxy.stop();
  }
});
