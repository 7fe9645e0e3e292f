// A reader's first journey: the front page, an article, a deep link, and a wrong address.
import { expect, test } from '@playwright/test';
import { findArticle, firstParagraph } from '../kit/api';
import { deploymentOf } from '../kit/deployment';
import { ArticlePage, FrontPage } from '../kit/pages';

test('the front page links to an article, which opens without a full page load', async ({ page, request }) => {
  const article = await findArticle(request);
  const front = new FrontPage(page);
  const crashes = front.watchForCrashes();
  await front.open();

  // A marker on window survives client-side navigation but not a full page load.
  await page.evaluate(() => ((window as any).__stillTheSamePage = true));
  const reader = await front.openArticle(article.title);

  await expect(page).toHaveURL(new RegExp(`/articles/${encodeURIComponent(article.id)}$`));
  await reader.expectHeadline(article.title);
  await expect(reader.text(firstParagraph(article))).toBeVisible();
  await reader.expectArticleTitle(article.title);
  expect(await page.evaluate(() => (window as any).__stillTheSamePage)).toBe(true);
  expect(crashes).toEqual([]);
});

test('a deep link to an article loads, and survives a reload', async ({ page, request }) => {
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  await page.reload();
  await reader.expectHeadline(article.title);
  await expect(reader.text(firstParagraph(article))).toBeVisible();
});

test('a click the reader means for a new tab is left to the browser', async ({ page, context, request }) => {
  const article = await findArticle(request);
  const front = new FrontPage(page);
  await front.open();
  await page.evaluate(() => ((window as any).__stillTheSamePage = true));
  const link = page.getByRole('link', { name: article.title, exact: true });

  const [tab] = await Promise.all([context.waitForEvent('page'), link.click({ modifiers: ['ControlOrMeta'] })]);
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe(`/articles/${encodeURIComponent(article.id)}`);
  await new ArticlePage(tab).expectHeadline(article.title);
  await tab.close();

  // This page stayed where it was: no navigation, in the app or otherwise.
  await front.expectFrontPage();
  expect(new URL(page.url()).pathname).toBe('/');
  expect(await page.evaluate(() => (window as any).__stillTheSamePage)).toBe(true);
});

test('a link to an address of the site that is not a reader page is loaded by the browser', async ({ page, request }) => {
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  // As a link in an article body to a file the site serves itself would be.
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = '/config.json';
    link.textContent = 'The site’s configuration';
    document.querySelector('main')?.append(link);
  });
  const response = page.waitForResponse((r) => new URL(r.url()).pathname === '/config.json' && r.request().isNavigationRequest());
  await page.getByRole('link', { name: 'The site’s configuration' }).click();
  expect((await response).ok()).toBe(true);
  await expect(page).toHaveURL(/\/config\.json$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
});

test('an article address with a trailing slash or escaped characters names the same article', async ({ page, request }) => {
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  await page.goto(`/articles/${encodeURIComponent(article.id)}/`);
  await reader.expectHeadline(article.title);
  // Every character escaped: the app decodes the path as the browser would show it.
  const escaped = [...new TextEncoder().encode(article.id)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  await page.goto(`/articles/${escaped}`);
  await reader.expectHeadline(article.title);
});

test('an unknown article id shows the not-found page', async ({ page }) => {
  const reader = new ArticlePage(page);
  await reader.open('no-such-article-anywhere');
  await reader.expectNotFound();
  await expect(reader.main).toContainText('We couldn’t find that article.');
  await reader.backToFrontPage();
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await new ArticlePage(page).expectNotFound();
});

test('the site name in the header links home', async ({ page, request }) => {
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  await reader.homeLink.click();
  await reader.expectFrontPage();
});

test('a deep link asks for the configuration and the article once, without waiting for the app', async ({ page, request }) => {
  const deployment = await deploymentOf(request);
  test.skip(!deployment.isDefaultNative, `early.js and the reference backend's preload start the native /api/v1 article request; this deployment has a ${deployment}`);
  const article = await findArticle(request);
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  const articlePath = new URL(deployment.resolve(deployment.native!.articleUrl(article.id))).pathname;
  expect(asked.filter((p) => p === '/config.json')).toHaveLength(1);
  expect(asked.filter((p) => p === articlePath)).toHaveLength(1);
  // Both were started by early.js (not waiting for the wasm), and the app took both answers.
  expect(await page.evaluate(() => Object.keys((window as any).__broadsheetEarly))).toEqual([]);
  // The article's request started with the page (the backend's `Link: rel=preload`), not after
  // the configuration had arrived; early.js's fetch took that answer instead of asking again.
  const started = await page.evaluate(
    (path) => performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === path).map((e) => (e as PerformanceResourceTiming).initiatorType),
    articlePath,
  );
  expect(started).toEqual(['link']);
});
