// The article page, complete: every part of the contract rendered as a news site would.
import { expect, test } from '@playwright/test';
import { findArticle, firstParagraph, type Article } from '../kit/api';
import { requireBackend } from '../kit/deployment';
import { ArticlePage } from '../kit/pages';

requireBackend({ kinds: ['native'] }, 'finds articles by the native contract’s fields (blocks, authors, image, language)');

const hasEverything = (a: Article) =>
  !!a.image && !!a.summary && !!a.url && (a.authors?.length ?? 0) > 0 &&
  ['heading', 'quote', 'list', 'html'].every((type) => a.body.some((block) => block.type === type));

test('every part of the article is shown', async ({ page, request }) => {
  const article = await findArticle(request, hasEverything);
  const reader = new ArticlePage(page);
  const crashes = reader.watchForCrashes();
  await reader.open(article.id);
  await reader.expectHeadline(article.title);

  await expect(reader.text(article.summary!)).toBeVisible();
  await expect(reader.text(`By ${article.authors!.map((a) => a.name).join(' and ')}`)).toBeVisible();
  if (article.source?.url) {
    await expect(reader.article.getByRole('link', { name: article.source.name })).toHaveAttribute('href', article.source.url);
  }
  await expect(reader.publishedTime(article.published_at)).toHaveAttribute('title', /UTC$/);
  await expect(reader.readingTime).toBeVisible();

  const lead = reader.image(article.image!.alt!);
  await expect(lead).toHaveAttribute('width', String(article.image!.width));
  await expect(lead).toHaveAttribute('height', String(article.image!.height));
  await expect(reader.bodyImages.first()).toHaveAttribute('loading', 'lazy');

  await expect(reader.text(firstParagraph(article))).toBeVisible();
  const heading = article.body.find((b) => b.type === 'heading')!;
  if (heading.type === 'heading') {
    await expect(reader.article.getByRole('heading', { level: heading.level, name: heading.text })).toBeVisible();
  }
  const list = article.body.find((b) => b.type === 'list')!;
  if (list.type === 'list') {
    await expect(reader.listItems().filter({ hasText: list.items[0] }).first()).toBeVisible();
  }
  await expect(reader.quotes.first()).toBeVisible();
  await expect(reader.htmlBlocks.first()).toBeVisible();

  await reader.expectArticleTitle(article.title);
  // The summary, cut to 200 characters as the server sends it (model/src/meta.rs).
  const description = (await reader.metaDescription.getAttribute('content')) ?? '';
  expect(description.length).toBeGreaterThan(0);
  expect(article.summary!.startsWith(description.replace(/…$/, ''))).toBe(true);
  await expect(reader.canonicalLink).toHaveAttribute('href', article.url!);
  await expect(reader.appPromo).toBeVisible();
  expect(crashes).toEqual([]);
});

test('html blocks keep safe markup and external links cannot reach the opener', async ({ page, request }) => {
  const article = await findArticle(request, (a) => a.body.some((b) => b.type === 'html' && b.html.includes('href="http')));
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  const link = reader.htmlBlocks.locator('a[href^="http"]').first();
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(reader.htmlBlocks.locator('script, [onclick], [style]')).toHaveCount(0);
});

test('a right-to-left article sets its language and direction', async ({ page, request }) => {
  const article = await findArticle(request, (a) => a.language === 'ar');
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  await expect(reader.article).toHaveAttribute('lang', 'ar');
  await expect(reader.article).toHaveAttribute('dir', 'rtl');
  const direction = await reader.bodyParagraphs.first().evaluate((p) => getComputedStyle(p).direction);
  expect(direction).toBe('rtl');
});

test('relative times follow the clock while the page stays open', async ({ page, request }) => {
  const article = await findArticle(request);
  await page.clock.install({ time: new Date(Date.parse(article.published_at) + 10_000) });
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  const published = reader.publishedTime(article.published_at);
  await expect(published).toHaveText('just now');
  await page.clock.runFor(5 * 60_000);
  await expect(published).toHaveText('5 minutes ago');
  await page.clock.runFor(2 * 24 * 60 * 60_000);
  await expect(published).toHaveText('2 days ago');
});

test('Share copies the link where the browser has no share sheet', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript(() => {
    delete (Navigator.prototype as any).share;
  });
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  await reader.shareButton.click();
  await expect(reader.shareStatus).toHaveText('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test('Share uses the system share sheet where there is one', async ({ page, request }) => {
  await page.addInitScript(() => {
    (window as any).__shared = [];
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      value: (data: unknown) => {
        (window as any).__shared.push(data);
        return Promise.resolve();
      },
    });
  });
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  await reader.shareButton.click();
  await expect(reader.shareStatus).toHaveText('Thanks for sharing.');
  expect(await page.evaluate(() => (window as any).__shared)).toEqual([{ title: article.title, url: page.url() }]);
});

test('the app links are hidden when none are configured', async ({ page, request }) => {
  await page.route('**/config.json', async (route) => {
    const config = await (await route.fetch()).json();
    delete config.apps;
    await route.fulfill({ json: config });
  });
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  await expect(reader.appPromo).toHaveCount(0);
});
