// The head of an article's page (description, canonical link, Open Graph and Twitter tags,
// JSON-LD; model/src/meta.rs) is the same whether the reader came by a link from another
// article or loaded the page afresh: link unfurlers and crawlers that run the app see the
// article shown, not the one the server first sent.
import { expect, test } from '@playwright/test';
import { findArticle, relatedTo } from '../kit/api';
import { requireBackend } from '../kit/deployment';
import { ArticlePage } from '../kit/pages';

requireBackend({ kinds: ['native'] }, 'the reference backend draws the head into the article pages it sends');

test('after in-app navigation the head describes the article shown, as the server draws it for that page', async ({ page, browser, request }) => {
  const from = await findArticle(request, undefined, 'oldest');
  const [next] = await relatedTo(request, from.id);
  const reader = new ArticlePage(page);
  const crashes = reader.watchForCrashes();
  await reader.open(from.id);
  await reader.expectHeadline(from.title);
  const first = await reader.headDescription();
  expect(first.meta).toContain(`property=og:title ${from.title}`);

  await page.evaluate(() => ((window as any).__stillTheSamePage = true));
  const shown = await reader.related.openRelated(next.title);
  await shown.expectHeadline(next.title);
  expect(await page.evaluate(() => (window as any).__stillTheSamePage)).toBe(true);
  await expect.poll(async () => (await shown.headDescription()).meta).toContain(`property=og:title ${next.title}`);
  const navigated = await shown.headDescription();

  // The page the server sends for the same article, read without running the app.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const sent = new ArticlePage(await context.newPage());
  await sent.open(next.id);
  const served = await sent.headDescription();
  await context.close();
  expect(served.meta.length).toBeGreaterThan(5);
  expect(navigated).toEqual(served);
  expect(crashes).toEqual([]);
});
