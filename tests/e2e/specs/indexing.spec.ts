// Widgets are pieces of partner pages, not pages for search results: they say noindex, in their
// answer's header and in the page itself (for hosts that send no header); the reader's pages
// do not, and robots.txt lets crawlers reach the widgets so that they read it.
import { expect, test } from '@playwright/test';
import { findArticle } from '../kit/api';
import { ArticlePage } from '../kit/pages';

test('widget pages tell crawlers not to index them, and the reader’s pages do not', async ({ page, request }) => {
  const article = await findArticle(request);
  const widget = `/embed/articles/${encodeURIComponent(article.id)}/card`;
  const articlePage = `/articles/${encodeURIComponent(article.id)}`;
  expect((await request.get(widget)).headers()['x-robots-tag']).toBe('noindex');
  expect((await request.get(articlePage)).headers()['x-robots-tag']).toBeUndefined();
  const robots = await request.get('/robots.txt');
  if (robots.ok() && (robots.headers()['content-type'] ?? '').startsWith('text/plain')) {
    expect(await robots.text()).not.toContain('/embed/');
  }

  const reader = new ArticlePage(page);
  await page.goto(widget);
  await expect(reader.robotsMeta).toHaveAttribute('content', 'noindex');
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  await expect(reader.robotsMeta).toHaveCount(0);
});
