// Comments: reading threads, replying, posting, and never losing a word. Written around the
// reference backend's demo articles (a native backend): skipped where the deployment lacks them,
// and the tests that post skip in a read-only run (BROADSHEET_READ_ONLY).
import { expect, test } from '@playwright/test';
import { article } from '../kit/api';
import { expectNoAxeViolations } from '../kit/axe';
import { allComments, CommentsSection, firstPage } from '../kit/comments';
import { requireArticles, skipIfReadOnly } from '../kit/deployment';
import { routeTarget } from '../kit/faults';
import { ReaderApp } from '../kit/pages';

requireArticles([
  'tidal-battery-prototype',
  'rooftop-honey-pollen',
  'soil-fungi-old-oaks',
  'harbour-tram-trial',
  'night-shift-choir-prize',
  'canal-street-bike-lanes',
  'ferry-fare-cap',
]);

// Tests share one backend database: each posts on its own article, with unique text.
const unique = (what: string) => `${what} ${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

test('a reader posts a comment and a reply, and both are there after a reload', async ({ page, request }) => {
  skipIfReadOnly();
  const id = 'tidal-battery-prototype';
  expect((await article(request, id)).comments?.enabled).toBe(true);
  const crashes = new ReaderApp(page).watchForCrashes();
  const section = new CommentsSection(page);
  await section.open(id);
  const name = unique('Ada');
  const body = unique('First thoughts:\nthe battery is https://tide.example/spec.');
  await section.postComment(name, body);
  const posted = section.comment(body.split('\n')[0]);
  await expect(posted).toBeVisible();
  await expect(section.pendingBadge(posted)).toHaveCount(0);
  await expect(posted.getByRole('link', { name: 'https://tide.example/spec' })).toHaveAttribute('rel', 'nofollow ugc noopener');
  await expect(section.commentField()).toHaveValue('');

  const replyName = unique('Ben');
  const replyBody = unique('A reply to Ada');
  await section.reply(name, replyName, replyBody);
  await expect(section.comment(replyBody)).toBeVisible();
  await expect(section.replyForm(name)).toHaveCount(0);

  await page.reload();
  await section.expectLoaded();
  await section.sortBy('newest');
  await expect(section.comment(body.split('\n')[0]).first()).toBeVisible();
  const reply = section.comment(replyBody);
  await expect(reply).toBeVisible();
  await expect(reply).toHaveAttribute('data-depth', '1');
  // The name is remembered for the next comment, on any article.
  await expect(section.nameField()).toHaveValue(replyName);
  expect(crashes).toEqual([]);
});

test('a failed post keeps the text, and Retry creates exactly one comment', async ({ page, request }) => {
  skipIfReadOnly();
  const id = 'rooftop-honey-pollen';
  const section = new CommentsSection(page);
  await section.open(id);
  const unroute = await routeTarget(page, 'post comment', id, (route) =>
    route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'down' } } }),
  );
  const name = unique('Cleo');
  const body = unique('Bees like the rooftops.');
  await section.postComment(name, body);
  await expect(section.postButton()).toHaveText('Posting…');
  const alert = section.formAlert();
  await expect(alert).toContainText('wasn’t posted');
  await expect(section.commentField()).toHaveValue(body);
  await expect(section.nameField()).toHaveValue(name);
  await expect(section.comment(body)).toHaveCount(0);

  await unroute();
  await section.retryPost();
  await expect(section.comment(body)).toBeVisible();
  await expect(section.pendingBadge(section.comment(body))).toHaveCount(0);
  await expect(alert).toHaveCount(0);
  const matching = (await allComments(request, id)).filter((c) => c.body === body);
  expect(matching).toHaveLength(1);
});

test('a draft survives a reload', async ({ page }) => {
  const id = 'soil-fungi-old-oaks';
  const section = new CommentsSection(page);
  await section.open(id);
  const name = unique('Dev');
  const body = unique('Half-written thoughts about fungi…\nsecond line');
  await section.write(name, body);
  await page.reload();
  await section.expectLoaded();
  await expect(section.nameField()).toHaveValue(name);
  await expect(section.commentField()).toHaveValue(body);
});

test('readers choose the order, and it is remembered', async ({ page, request }) => {
  const id = 'harbour-tram-trial';
  const oldest = await firstPage(request, id, 'oldest');
  const newest = await firstPage(request, id, 'newest');
  const section = new CommentsSection(page);
  await section.open(id);
  await expect(section.comments.first()).toContainText(oldest.items[0].body);
  await section.sortBy('newest');
  await expect(section.comments.first()).toContainText(newest.items[0].body);
  await page.reload();
  await section.expectLoaded();
  await expect(section.sortSelect).toHaveValue('newest');
  await expect(section.comments.first()).toContainText(newest.items[0].body);
});

test('more comments load on request, and focus moves to the first new one', async ({ page, request }) => {
  const id = 'harbour-tram-trial';
  const all = await allComments(request, id);
  const first = await firstPage(request, id, 'oldest');
  expect(first.next_cursor).toBeTruthy();
  const section = new CommentsSection(page);
  await section.open(id);
  await expect(section.heading).toHaveText(`Comments (${all.length})`);
  await expect(section.comments).toHaveCount(first.items.length);
  await section.loadMore();
  await expect(section.comments).toHaveCount(all.length);
  const firstNew = all.find((c) => !first.items.some((f) => f.id === c.id) && !c.parent_id)!;
  await expect(section.comments.nth(first.items.length)).toBeFocused();
  await expect(section.comments.nth(first.items.length)).toContainText(firstNew.body);
  await expect(section.status).toHaveText(`${all.length - first.items.length} more comments loaded.`);
  await expect(section.loadMoreButton).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A thread collapses and expands.
  const toggle = section.hideRepliesButtons.first();
  await toggle.click();
  await expect(section.collapsedToggles).toHaveCount(1);
  await expect(section.comments).not.toHaveCount(all.length);
  await section.collapsedToggles.click();
  await expect(section.comments).toHaveCount(all.length);
});

test('a comment can be written and posted with the keyboard alone', async ({ page }) => {
  skipIfReadOnly();
  const id = 'night-shift-choir-prize';
  const section = new CommentsSection(page);
  await section.open(id);
  await section.nameField().focus();
  // Posting an empty form says what is missing and takes focus there.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(section.postButton()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(section.nameField()).toBeFocused();
  await expect(section.nameField()).toHaveAttribute('aria-invalid', 'true');
  await expect(section.nameField()).toHaveAccessibleDescription('Please enter your name.');
  await expect(section.commentField()).toHaveAccessibleDescription('Please enter your comment.');
  await expectNoAxeViolations(page);
  await section.nameField().focus();

  const name = unique('Eve');
  const body = unique('Sung at 3 a.m., still in tune.');
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(body);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(section.comment(body)).toBeVisible();
  await expect(section.status).toHaveText('Your comment was posted.');
});

test('comments are closed where the article says so', async ({ page, request }) => {
  const id = 'canal-street-bike-lanes';
  expect((await article(request, id)).comments?.enabled).toBe(false);
  const existing = await allComments(request, id);
  const section = new CommentsSection(page);
  await section.open(id);
  await expect(section.closedNotice).toBeVisible();
  await expect(section.forms).toHaveCount(0);
  await expect(section.replyButtons).toHaveCount(0);
  await expect(section.comments).toHaveCount(existing.length);
});

test('an article without comments says so', async ({ page }) => {
  const section = new CommentsSection(page);
  await section.open('ferry-fare-cap');
  await expect(section.root).toHaveAttribute('data-state', 'empty');
  await expect(section.emptyNotice).toBeVisible();
  await expect(section.heading).toHaveText('Comments (0)');
  await expect(section.form).toBeVisible();
});
