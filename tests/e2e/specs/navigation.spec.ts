// A reader's first journey: the front page, an article, a deep link, and a wrong address.
import { expect, test, type APIRequestContext } from '@playwright/test';

type Block = { type: string; text?: string };
type Article = { id: string; title: string; body: Block[] };

async function firstFeedArticle(request: APIRequestContext): Promise<Article> {
  const feed = await request.get('/api/v1/articles');
  expect(feed.ok()).toBeTruthy();
  const { items } = await feed.json();
  const response = await request.get(`/api/v1/articles/${encodeURIComponent(items[0].id)}`);
  expect(response.ok()).toBeTruthy();
  return response.json();
}

function firstParagraph(article: Article): string {
  const paragraph = article.body.find((block) => block.type === 'paragraph');
  if (!paragraph?.text) throw new Error(`article ${article.id} has no paragraph`);
  return paragraph.text;
}

test('the front page links to an article, which opens without a full page load', async ({ page, request }) => {
  const article = await firstFeedArticle(request);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Latest news' })).toBeVisible();

  // A marker on window survives client-side navigation but not a full page load.
  await page.evaluate(() => ((window as any).__stillTheSamePage = true));
  await page.getByRole('link', { name: article.title, exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/articles/${encodeURIComponent(article.id)}$`));
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await expect(page.getByText(firstParagraph(article), { exact: true })).toBeVisible();
  await expect(page).toHaveTitle(article.title);
  expect(await page.evaluate(() => (window as any).__stillTheSamePage)).toBe(true);
});

test('a deep link to an article loads, and survives a reload', async ({ page, request }) => {
  const article = await firstFeedArticle(request);
  await page.goto(`/articles/${encodeURIComponent(article.id)}`);
  const headline = page.getByRole('heading', { level: 1, name: article.title });
  await expect(headline).toBeVisible();
  await page.reload();
  await expect(headline).toBeVisible();
  await expect(page.getByText(firstParagraph(article), { exact: true })).toBeVisible();
});

test('an unknown article id shows the not-found page', async ({ page }) => {
  await page.goto('/articles/no-such-article-anywhere');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('We couldn’t find that article.')).toBeVisible();
  await page.getByRole('link', { name: 'Go to the front page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Latest news' })).toBeVisible();
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});

test('the page never panics', async ({ page, request }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /panicked|unreachable/.test(message.text())) errors.push(message.text());
  });
  const article = await firstFeedArticle(request);
  await page.goto(`/articles/${encodeURIComponent(article.id)}`);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Latest news' })).toBeVisible();
  expect(errors).toEqual([]);
});
