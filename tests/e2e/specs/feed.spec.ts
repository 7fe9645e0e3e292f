// The front page's section filter, with the first section of config.json that has articles.
// Native and WordPress backends (a JSON Feed deployment usually configures no sections).
import { expect, test } from '@playwright/test';
import { feed } from '../kit/api';
import { deploymentOf } from '../kit/deployment';
import { FrontPage } from '../kit/pages';
import { escapeRegExp } from '../kit/patterns';

test('the front page filters by section', async ({ page, request }) => {
  const deployment = await deploymentOf(request);
  let section: string | undefined;
  let items: { title: string }[] = [];
  for (const name of deployment.config.sections ?? []) {
    items = await feed(request, name);
    if (items.length) {
      section = name;
      break;
    }
  }
  test.skip(section === undefined, 'config.json lists no section with articles');
  const all = await feed(request);
  const front = new FrontPage(page);
  await front.open();
  await front.filterBySection(section!);
  await expect(page).toHaveURL(new RegExp(`\\?section=${escapeRegExp(encodeURIComponent(section!))}$`));
  await expect(front.cardLinks.first()).toHaveText(items[0].title);
  // A native backend pages by ten; other kinds leave out posts the app cannot show from a page.
  if (deployment.kind === 'native') await expect(front.cardLinks).toHaveCount(Math.min(items.length, 10));
  await expect(front.sectionLink(section!)).toHaveAttribute('aria-current', 'page');
  await front.filterBySection('All');
  await expect(front.sectionLink('All')).toHaveAttribute('aria-current', 'page');
  await expect(front.cardLinks.first()).toHaveText(all[0].title);
  if (deployment.kind === 'native') await expect(front.cardLinks).toHaveCount(Math.min(all.length, 10));
});
