// The parts of the app outside its core (src/parts.rs): each one's code comes when it is needed,
// a widget fetches only the code it draws, and a part whose code cannot be fetched says so in
// its place, with a Retry that brings it.
import { expect, test } from '@playwright/test';
import { CommentsSection } from '../kit/comments';
import { requireArticles } from '../kit/deployment';
import { EmbedHost } from '../kit/embed';
import { expectSettled, FrontPage, ReaderApp } from '../kit/pages';
import { PART_UNAVAILABLE, partFailure, partRequests, retryPart, withholdPart } from '../kit/parts';
import { ReaderTools } from '../kit/reader-tools';

requireArticles(['harbour-tram-trial', 'printing-press-restored']);

test('the comments’ code that cannot be fetched is said so in their place, and Retry brings them', async ({ page }) => {
  const crashes = new ReaderApp(page).watchForCrashes();
  const withheld = await withholdPart(page, 'comments_part');
  const section = new CommentsSection(page);
  await page.goto('/articles/harbour-tram-trial');
  await expect(section.root).toHaveAttribute('data-state', /^(error|ready|empty)$/);
  test.skip(withheld.asked() === 0, 'this build has no parts (built without the split feature)');
  await expect(section.root).toHaveAttribute('data-state', 'error');
  await expect(partFailure(section.root)).toHaveText(PART_UNAVAILABLE);
  // The article is all there meanwhile.
  await expect(new ReaderApp(page).headline).toBeVisible();

  await withheld.release();
  await retryPart(section.root);
  await section.expectLoaded();
  await expect(section.form).toBeVisible();
  expect(crashes).toEqual([]);
});

test('the front page’s code comes when the reader goes there, and a failure offers Retry', async ({ page }) => {
  const crashes = new ReaderApp(page).watchForCrashes();
  const asked = partRequests(page);
  const withheld = await withholdPart(page, 'front_page_part');
  const front = new FrontPage(page);
  await page.goto('/articles/printing-press-restored');
  await expect(front.headline).toBeVisible();
  await front.homeLink.first().click();
  await expect(front.feed).toHaveAttribute('data-state', /^(error|ready)$/);
  test.skip(withheld.asked() === 0, 'this build has no parts (built without the split feature)');
  await expect(front.feed).toHaveAttribute('data-state', 'error');
  await expect(partFailure(front.feed)).toHaveText(PART_UNAVAILABLE);

  await withheld.release();
  await retryPart(front.feed);
  await expectSettled(front.feed, 'ready');
  await expect(front.cardLinks.first()).toBeVisible();
  // The widgets' code is for partner pages only.
  expect(asked).not.toContain('widget_part');
  expect(crashes).toEqual([]);
});

test('the summariser that cannot be fetched is said so in the summary, and Retry brings it', async ({ page }) => {
  const crashes = new ReaderApp(page).watchForCrashes();
  const withheld = await withholdPart(page, 'summary_part');
  const tools = new ReaderTools(page);
  await page.goto('/articles/harbour-tram-trial');
  await tools.summaryButton.click();
  await expect(partFailure(tools.summary).or(tools.summarySentences.first())).toBeVisible();
  test.skip(withheld.asked() === 0, 'this build has no parts (built without the split feature)');
  await expect(partFailure(tools.summary)).toHaveText(PART_UNAVAILABLE);

  await withheld.release();
  await retryPart(tools.summary);
  await expect(tools.summarySentences.first()).toBeVisible();
  expect(crashes).toEqual([]);
});

test('a card or related widget fetches no comments code; the comments widget fetches it at once', async ({ page }) => {
  const asked = partRequests(page);
  const host = new EmbedHost(page);
  const id = 'harbour-tram-trial';
  await host.open([
    { kind: 'card', article: id },
    { kind: 'related', article: id },
  ]);
  await expectSettled(host.root('card', id), 'ready');
  await expectSettled(host.root('related', id), 'ready');
  test.skip(asked.length === 0, 'this build has no parts (built without the split feature)');
  expect(asked).toContain('widget_part');
  expect(asked).not.toContain('comments_part');
  expect(asked).not.toContain('front_page_part');

  await host.addWidget({ kind: 'comments', article: id });
  await expectSettled(host.root('comments', id), /^(ready|empty)$/);
  expect(asked).toContain('comments_part');
});

test('a widget whose code cannot be fetched says so, and Retry brings it', async ({ page }) => {
  const host = new EmbedHost(page);
  const id = 'harbour-tram-trial';
  const withheld = await withholdPart(page, 'widget_part');
  await host.open([{ kind: 'card', article: id }]);
  const frame = host.widget('card', id).getByRole('main');
  await expect(partFailure(frame).or(host.root('card', id))).toBeVisible();
  test.skip(withheld.asked() === 0, 'this build has no parts (built without the split feature)');
  await expect(partFailure(frame)).toHaveText(PART_UNAVAILABLE);

  await withheld.release();
  await retryPart(frame);
  await expectSettled(host.root('card', id), 'ready');
});
