// Related articles, the paginated front page, and moving between articles like a reader does.
// A native backend (any base URL and path templates): the related list, paging by cursor and
// prefetching are checked against the native contract's requests.
import { expect, test, type Page } from '@playwright/test';
import { article, findArticle, feedIds, relatedTo as relatedTitles } from '../kit/api';
import { deploymentOf, requireBackend } from '../kit/deployment';
import { routeTarget, targetMatches } from '../kit/faults';
import { ArticlePage, FrontPage } from '../kit/pages';

requireBackend({ kinds: ['native'] }, 'checks the native contract’s related, paging and article requests');

/** Counts requests for one article's JSON (not its related list or comments). */
async function countArticleRequests(page: Page, id: string): Promise<() => number> {
  let count = 0;
  const isArticle = await targetMatches(page, 'article', id);
  page.on('request', (request) => {
    if (isArticle(request)) count += 1;
  });
  return () => count;
}

test('feed → article → related → back → forward, with headline, URL and focus', async ({ page, request }) => {
  const first = await findArticle(request, () => true);
  const [next] = await relatedTitles(request, first.id);
  const front = new FrontPage(page);
  await front.open();
  const reader = await front.openArticle(first.title);
  await reader.expectHeadline(first.title);
  await expect(reader.headline).toBeFocused();

  await expect(reader.related.cardLinks.first()).toBeVisible();
  await reader.related.section.scrollIntoViewIfNeeded();
  const scrolledTo = await page.evaluate(() => window.scrollY);
  expect(scrolledTo).toBeGreaterThan(200);
  await reader.related.openRelated(next.title);
  await expect(page).toHaveURL(new RegExp(`/articles/${encodeURIComponent(next.id)}$`));
  await reader.expectHeadline(next.title);
  await expect(reader.headline).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  const requestsForFirst = await countArticleRequests(page, first.id);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/articles/${encodeURIComponent(first.id)}$`));
  await reader.expectHeadline(first.title);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolledTo - 50);
  expect(requestsForFirst(), 'back is served from the in-memory cache').toBe(0);

  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`/articles/${encodeURIComponent(next.id)}$`));
  await reader.expectHeadline(next.title);
});

test('the front page loads more articles on request and moves focus to the first new one', async ({ page, request }) => {
  const ids = await feedIds(request);
  test.skip(ids.length <= 10, 'needs more than one page of articles');
  const front = new FrontPage(page);
  await front.open();
  await expect(front.cardLinks).toHaveCount(10);
  await front.loadMore();
  await expect(front.cardLinks).toHaveCount(Math.min(ids.length, 20));
  const eleventh = await article(request, ids[10]);
  await expect(front.cardLinks.nth(10)).toHaveText(eleventh.title);
  await expect(front.cardLinks.nth(10)).toBeFocused();
  const added = Math.min(ids.length, 20) - 10;
  await expect(front.loadedAnnouncement).toHaveText(`${added} more article${added === 1 ? '' : 's'} loaded.`);
  if (ids.length <= 20) await expect(front.loadMoreButton).toHaveCount(0);
});

test('a failing related request leaves the article intact and Retry recovers', async ({ page, request }) => {
  const first = await findArticle(request);
  const related = await relatedTitles(request, first.id);
  const unroute = await routeTarget(page, 'related', first.id, (route) => route.fulfill({ status: 500 }));
  const reader = new ArticlePage(page);
  await reader.open(first.id);
  await reader.expectHeadline(first.title);
  await expect(reader.related.alert).toContainText('having trouble');
  await expect(reader.article).toBeVisible();

  await unroute();
  await reader.related.retry();
  await expect(reader.related.cardLinks).toHaveCount(related.length);
});

test('a failing article request still shows its related articles', async ({ page, request }) => {
  const first = await findArticle(request);
  await routeTarget(page, 'article', first.id, (route) => route.fulfill({ status: 503 }));
  const reader = new ArticlePage(page);
  await reader.open(first.id);
  await expect(reader.alert.first()).toBeVisible();
  await expect(reader.related.cardLinks.first()).toBeVisible();
});

test('a card the reader hovered opens without another request', async ({ page, request }) => {
  const first = await findArticle(request);
  const [next] = await relatedTitles(request, first.id);
  const reader = new ArticlePage(page);
  await reader.open(first.id);
  await reader.expectHeadline(first.title);
  const requestsForNext = await countArticleRequests(page, next.id);
  // Hovering (or the card scrolling into view on the way) starts exactly one prefetch.
  await reader.related.card(next.title).hover();
  await expect.poll(requestsForNext).toBe(1);
  await reader.related.openRelated(next.title);
  await reader.expectHeadline(next.title);
  expect(requestsForNext(), 'the click used the prefetched article').toBe(1);
});

test('cards scrolled into view are prefetched', async ({ page, request }) => {
  const first = await findArticle(request);
  const related = await relatedTitles(request, first.id);
  const reader = new ArticlePage(page);
  await reader.open(first.id);
  await reader.expectHeadline(first.title);
  const counters = await Promise.all(related.map((card) => countArticleRequests(page, card.id)));
  const prefetched = () => counters.reduce((sum, count) => sum + count(), 0);
  await reader.related.section.scrollIntoViewIfNeeded();
  // Prefetching is bounded, so not every card that comes into view is fetched; some are.
  await expect.poll(prefetched).toBeGreaterThan(0);
  expect(prefetched()).toBeLessThanOrEqual(related.length);
});

test('leaving an article aborts its related request', async ({ page, request }) => {
  const first = await findArticle(request);
  // Hold the related request until the reader has left, so it is still running then.
  let asked: () => void = () => {};
  const inFlight = new Promise<void>((resolve) => (asked = resolve));
  let release: () => void = () => {};
  const left = new Promise<void>((resolve) => (release = resolve));
  await routeTarget(page, 'related', first.id, async (route) => {
    asked();
    await left;
    await route.continue().catch(() => {});
  });
  const isRelated = await targetMatches(page, 'related', first.id);
  const failed = page.waitForEvent('requestfailed', isRelated);
  const reader = new ArticlePage(page);
  await reader.open(first.id);
  await reader.expectHeadline(first.title);
  await inFlight;
  await reader.homeLink.click();
  await reader.expectFrontPage();
  const aborted = await failed;
  release();
  expect(aborted.failure()?.errorText).toMatch(/ABORTED|cancel/i);
});

test('a story the feed lists twice, or again on its next page, is shown once', async ({ page, request }) => {
  const ids = await feedIds(request);
  test.skip(ids.length <= 10, 'needs more than one page of articles');
  // The backend's own pages, with the overlap a feed paged by offset has when a story is
  // published between two pages, and a repeat within the first page.
  const firstPage: string[] = [];
  await routeTarget(page, 'feed', '', async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    if (new URL(route.request().url()).searchParams.get('cursor')) {
      json.items = [...staleCopies(firstPage.slice(-2)), ...json.items];
    } else {
      firstPage.push(...json.items.map((item: { id: string }) => item.id));
      json.items = [...json.items, json.items[0]];
    }
    await route.fulfill({ response, json });
  });
  const front = new FrontPage(page);
  await front.open();
  await expect(front.cardLinks).toHaveCount(10);
  await front.loadMore();
  const expected = Math.min(ids.length, 20);
  await expect(front.cardLinks).toHaveCount(expected);
  expect(new Set(await front.cardLinks.allTextContents()).size).toBe(expected);
  await expect(front.cardLinks.nth(10)).toBeFocused();
  await expect(front.loadedAnnouncement).toHaveText(`${expected - 10} more article${expected === 11 ? '' : 's'} loaded.`);
});

/** Stories the reader has already been shown, listed again (their titles marked, to tell). */
function staleCopies(ids: string[]) {
  return ids.map((id) => ({ id, title: `stale copy of ${id}`, published_at: '2026-11-20T08:00:00Z' }));
}

test('the related list never shows the article itself, or a story twice', async ({ page, request }) => {
  const first = await findArticle(request);
  await routeTarget(page, 'related', first.id, async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.items = [{ id: first.id, title: first.title, published_at: first.published_at }, ...json.items, json.items[0]];
    await route.fulfill({ response, json });
  });
  const deployment = await deploymentOf(request);
  const related = await (await request.get(deployment.resolve(deployment.native!.relatedUrl(first.id)))).json();
  const reader = new ArticlePage(page);
  await reader.open(first.id);
  await expect(reader.related.cardLinks).toHaveText(related.items.map((item: { title: string }) => item.title));
});

test('a page of the feed that fails to load says so, and the keyboard reader can press again', async ({ page, request }) => {
  const ids = await feedIds(request);
  test.skip(ids.length <= 10, 'needs more than one page of articles');
  // Every attempt at the second page fails (the app retries a 503 twice) until the reader asks again.
  let failing = true;
  await routeTarget(page, 'feed', '', (route) =>
    failing && new URL(route.request().url()).searchParams.has('cursor') ? route.fulfill({ status: 503, body: 'unavailable' }) : route.fallback(),
  );
  const front = new FrontPage(page);
  await front.open();
  await expect(front.cardLinks).toHaveCount(10);
  await front.loadMoreButton.focus();
  await page.keyboard.press('Enter');
  await expect(front.alert).toContainText('having trouble');
  await expect(front.loadMoreButton).toBeFocused();
  failing = false;
  await page.keyboard.press('Enter');
  await expect(front.cardLinks).toHaveCount(Math.min(ids.length, 20));
  await expect(front.cardLinks.nth(10)).toBeFocused();
  await expect(front.alert).toHaveCount(0);
});
