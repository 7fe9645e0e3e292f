// The same build served under a sub-path (https://example.com/news/): moved there by its one
// public URL, it finds its files and config.json under /news/, draws deep links, keeps every link
// it builds under /news/ and moves between its pages there without reloading.
import { expect, test } from '@playwright/test';
import { findArticle, relatedTo } from '../kit/api';
import { EmbedHost } from '../kit/embed';
import { ArticlePage, FrontPage } from '../kit/pages';
import { escapeRegExp } from '../kit/patterns';
import { SubPathSite } from '../kit/sub-path';

let site: SubPathSite;

test.beforeAll(async ({ baseURL }) => {
  site = await SubPathSite.start(new URL(baseURL ?? 'http://127.0.0.1:8099').origin, '/news/');
});

test.afterAll(async () => {
  await site?.stop();
});

/** Everything the app asked its site for is under /news/, but its backend and the articles'
 *  own images (which the backend's content links on the site's origin). */
function outsideTheBase(paths: string[]): string[] {
  return paths.filter((p) => !/^\/(news|api|demo)\//.test(p));
}

test('a deep link under /news/ draws the article, with config.json from /news/', async ({ page, request }) => {
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  const crashes = reader.watchForCrashes();
  const requests = site.watchRequests(page);

  await page.goto(site.url(`articles/${encodeURIComponent(article.id)}`));
  await reader.expectHeadline(article.title);
  await reader.expectArticleTitle(article.title);

  expect(requests).toContain('/news/config.json');
  expect(requests.filter((p) => p.endsWith('.wasm')).every((p) => p.startsWith('/news/'))).toBe(true);
  expect(outsideTheBase(requests)).toEqual([]);
  expect(crashes).toEqual([]);
});

test('the front page under /news/ links under /news/, and its links move within the app', async ({ page, request }) => {
  const article = await findArticle(request);
  const related = (await relatedTo(request, article.id))[0];
  test.skip(!related, 'the article has no related articles');
  const front = new FrontPage(page);
  const crashes = front.watchForCrashes();
  const requests = site.watchRequests(page);

  await page.goto(site.url());
  await front.expectFrontPage();
  await expect(front.cardLinks.first()).toBeVisible();
  const hrefs = await front.cardLinks.evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) expect(href).toMatch(/^\/news\/articles\/[^/]+$/);
  await expect(front.homeLink).toHaveAttribute('href', '/news/');
  await expect(front.sectionLink('City')).toHaveAttribute('href', '/news/?section=City');

  // A marker on window survives moving within the app, not a page load.
  await page.evaluate(() => ((window as any).__stillTheSamePage = true));
  const reader = await front.openArticle(article.title);
  await expect(page).toHaveURL(site.url(`articles/${encodeURIComponent(article.id)}`));
  await reader.expectHeadline(article.title);

  await reader.related.openRelated(related.title);
  await expect(page).toHaveURL(site.url(`articles/${encodeURIComponent(related.id)}`));
  await reader.expectHeadline(related.title);

  await page.goBack();
  await expect(page).toHaveURL(site.url(`articles/${encodeURIComponent(article.id)}`));
  await reader.expectHeadline(article.title);
  await page.goBack();
  await expect(page).toHaveURL(site.url());
  await front.expectFrontPage();

  await front.filterBySection('City');
  await expect(page).toHaveURL(site.url('?section=City'));
  await front.homeLink.click();
  await expect(page).toHaveURL(site.url());
  await front.expectFrontPage();

  expect(await page.evaluate(() => (window as any).__stillTheSamePage)).toBe(true);
  expect(outsideTheBase(requests)).toEqual([]);
  expect(crashes).toEqual([]);
});

test('an address under /news/ that is no page is not found, and its way back stays under /news/', async ({ page }) => {
  const front = new FrontPage(page);
  await page.goto(site.url('no-such-page'));
  await front.expectNotFound();
  await front.backToFrontPage();
  await expect(page).toHaveURL(site.url());
});

test('embed.js served from /news/ frames the widgets from /news/embed/', async ({ page, request }) => {
  const article = await findArticle(request);
  const host = new EmbedHost(page, site.origin);
  await host.open([{ kind: 'card', article: article.id }]);

  const widget = site.url(`embed/articles/${encodeURIComponent(article.id)}/card?`);
  await expect(host.iframe('card', article.id)).toHaveAttribute('src', new RegExp(`^${escapeRegExp(widget)}`));
  await expect(host.cardLink(article.id, article.title)).toHaveAttribute('href', `/news/articles/${encodeURIComponent(article.id)}`);
});
