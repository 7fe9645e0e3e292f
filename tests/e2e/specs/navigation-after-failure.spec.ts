// Moving on from a page that did not load. Every page arrives when it leaves its loading state,
// whatever it settles on (an article that failed or is not there, an unknown address, a feed that
// failed): a link's page starts at the top with focus on its main heading, back and forward
// return to where the reader was, and nothing of a failed page is left over for the next move.
//
// Article and feed faults must hit different requests (a JSON Feed deployment reads both from the
// feed), and a failed article's related list is a native backend's own request.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { feed, relatedTo, type Summary } from '../kit/api';
import { deploymentOf, requireBackend } from '../kit/deployment';
import { faults, injectFault, routeTarget } from '../kit/faults';
import { ArticlePage, FrontPage, ReaderApp } from '../kit/pages';
import { escapeRegExp } from '../kit/patterns';

requireBackend({ kinds: ['native'] }, 'fails the article, feed and related requests one at a time');

// Short enough that every page (a failed one with its related list too) can be scrolled.
test.use({ viewport: { width: 800, height: 420 } });

const serverError = faults['server error (500)'];
const notFound = faults['not found (404)'];

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

/** The next animation frame has run (the app has seen the scroll events before it). */
const nextFrame = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Scrolls `link` into view and returns where the page is then (well below its top). */
async function scrollTo(page: Page, link: Locator): Promise<number> {
  await link.scrollIntoViewIfNeeded();
  await nextFrame(page);
  const y = await scrollY(page);
  expect(y, 'the page is long enough to scroll').toBeGreaterThan(100);
  return y;
}

/** The page has arrived as a link's page does: at the top, its main heading named `heading`, focused. */
async function expectArrivedAtTop(app: ReaderApp, heading: string): Promise<void> {
  await expect(app.headline).toHaveAccessibleName(heading);
  await expect(app.headline).toBeFocused();
  expect(await scrollY(app.page)).toBe(0);
}

/** Back or forward has returned to the position `y` the reader left the page at. */
async function expectRestored(page: Page, y: number): Promise<void> {
  await expect.poll(() => scrollY(page)).toBeGreaterThan(y - 50);
}

/** The front page's articles, and one far enough down that reaching it means scrolling. */
async function frontPageArticles(page: Page): Promise<{ items: Summary[]; low: Summary }> {
  const items = (await feed(page.request)).slice(0, 10);
  expect(items.length, 'a front page long enough to scroll').toBeGreaterThanOrEqual(6);
  return { items, low: items[items.length - 2] };
}

/** The front page's link to the article titled `title` (that title exactly, not one containing it). */
function cardLink(front: FrontPage, title: string): Locator {
  return front.cardLinks.filter({ hasText: new RegExp(`^${escapeRegExp(title)}$`) });
}

/** The section of config.json with the most articles (skips the test when it lists none). */
async function sectionWithArticles(page: Page): Promise<{ name: string; items: Summary[] }> {
  const deployment = await deploymentOf(page.request);
  let best = { name: '', items: [] as Summary[] };
  for (const name of deployment.config.sections ?? []) {
    const items = (await feed(page.request, name)).slice(0, 10);
    if (items.length > best.items.length) best = { name, items };
  }
  test.skip(best.items.length < 2, 'config.json lists no section with two articles or more');
  return best;
}

/** After arriving on the front page: scrolling down, following a link and coming back work as ever. */
async function expectNavigationStillWorks(front: FrontPage, article: Summary): Promise<void> {
  const link = cardLink(front, article.title);
  const y = await scrollTo(front.page, link);
  await link.click();
  await expectArrivedAtTop(front, article.title);
  await front.page.goBack();
  await front.expectFrontPage();
  await expectRestored(front.page, y);
}

test('a link to an article that fails starts it at the top with its heading focused, and moving on from it works', async ({ page }) => {
  const front = new FrontPage(page);
  const reader = new ArticlePage(page);
  const crashes = front.watchForCrashes();
  const { items, low } = await frontPageArticles(page);
  await injectFault(page, 'article', low.id, serverError);
  await front.open();

  const failing = cardLink(front, low.title);
  const leftAt = await scrollTo(page, failing);
  await failing.click();
  await expect(reader.state).toHaveAttribute('data-state', 'error');
  await expectArrivedAtTop(reader, 'Article unavailable');

  // Back to where the reader was on the front page, and forward to the failed article again.
  await page.goBack();
  await front.expectFrontPage();
  await expectRestored(page, leftAt);
  await page.goForward();
  await expect(reader.state).toHaveAttribute('data-state', 'error');

  // The next link is a link's page, not a return.
  await reader.homeLink.click();
  await expectArrivedAtTop(front, 'Latest news');
  await expectNavigationStillWorks(front, items[items.length - 1]);
  expect(crashes).toEqual([]);
});

test('after an article that failed as the first page, the next page starts at the top with its heading focused', async ({ page }) => {
  const front = new FrontPage(page);
  const reader = new ArticlePage(page);
  const { items, low } = await frontPageArticles(page);
  await injectFault(page, 'article', low.id, serverError);
  await reader.open(low.id);
  await expect(reader.state).toHaveAttribute('data-state', 'error');
  await expect(reader.headline).toHaveAccessibleName('Article unavailable');

  await reader.homeLink.click();
  await expectArrivedAtTop(front, 'Latest news');
  await expectNavigationStillWorks(front, items[items.length - 1]);
});

test('from a failed article, a related article still slow to load gets the focus when it comes', async ({ page }) => {
  const reader = new ArticlePage(page);
  const { low } = await frontPageArticles(page);
  const related = await relatedTo(page.request, low.id);
  expect(related.length, 'the failing article has related articles').toBeGreaterThan(0);
  const next = related[related.length - 1];
  await injectFault(page, 'article', low.id, serverError);
  // Slow, not failing: until it answers, the page is loading that article, not showing the
  // failure of the one before.
  await routeTarget(page, 'article', next.id, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.fallback();
  });
  await reader.open(low.id);
  await expect(reader.state).toHaveAttribute('data-state', 'error');

  const link = reader.related.card(next.title);
  await scrollTo(page, link);
  await link.click();
  await expect(reader.state).toHaveAttribute('data-state', 'loading');
  await expectArrivedAtTop(reader, next.title);
});

test('after an unknown address, the next page starts at the top with its heading focused', async ({ page }) => {
  const front = new FrontPage(page);
  const { items } = await frontPageArticles(page);
  await page.goto('/no/such/page');
  await front.expectNotFound();

  await front.backToFrontPage();
  await expectArrivedAtTop(front, 'Latest news');
  await expectNavigationStillWorks(front, items[items.length - 1]);
});

test('an article that is not there arrives like any page, and so does the next one, even after back', async ({ page }) => {
  const front = new FrontPage(page);
  const reader = new ArticlePage(page);
  const { items, low } = await frontPageArticles(page);
  await injectFault(page, 'article', low.id, notFound);
  await front.open();

  const missing = cardLink(front, low.title);
  await scrollTo(page, missing);
  await missing.click();
  await expectArrivedAtTop(reader, 'Page not found');

  await reader.backToFrontPage();
  await expectArrivedAtTop(front, 'Latest news');
  // Back to the missing article, then on by a link: a link's page, not a return.
  await page.goBack();
  await reader.expectNotFound();
  await reader.backToFrontPage();
  await expectArrivedAtTop(front, 'Latest news');
  await expectNavigationStillWorks(front, items[items.length - 1]);
});

test('after a failed feed, the next page starts at the top with its heading focused', async ({ page }) => {
  const section = await sectionWithArticles(page);
  const front = new FrontPage(page);
  const { low } = await frontPageArticles(page);

  // The front page, scrolled; an article; back to the front page, whose feed now fails.
  await front.open();
  const link = cardLink(front, low.title);
  await scrollTo(page, link);
  await link.click();
  await expectArrivedAtTop(front, low.title);
  const lift = await injectFault(page, 'feed', '', serverError);
  await page.goBack();
  await expect(front.feed).toHaveAttribute('data-state', 'error');
  await lift();

  // A section of the front page: a link's page (at the top), not a return to where the front
  // page was left.
  await front.filterBySection(section.name);
  await expect(front.feed).toHaveAttribute('data-state', 'ready');
  await expectArrivedAtTop(front, 'Latest news');
  await expectNavigationStillWorks(front, section.items[section.items.length - 1]);
});

test('after a feed that failed as the first page, the next page starts at the top with its heading focused', async ({ page }) => {
  const section = await sectionWithArticles(page);
  const front = new FrontPage(page);
  const lift = await injectFault(page, 'feed', '', serverError);
  await front.open();
  await expect(front.feed).toHaveAttribute('data-state', 'error');
  await lift();

  await front.filterBySection(section.name);
  await expect(front.feed).toHaveAttribute('data-state', 'ready');
  await expectArrivedAtTop(front, 'Latest news');
  await expectNavigationStillWorks(front, section.items[section.items.length - 1]);
});
