// Huge answers degrade gracefully: a 10 MB article is cut with a note, 100,000 related items
// become the usual short list, and the page stays responsive. The longest main-thread task is
// recorded as an annotation (timings are reported, not asserted: see BENCHMARKS.md).
import { expect, test, type Page } from '@playwright/test';
import { article as fetchArticle, findArticle } from '../kit/api';
import { CommentsSection } from '../kit/comments';
import { ArticlePage, expectSettled } from '../kit/pages';

/** Records the longest task the page runs from now on. */
async function watchLongTasks(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  return () => page.evaluate(() => (window as unknown as { __longest: number }).__longest);
}

test('a 10 MB article is shown cut short with a note, and the page keeps working', async ({ page, request }) => {
  test.setTimeout(60_000);
  const original = await findArticle(request, (a) => a.comments?.enabled !== false);
  const paragraph = 'A sentence of a very long article, repeated until the body is ten megabytes. '.repeat(20);
  const blocks = Array.from({ length: Math.ceil(10_000_000 / paragraph.length) }, () => ({ type: 'paragraph', text: paragraph }));
  const huge = { ...(await fetchArticle(request, original.id)), body: blocks };
  const json = JSON.stringify(huge);
  expect(json.length).toBeGreaterThan(10_000_000);
  await page.route(`**/api/v1/articles/${encodeURIComponent(original.id)}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: json }),
  );
  const longest = await watchLongTasks(page);
  const reader = new ArticlePage(page);
  const crashes = reader.watchForCrashes();
  await reader.open(original.id);
  await reader.expectHeadline(original.title);
  await expect(reader.truncationNote).toBeVisible({ timeout: 20_000 });
  expect(await reader.bodyParagraphs.count()).toBeLessThan(200);
  await expectSettled(reader.related.section, 'ready');
  await new CommentsSection(page).expectLoaded();
  test.info().annotations.push({ type: 'longest task (ms)', description: String(Math.round(await longest())) });
  expect(crashes).toEqual([]);
});

test('100,000 related items become the usual short list', async ({ page, request }) => {
  test.setTimeout(60_000);
  const original = await findArticle(request);
  const items = Array.from({ length: 100_000 }, (_, i) => ({
    id: `many-${i}`,
    title: `Related story number ${i}`,
    published_at: '2026-11-20T08:00:00Z',
  }));
  const json = JSON.stringify({ items, next_cursor: null, total: items.length });
  await page.route(`**/api/v1/articles/${encodeURIComponent(original.id)}/related*`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: json }),
  );
  const longest = await watchLongTasks(page);
  const reader = new ArticlePage(page);
  const crashes = reader.watchForCrashes();
  await reader.open(original.id);
  await reader.expectHeadline(original.title);
  await expectSettled(reader.related.section, 'ready');
  await expect(reader.related.cardLinks).toHaveCount(6);
  await expect(reader.related.card('Related story number 0')).toBeVisible();
  test.info().annotations.push({ type: 'longest task (ms)', description: String(Math.round(await longest())) });
  expect(crashes).toEqual([]);
});
