// The front page's section filter.
import { expect, test } from '@playwright/test';
import { API } from '../kit/api';
import { FrontPage } from '../kit/pages';

test('the front page filters by section', async ({ page, request }) => {
  const response = await request.get(`${API}/articles?section=Science&limit=100`);
  const science: { title: string }[] = (await response.json()).items;
  expect(science.length).toBeGreaterThan(0);
  const front = new FrontPage(page);
  await front.open();
  await front.filterBySection('Science');
  await expect(page).toHaveURL(/\?section=Science$/);
  await expect(front.cardLinks).toHaveCount(Math.min(science.length, 10));
  await expect(front.cardLinks.first()).toHaveText(science[0].title);
  await expect(front.sectionLink('Science')).toHaveAttribute('aria-current', 'page');
  await front.filterBySection('All');
  await expect(front.sectionLink('All')).toHaveAttribute('aria-current', 'page');
  await expect(front.cardLinks).toHaveCount(10);
});
