// Hostile content and the Content-Security-Policy. Every vector of the corpus (kit/xss.ts) is
// placed in every text and URL field of every contract type (article, its blocks, related and
// feed items, comments, a rejected post's error message): no script runs, nothing leaves the
// app, the CSP is never violated, and the text reads as text. The served policy itself is strict
// and the whole app, embeds included, runs under it without a single violation.
//
// Any kind of backend: the hostile documents are the native contract's, so for them the page is
// configured for a native backend at /api/v1 (on its own origin, which the CSP allows) whatever
// the deployment's config.json says. The test that posts skips in a read-only run.
import { expect, test, type Page } from '@playwright/test';
import { findArticle } from '../kit/api';
import { CommentsSection } from '../kit/comments';
import { deploymentOf, skipIfReadOnly } from '../kit/deployment';
import { EmbedHost } from '../kit/embed';
import { ArticlePage, expectSettled, FrontPage } from '../kit/pages';
import { partnerOrigin } from '../kit/partner';
import { ReaderTools } from '../kit/reader-tools';
import { AttackWatch } from '../kit/security';
import { hostileArticle, hostileComments, hostileError, hostileSummary, vectors } from '../kit/xss';

const CHUNK = 10;
const pageOf = (items: unknown[]) => ({ items, next_cursor: null, total: items.length });
/** Text as the page shows it: whitespace collapsed, as `innerText` would. */
const shown = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Serves the hostile documents for these vectors in place of the backend's answers. */
async function serveHostile(page: Page, chunk: { vector: string; n: number }[]): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    await route.fulfill({ response, json: { ...config, backend: { kind: 'native', base_url: '/api/v1' } } });
  });
  // The feed is the chunk's items; every related list is the same items under other ids (a
  // related list never shows the article it is under), whose articles are the same again.
  const summaries = pageOf(chunk.map((c) => hostileSummary(`hostile-${c.n}`, c.vector)));
  const related = pageOf(chunk.map((c) => hostileSummary(`hostile-${c.n}-related`, c.vector)));
  await page.route('**/api/v1/articles**', (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const match = /^\/api\/v1\/articles(?:\/hostile-(\d+)(?:-related)?)?(\/related|\/comments)?$/.exec(url.pathname);
    if (!match) return route.fallback();
    const [, n, tail] = match;
    const vector = n === undefined ? '' : vectors[Number(n)];
    if (n === undefined) return route.fulfill({ json: summaries });
    if (tail === '/related') return route.fulfill({ json: related });
    if (!tail) return route.fulfill({ json: hostileArticle(`hostile-${n}`, vector) });
    if (request.method() === 'POST') return route.fulfill({ status: 422, json: hostileError(vector) });
    return route.fulfill({ json: pageOf(hostileComments(vector, Number(n))) });
  });
}

const chunks = Array.from({ length: Math.ceil(vectors.length / CHUNK) }, (_, i) =>
  vectors.slice(i * CHUNK, (i + 1) * CHUNK).map((vector, j) => ({ vector, n: i * CHUNK + j })),
);

test('the corpus has at least 100 distinct vectors', () => {
  expect(new Set(vectors).size).toBe(vectors.length);
  expect(vectors.length).toBeGreaterThanOrEqual(100);
});

for (const [i, chunk] of chunks.entries()) {
  test(`hostile content ${i * CHUNK + 1}–${i * CHUNK + chunk.length} in every field: nothing runs, text stays text`, async ({ page, baseURL }) => {
    test.setTimeout(20_000 + chunk.length * 6_000);
    const watch = await AttackWatch.start(page, [new URL(baseURL!).origin]);
    await serveHostile(page, chunk);
    const front = new FrontPage(page);
    await front.open();
    await expectSettled(front.feed, 'ready');
    await expect(front.cardLinks).toHaveCount(chunk.length);

    for (const { vector, n } of chunk) {
      const reader = new ArticlePage(page);
      await reader.open(`hostile-${n}`);
      await expectSettled(reader.state, 'ready');
      await expect(reader.headline).toHaveText(shown(`Hostile ${vector}`));
      await expectSettled(reader.related.section, 'ready');
      const comments = new CommentsSection(page);
      await comments.expectLoaded();
      await expect(comments.comment(shown(`Reply ${vector}`)).first()).toBeVisible();
      // A rejected post shows the backend's message, as text.
      await comments.postComment('Tester', `Checking vector ${n}`);
      await expect(comments.formAlert()).toContainText(shown(vector).slice(0, 40));
      expect(await watch.dangerousMarkup(), `vector ${n}: ${vector}`).toEqual([]);
    }
    watch.expectNothing();
  });
}

test('the app is served with a strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto('/');
  const policy = response?.headers()['content-security-policy'] ?? '';
  const directive = (name: string) => policy.split(/;\s*/).find((d) => d.startsWith(`${name} `)) ?? '';
  expect(directive('script-src')).toMatch(/^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]+=*')+$/);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toMatch(/'unsafe-eval'/);
  expect(directive('object-src')).toBe("object-src 'none'");
  expect(directive('base-uri')).toBe("base-uri 'none'");
  // The app's own origin, and the backend's where it is another.
  const deployment = await deploymentOf(page);
  const backend = deployment.backendOrigin;
  expect(directive('connect-src')).toBe(backend === deployment.origin ? "connect-src 'self'" : `connect-src 'self' ${backend}`);
  expect(directive('frame-ancestors')).toBe("frame-ancestors 'self'");

  // The policy is enforced: script injected into the page is refused, and reported.
  const watch = await AttackWatch.start(page, [new URL(page.url()).origin]);
  await page.reload();
  await new FrontPage(page).expectFrontPage();
  // Where the server names a report endpoint (the reference backend does), the browser posts
  // the violation there, and it is taken.
  const reportsTo = /report-uri (\S+?)(;|$)/.exec(policy)?.[1];
  const reported = reportsTo ? page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === reportsTo) : null;
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'top.__xss()';
    document.head.append(script);
  });
  await expect.poll(() => watch.violations.length).toBeGreaterThan(0);
  expect(watch.calls).toEqual([]);
  if (reported) expect((await (await reported).response())?.status()).toBe(204);
});

test('reading, posting, the reader tools and embeds run with zero CSP violations', async ({ page, request, baseURL }) => {
  skipIfReadOnly();
  const watch = await AttackWatch.start(page, [new URL(baseURL!).origin, partnerOrigin]);
  const article = await findArticle(request, (a) => a.comments?.enabled !== false, 'oldest');
  const front = new FrontPage(page);
  await front.open();
  await expectSettled(front.feed, 'ready');
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  await expectSettled(reader.related.section, 'ready');
  const comments = new CommentsSection(page);
  await comments.expectLoaded();
  await comments.postComment('Policy Checker', `Posted under the CSP at ${Date.now()}.`);
  await expect(comments.formAlert()).toHaveCount(0);
  const tools = new ReaderTools(page);
  await tools.openSummary();
  await expect(tools.summarySentences.first()).toBeVisible();
  await tools.textSize.selectOption({ label: 'Large' });

  const host = new EmbedHost(page);
  await host.open([
    { kind: 'card', article: article.id },
    { kind: 'related', article: article.id },
    { kind: 'comments', article: article.id },
  ]);
  for (const kind of ['card', 'related', 'comments'] as const) await host.waitForHeight(kind, article.id);
  await host.comments(article.id).expectLoaded();
  watch.expectNothing();
});
