// axe finds no WCAG 2.2 AA violations, in light and dark, on every kind of page.
import { expect, test } from '@playwright/test';
import { findArticle } from '../kit/api';
import { expectNoAxeViolations } from '../kit/axe';
import { ArticlePage, FrontPage } from '../kit/pages';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test('front page', async ({ page }) => {
      await new FrontPage(page).open();
      await expectNoAxeViolations(page);
    });

    test('article page', async ({ page, request }) => {
      const article = await findArticle(request, (a) => !!a.image);
      const reader = new ArticlePage(page);
      await reader.open(article.id);
      await reader.expectHeadline(article.title);
      await expectNoAxeViolations(page);
    });

    test('right-to-left article', async ({ page, request }) => {
      const article = await findArticle(request, (a) => a.language === 'ar');
      const reader = new ArticlePage(page);
      await reader.open(article.id);
      await reader.expectHeadline(article.title);
      await expectNoAxeViolations(page);
    });

    test('not-found and failure pages', async ({ page, request }) => {
      await page.goto('/articles/missing');
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await expectNoAxeViolations(page);
      const article = await findArticle(request);
      await page.route('**/api/v1/articles/*', (route) => route.fulfill({ status: 503 }));
      await new ArticlePage(page).open(article.id);
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}

test('keyboard users can skip to the content and see where focus is', async ({ page, request }) => {
  const article = await findArticle(request);
  await new ArticlePage(page).open(article.id);
  await expect(page.getByRole('heading', { level: 1, name: article.title })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
