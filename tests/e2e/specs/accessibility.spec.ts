// axe finds no WCAG 2.2 AA violations, in light and dark, on every kind of page.
import { expect, test } from '@playwright/test';
import { findArticle } from '../kit/api';
import { expectNoAxeViolations } from '../kit/axe';
import { routeTarget } from '../kit/faults';
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
      const reader = new ArticlePage(page);
      await reader.open('missing');
      await reader.expectNotFound();
      await expectNoAxeViolations(page);
      const article = await findArticle(request);
      await routeTarget(page, 'article', article.id, (route) => route.fulfill({ status: 503 }));
      await reader.open(article.id);
      // The article's alert (on backends other than native, its related list fails with it).
      await expect(reader.alert.first()).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}

test('keyboard users can skip to the content and see where focus is', async ({ page, request }) => {
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  await page.keyboard.press('Tab');
  await expect(reader.skipLink).toBeFocused();
  await expect(reader.skipLink).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(reader.main).toBeFocused();
});

for (const reducedMotion of ['no-preference', 'reduce'] as const) {
  test(`loading placeholders ${reducedMotion === 'reduce' ? 'stay still' : 'pulse'} when motion is ${reducedMotion}`, async ({ page, request }) => {
    await page.emulateMedia({ reducedMotion });
    const article = await findArticle(request);
    // Hold the article so its placeholder stays on screen.
    await routeTarget(page, 'article', article.id, () => {});
    const reader = new ArticlePage(page);
    await reader.open(article.id);
    const line = reader.skeletonLines.first();
    await expect(line).toBeVisible();
    const animation = await line.evaluate((el) => getComputedStyle(el).animationName);
    const scrolling = await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
    expect(animation).toBe(reducedMotion === 'reduce' ? 'none' : 'pulse');
    expect(scrolling).toBe('auto');
  });
}
