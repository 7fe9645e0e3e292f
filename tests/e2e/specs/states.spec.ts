// Every section says what it is doing in `data-state` (and `aria-busy` while loading), so tests
// wait for a state instead of sleeping. Each state must match the data the section shows.
// Answers and failures are those of the native contract's requests (any base URL and paths), on
// two of the reference backend's demo articles.
import { expect, test, type Page } from '@playwright/test';
import { article, feedIds, findArticle, relatedTo } from '../kit/api';
import { CommentsSection, firstPage } from '../kit/comments';
import { requireArticles } from '../kit/deployment';
import { routeTarget } from '../kit/faults';
import { ArticlePage, expectSettled, FrontPage } from '../kit/pages';

requireArticles(['harbour-tram-trial', 'ferry-fare-cap']);

async function related(page: Page, id: string): Promise<{ title: string }[]> {
  return relatedTo(page.request, id);
}

test('every section reaches "ready" with the data the backend has', async ({ page, request }) => {
  const ids = await feedIds(request);
  const front = new FrontPage(page);
  await front.open();
  await expectSettled(front.feed, 'ready');
  await expect(front.cardLinks).toHaveCount(Math.min(ids.length, 10));

  const id = 'harbour-tram-trial';
  const story = await article(request, id);
  const reader = new ArticlePage(page);
  await reader.open(id);
  await expectSettled(reader.state, 'ready');
  await reader.expectHeadline(story.title);

  const cards = await related(page, id);
  expect(cards.length).toBeGreaterThan(0);
  await expectSettled(reader.related.section, 'ready');
  await expect(reader.related.cardLinks).toHaveText(cards.map((card) => card.title));

  const comments = new CommentsSection(page);
  const first = await firstPage(request, id, 'oldest');
  await expectSettled(comments.root, 'ready');
  await expect(comments.comments).toHaveCount(first.items.length);
});

test('sections with nothing to show reach "empty" and say so', async ({ page, request }) => {
  await routeTarget(page, 'feed', '', (route) => route.fulfill({ json: { items: [] } }));
  const front = new FrontPage(page);
  await front.open();
  await expectSettled(front.feed, 'empty');
  await expect(front.cardLinks).toHaveCount(0);
  await expect(front.feed).toContainText('No articles yet.');

  const story = await article(request, 'ferry-fare-cap');
  await routeTarget(page, 'related', story.id, (route) => route.fulfill({ json: { items: [] } }));
  const reader = new ArticlePage(page);
  await reader.open(story.id);
  await expectSettled(reader.state, 'ready');
  await expectSettled(reader.related.section, 'empty');
  await expect(reader.related.cardLinks).toHaveCount(0);
  const comments = new CommentsSection(page);
  await expectSettled(comments.root, 'empty');
  await expect(comments.emptyNotice).toBeVisible();
});

test('each section that fails reaches "error" on its own, with an alert', async ({ page, request }) => {
  const story = await findArticle(request);
  const reader = new ArticlePage(page);
  const comments = new CommentsSection(page);

  // The article fails; its related list does not depend on it.
  await routeTarget(page, 'article', story.id, (route) => route.fulfill({ status: 500 }));
  await reader.open(story.id);
  await expectSettled(reader.state, 'error');
  await expect(reader.state.getByRole('alert')).toBeVisible();
  await expectSettled(reader.related.section, 'ready');
  await page.unrouteAll();

  // Related and comments fail; the article stands.
  for (const part of ['related', 'comments'] as const) {
    await routeTarget(page, part, story.id, (route) => route.fulfill({ status: 500 }));
  }
  await reader.open(story.id);
  await expectSettled(reader.state, 'ready');
  for (const section of [reader.related.section, comments.root]) {
    await expectSettled(section, 'error');
    await expect(section.getByRole('alert')).toBeVisible();
  }

  await routeTarget(page, 'feed', '', (route) => route.fulfill({ status: 500 }));
  const front = new FrontPage(page);
  await front.open();
  await expectSettled(front.feed, 'error');
  await expect(front.feed.getByRole('alert')).toBeVisible();
});

test('a section is "loading" and busy until its data arrives', async ({ page, request }) => {
  const story = await findArticle(request);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await routeTarget(page, 'related', story.id, async (route) => {
    await held;
    await route.continue();
  });
  const reader = new ArticlePage(page);
  await reader.open(story.id);
  await expectSettled(reader.state, 'ready');
  await expect(reader.related.section).toHaveAttribute('data-state', 'loading');
  await expect(reader.related.section).toHaveAttribute('aria-busy', 'true');
  release();
  await expectSettled(reader.related.section, 'ready');
});
