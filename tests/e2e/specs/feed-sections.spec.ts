// Picking another section while a page of the section left is still on its way: the late page is
// dropped, never added to the new section's list. The page is held with `page.route` (the real
// backend's answer, delivered late), the one fault this spec injects.
import { expect, test, type APIRequestContext, type Page, type Route } from '@playwright/test';
import { feed, type Summary } from '../kit/api';
import { deploymentOf } from '../kit/deployment';
import { routeTarget } from '../kit/faults';
import { expectSettled, FrontPage } from '../kit/pages';

/** The first section of config.json with articles, its stories, and the whole feed's. */
async function aSection(request: APIRequestContext): Promise<{ section: string; inSection: Summary[]; all: Summary[] }> {
  const deployment = await deploymentOf(request);
  for (const section of deployment.config.sections ?? []) {
    const inSection = await feed(request, section);
    if (inSection.length) return { section, inSection, all: await feed(request) };
  }
  test.skip(true, 'config.json lists no section with articles');
  throw new Error('unreachable');
}

/**
 * Holds the next feed request the page makes: the backend answers it at once, and the answer is
 * delivered to the page only on `deliver()`, which resolves once the app has had it.
 */
async function holdNextFeedPage(page: Page): Promise<{ asked: Promise<void>; deliver: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let asked!: () => void;
  const wasAsked = new Promise<void>((resolve) => (asked = resolve));
  let held: string | undefined;
  await routeTarget(page, 'feed', '', async (route: Route) => {
    if (held !== undefined) return route.fallback();
    held = route.request().url();
    asked();
    const response = await route.fetch();
    await released;
    await route.fulfill({ response });
  });
  return {
    asked: wasAsked,
    deliver: async () => {
      const finished = page.waitForEvent('requestfinished', (request) => request.url() === held);
      release();
      await finished;
      // The app decodes the answer and draws what it does with it within a few tasks: two frames.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    },
  };
}

/** Titles the front page lists now that are not in `allowed`. */
async function strangers(front: FrontPage, allowed: Summary[]): Promise<string[]> {
  const titles = new Set(allowed.map((story) => story.title));
  return (await front.cardLinks.allTextContents()).filter((title) => !titles.has(title.trim()));
}

test('a late first page of the section left is not added to the next section', async ({ page, request }) => {
  const { section, inSection, all } = await aSection(request);
  const inIt = new Set(inSection.map((story) => story.id));
  test.skip(all.slice(0, 10).every((story) => inIt.has(story.id)), 'every story of the first page is in the section');
  const front = new FrontPage(page);
  const held = await holdNextFeedPage(page);
  await front.open();
  await held.asked;
  await front.filterBySection(section);
  await expectSettled(front.feed);
  await expect(front.cardLinks.first()).toHaveText(inSection[0].title);

  await held.deliver();
  expect(await strangers(front, inSection)).toEqual([]);
  await expect(front.cardLinks.first()).toHaveText(inSection[0].title);
});

test('a late Load more of the section left is not added to the next section', async ({ page, request }) => {
  const { section, inSection, all } = await aSection(request);
  const inIt = new Set(inSection.map((story) => story.id));
  test.skip(all.slice(10, 20).every((story) => inIt.has(story.id)), 'every story of the second page is in the section');
  const front = new FrontPage(page);
  await front.open();
  await expectSettled(front.feed);
  test.skip((await front.loadMoreButton.count()) === 0, 'the feed has one page');
  const held = await holdNextFeedPage(page);
  await front.loadMore();
  await held.asked;
  await front.filterBySection(section);
  await expectSettled(front.feed);
  await expect(front.cardLinks.first()).toHaveText(inSection[0].title);

  await held.deliver();
  expect(await strangers(front, inSection)).toEqual([]);
  await expect(front.loadedAnnouncement).not.toContainText('loaded');
});
