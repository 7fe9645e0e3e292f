// Every "now" comes from the browser clock, so a frozen clock gives the same relative times on
// every run: the same journey twice under one frozen time must read the same.
import { expect, test, type Browser } from '@playwright/test';
import { article, type Article } from '../kit/api';
import { CommentsSection } from '../kit/comments';
import { requireArticles } from '../kit/deployment';
import { ArticlePage, expectSettled, FrontPage } from '../kit/pages';

requireArticles(['harbour-tram-trial']);

const HOUR = 60 * 60_000;

/** Opens the front page and an article with a frozen clock; returns every time text shown. */
async function journey(browser: Browser, story: Article, now: Date): Promise<{ front: string[]; article: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.setFixedTime(now);
  const front = new FrontPage(page);
  await front.open();
  await expectSettled(front.feed, 'ready');
  const frontTimes = await front.times.allInnerTexts();

  const reader = new ArticlePage(page);
  await reader.open(story.id);
  await expectSettled(reader.state, 'ready');
  await expectSettled(reader.related.section);
  await expectSettled(new CommentsSection(page).root);
  await expect(reader.publishedTime(story.published_at)).toHaveText('3 hours ago');
  const articleTimes = await reader.times.allInnerTexts();
  await context.close();
  return { front: frontTimes, article: articleTimes };
}

test('the same journey under a frozen clock shows the same relative times twice', async ({ browser, request }) => {
  // An article no other spec posts to, so its comments are the same on both runs.
  const story = await article(request, 'harbour-tram-trial');
  const now = new Date(Date.parse(story.published_at) + 3 * HOUR);
  const first = await journey(browser, story, now);
  const second = await journey(browser, story, now);
  expect(first.front.length).toBeGreaterThan(0);
  expect(first.article.length).toBeGreaterThan(1);
  expect(second).toEqual(first);
});
