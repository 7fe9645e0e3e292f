// A reader of a JSON Feed: the same app, configured with backend.kind "json_feed", against a
// fixture feed of two pages (tests/e2e/fixture-backend.mjs).
import { expect, test } from '@playwright/test';
import { CommentsSection } from '../kit/comments';
import { ArticlePage, FrontPage } from '../kit/pages';
import { fixtureBackend, fixtureSite, fixtureSitesRun } from '../kit/sites';

test.skip(!fixtureSitesRun, 'the fixture sites run on this machine only');
test.use({ baseURL: fixtureSite('json_feed') });

const DREDGING = 'Dredging starts in the inner basin';

test('front page pages through next_url → an item as an article, comments closed', async ({ page }) => {
  const commentRequests: string[] = [];
  page.on('request', (request) => {
    // The backend's requests, not the app's own code (the comments part's wasm).
    if (/comment/i.test(request.url()) && !new URL(request.url()).pathname.endsWith('.wasm')) {
      commentRequests.push(request.url());
    }
  });
  const front = new FrontPage(page);
  const crashes = front.watchForCrashes();
  await front.open();
  // Items without an id or any date are left out; an untitled one is titled by its first line.
  await expect(front.cardLinks).toHaveText([
    DREDGING,
    'Tide tables for December are up on the noticeboard by the slipway.',
    'Night ferry: the first week in numbers',
    'الرصيف العائم يفتح من جديد',
    'Slipway resurfaced',
  ]);
  await expect(front.feed.getByText('Harbour Notes').first()).toBeVisible();
  await front.loadMore();
  await expect(front.cardLinks).toHaveCount(8);
  await expect(front.cardLinks.last()).toHaveText('Harbour lights switched to LEDs');
  await expect(front.loadMoreButton).toHaveCount(0);

  const reader = await front.openArticle(DREDGING);
  await reader.expectHeadline(DREDGING);
  await expect(reader.htmlBlocks.getByText(/^Dredging of the inner basin begins on Monday/)).toBeVisible();
  await expect(reader.htmlBlocks.getByRole('heading', { level: 2, name: 'Why now' })).toBeVisible();
  await expect(reader.byline).toHaveText('By Ines Varga');
  await expect(reader.article.getByRole('link', { name: 'Harbour Notes' })).toHaveAttribute('href', /\/$/);
  await expect(reader.publishedTime('2026-11-21T09:00:00+00:00')).toHaveAttribute('title', '21 Nov 2026, 09:00 UTC');

  const comments = new CommentsSection(page);
  await expect(comments.closedNotice).toBeVisible();
  await expect(comments.form).toHaveCount(0);

  // Items sharing the most tags, then the newest, from the pages read so far.
  await expect(reader.related.section).toHaveAttribute('data-state', 'ready');
  await expect(reader.related.cardLinks.first()).toHaveText('Harbour lights switched to LEDs');
  await expect(reader.related.cardLinks).toHaveCount(5);
  expect(commentRequests).toEqual([]);
  expect(crashes).toEqual([]);
});

test('an item on a later page is found by following next_url', async ({ page }) => {
  const reader = new ArticlePage(page);
  // Item ids are the feed's permalinks, on the fixture site's own address.
  await reader.open(`${fixtureBackend('json_feed')}/notes/ferry-winter-fares`);
  await reader.expectHeadline('Winter fares for the ferry');
  await expect(reader.article.getByText('Return tickets drop to £3.20 from December to February.')).toBeVisible();
});

test('an item in Arabic is shown right to left', async ({ page }) => {
  const front = new FrontPage(page);
  await front.open();
  const reader = await front.openArticle('الرصيف العائم يفتح من جديد');
  await reader.expectHeadline('الرصيف العائم يفتح من جديد');
  await expect(reader.article.first()).toHaveAttribute('lang', 'ar');
  await expect(reader.article.first()).toHaveAttribute('dir', 'rtl');
});

test('an id the feed does not have is not found', async ({ page }) => {
  const reader = new ArticlePage(page);
  await reader.open('no-such-item');
  await expect(reader.headline).toHaveText('Page not found');
});
