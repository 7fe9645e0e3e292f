// Static hosting with the prerender command (broadsheet-prerender, docs/static-hosting.md): a
// build whose backend is a WordPress site or a JSON Feed (the fixture sites), prerendered and
// served by nginx or Caddy from the files scripts/static-host.mjs writes, looks to a link
// unfurler (a client that runs no script) as the reference backend's pages do: each article
// page has the article's title, description, image and JSON-LD, equal to what the app shows and
// to the head the app itself keeps, and the article's preview is in the HTML for the first
// paint; robots.txt, the sitemap and the feeds are there; an article that was not prerendered
// still opens in the app.
import { expect, test, type Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ArticlePage } from '../kit/pages';
import { fixtureSite, fixtureSitesRun, type BackendKind } from '../kit/sites';
import { localBuild, root, StaticHost, type ServerKind } from '../kit/static-host';

/** Built by scripts/test.sh before the end-to-end layer (`cargo build -p broadsheet-prerender`). */
const PRERENDER = process.env.BROADSHEET_PRERENDER ?? path.join(root, 'target/debug/broadsheet-prerender');
/** Fewer than the fixture sites have: the others are left to the app. */
const PRERENDERED = 3;

test.skip(!localBuild || !fixtureSitesRun, 'prerenders the local build from the local fixture sites');
// In CI a missing command is a failure, not a skip.
test.skip(!existsSync(PRERENDER) && !process.env.CI, `needs ${PRERENDER}: cargo build -p broadsheet-prerender`);

/** The fixture site's `backend` settings, as its own config.json gives them. */
async function backendOf(kind: BackendKind): Promise<Record<string, unknown>> {
  const config = await (await fetch(`${fixtureSite(kind)}/config.json`)).json();
  return config.backend;
}

function prerender(dist: string, siteUrl: string): void {
  execFileSync(PRERENDER, ['--dist', dist, '--site-url', siteUrl, '--articles', String(PRERENDERED)], { stdio: 'pipe' });
}

/** The article pages written into the served copy of the build (JSON Feed ids, which are URLs,
 *  are paths of folders). */
function pageFiles(host: StaticHost): string[] {
  return (readdirSync(path.join(host.dist, 'articles'), { recursive: true }) as string[]).filter((name) => name.endsWith('.html'));
}

/** The ids of the prerendered articles, from the site's own feed (which lists exactly them). */
async function prerenderedIds(host: StaticHost): Promise<string[]> {
  const feed = await (await fetch(host.url('feed.json'))).json();
  const prefix = host.url('articles/');
  return feed.items.map((item: { url: string }) => {
    expect(item.url.startsWith(prefix), item.url).toBe(true);
    return decodeURIComponent(item.url.slice(prefix.length));
  });
}

/** The page as a client that runs no script sees it: its head, and the preview in its HTML. */
async function unfurl(browser: Browser, url: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const response = await page.goto(url);
    const head = await new ArticlePage(page).headDescription();
    const previewHeadline = await page.evaluate(() => document.querySelector('#early-preview h1')?.textContent ?? null);
    return { status: response?.status(), contentType: response?.headers()['content-type'], head, previewHeadline };
  } finally {
    await context.close();
  }
}

const cases: [BackendKind, ServerKind][] = [
  ['wordpress', 'nginx'],
  ['wordpress', 'caddy'],
  ['json_feed', 'nginx'],
];

for (const [kind, server] of cases) {
  test(`a prerendered ${kind} site on ${server} unfurls and is found as the backend's pages are`, async ({ browser, page, request }) => {
    test.skip(!StaticHost.installed(server), `${server} is not installed (scripts/setup.sh test installs it)`);
    const host = await StaticHost.start(server, { backend: await backendOf(kind), partners: [], prepare: prerender });
    try {
      const ids = await prerenderedIds(host);
      expect(ids).toHaveLength(PRERENDERED);
      expect(pageFiles(host)).toHaveLength(PRERENDERED);

      for (const id of ids.slice(0, 2)) {
        const url = host.url(`articles/${encodeURIComponent(id)}`);
        const seen = await unfurl(browser, url);
        expect(seen.status, url).toBe(200);
        expect(seen.contentType, url).toMatch(/^text\/html/);
        const meta = (key: string) => seen.head.meta.find((line) => line.startsWith(`${key} `))?.slice(key.length + 1);

        // What the app shows of the same article, read from its backend in the browser.
        const reader = new ArticlePage(page);
        await page.goto(url);
        const headline = (await reader.headline.textContent())?.trim() ?? '';
        expect(headline, url).not.toBe('');
        await reader.expectHeadline(headline);
        expect(seen.previewHeadline?.trim(), 'the preview in the HTML').toBe(headline);
        expect(meta('property=og:title')).toBe(headline);
        // The article's own address where its backend gives one (a WordPress post's link),
        // else this page's.
        const canonical = seen.head.canonical ?? '';
        expect(canonical === url || (/^https?:\/\//.test(canonical) && !canonical.startsWith(host.origin)), canonical).toBe(true);
        expect(meta('property=og:url')).toBe(canonical);
        const dek = page.locator('article .dek');
        if (await dek.count()) expect(meta('name=description')).toBe((await dek.textContent())?.trim());
        else expect(meta('name=description') ?? '').not.toBe('');
        const image = page.locator('article figure.lead img');
        if (await image.count()) {
          const src = await image.evaluate((img) => (img as HTMLImageElement).src);
          expect(meta('property=og:image')).toBe(src);
        }
        const [ld] = seen.head.jsonLd as Record<string, any>[];
        expect(ld['@type']).toBe('NewsArticle');
        expect(ld.headline).toBe(headline);
        expect(ld.mainEntityOfPage).toMatchObject({ '@id': canonical });
        expect(ld.datePublished).toBe(await page.locator('article header time').first().getAttribute('datetime'));
        // The app keeps the head it was given: the same description once it has started.
        await expect.poll(() => reader.headDescription()).toEqual(seen.head);
      }

      const robots = await request.get(host.url('robots.txt'));
      expect(await robots.text()).toContain(`Sitemap: ${host.url('sitemap.xml')}`);
      const sitemap = await (await request.get(host.url('sitemap.xml'))).text();
      for (const id of ids) expect(sitemap).toContain(`<loc>${host.url(`articles/${encodeURIComponent(id)}`)}</loc>`);
      expect(await (await request.get(host.url('feed.xml'))).text()).toContain('<rss version="2.0"');
      // Every page links the feeds: the front page (and any page of the app) too.
      const front = await (await request.get(host.url())).text();
      const name = (await (await request.get(host.url('config.json'))).json()).site.name;
      expect(front).toContain(`<link rel="alternate" type="application/feed+json" title="${name}" href="${host.url('feed.json')}" data-server-head>`);
    } finally {
      await host.stop();
    }
  });
}

test('an article the prerender left out still opens in the app, and a second run changes only what changed', async ({ browser, page }) => {
  test.skip(!StaticHost.installed('nginx'), 'nginx is not installed (scripts/setup.sh test installs it)');
  let siteUrl = '';
  const host = await StaticHost.start('nginx', {
    backend: await backendOf('json_feed'),
    partners: [],
    prepare: (dist, url) => {
      siteUrl = url;
      prerender(dist, url);
    },
  });
  try {
    const before = await prerenderedIds(host);
    execFileSync(PRERENDER, ['--dist', host.dist, '--site-url', siteUrl, '--articles', '1'], { stdio: 'pipe' });
    const after = await prerenderedIds(host);
    expect(after).toHaveLength(1);
    expect(pageFiles(host)).toHaveLength(1);
    expect(before).toContain(after[0]);
    const dropped = before.find((id) => id !== after[0])!;

    // Its page is gone (nothing stale is served), and the app shows the article from the feed.
    const unfurled = await unfurl(browser, host.url(`articles/${encodeURIComponent(dropped)}`));
    expect(unfurled.status).toBe(200);
    expect(unfurled.previewHeadline).toBeNull();
    expect(unfurled.head.canonical).toBeNull();
    const reader = new ArticlePage(page);
    await page.goto(host.url(`articles/${encodeURIComponent(dropped)}`));
    await expect(reader.headline).toBeVisible();
    await expect(reader.headline).not.toHaveText('');
  } finally {
    await host.stop();
  }
});

test('a German site’s prerendered pages speak German around the article, as its app does', async ({ browser, page }) => {
  test.skip(!StaticHost.installed('nginx'), 'nginx is not installed (scripts/setup.sh test installs it)');
  const german = JSON.parse(readFileSync(path.join(root, 'public/locales/de.json'), 'utf8'));
  const host = await StaticHost.start('nginx', {
    backend: await backendOf('wordpress'),
    partners: [],
    prepare: (dist, url) => {
      const configPath = path.join(dist, 'config.json');
      const config = JSON.parse(readFileSync(configPath, 'utf8'));
      writeFileSync(configPath, JSON.stringify({ ...config, site: { ...config.site, locale: 'de' } }));
      prerender(dist, url);
    },
  });
  try {
    // The newest post: it has an author, so the byline has its words.
    const [id] = await prerenderedIds(host);
    const url = host.url(`articles/${encodeURIComponent(id)}`);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const unfurler = await context.newPage();
    await unfurler.goto(url);
    const view = new ArticlePage(unfurler);
    const byline = view.headerPart('byline', view.preview);
    await expect(byline).toHaveAttribute('lang', 'de');
    await expect(byline).toHaveText(new RegExp(`^${german.article.by.trim()}\\s`));
    const meta = view.headerPart('meta', view.preview);
    await expect(meta).toHaveAttribute('lang', 'de');
    await expect(meta).toContainText(german.article.minutes_to_read_other.replace('{{count}}', '').trim());
    await expect(meta).not.toContainText(/ago|min read/);
    const siteName = (await (await fetch(host.url('config.json'))).json()).site.name;
    const headline = (await view.previewHeadline.textContent())?.trim() ?? '';
    await expect(unfurler).toHaveTitle(german.head.title.replace('{{page}}', headline).replace('{{site}}', siteName));
    // A reader without JavaScript is told in German too.
    await expect(unfurler.locator('noscript p')).toHaveText(german.app.needs_script.replace('{{site}}', siteName));
    await expect(unfurler.locator('noscript p')).toHaveAttribute('lang', 'de');
    await unfurler.goto(host.url());
    await expect(view.metaDescription).toHaveAttribute('content', german.head.site_description.replace('{{site}}', siteName));
    await context.close();

    // The app, started, says the same title.
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: headline })).toBeVisible();
    await expect(page).toHaveTitle(german.head.title.replace('{{page}}', headline).replace('{{site}}', siteName));
  } finally {
    await host.stop();
  }
});
