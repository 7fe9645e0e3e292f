// Embedding on partner sites: a partner page on another origin (tests/e2e/partner/) shows the
// card, related list and comments in iframes that fit their content, in the partner's theme,
// with links that leave the iframe, and only where the configuration allows it.
import { expect, test } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { allComments } from '../kit/comments';
import { article, relatedTo } from '../kit/api';
import { expectNoAxeViolations } from '../kit/axe';
import { EmbedHost } from '../kit/embed';
import { catalogue, frameOf, say } from '../kit/locale';
import { deploymentOf, requireArticles, skipIfReadOnly } from '../kit/deployment';
import { routeTarget } from '../kit/faults';
import { expectSettled, ReaderApp } from '../kit/pages';

// Written around the reference backend's demo articles: skipped where the deployment lacks them.
requireArticles([
  'salt-and-silver-film-week',
  'harbour-tram-trial',
  'oud-nights-old-port',
  'ashgrove-comet-discovery',
  'port-wendell-budget-vote',
  'harbour-lights-lineup',
  'ashgrove-library-night-hours',
  'printing-press-restored',
  'wendell-sound-sea-slug',
]);

// Tests share one backend database: each posts on its own article, with unique text.
const unique = (what: string) => `${what} ${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const GZIP_BUDGET = 3 * 1024;

test('embed.js stays within its size budget', async ({ request }) => {
  const response = await request.get('/embed.js');
  expect(response.ok()).toBeTruthy();
  expect(response.headers()['content-type']).toMatch(/javascript/);
  const size = gzipSync(await response.body(), { level: 9 }).length;
  expect(size, `embed.js is ${size} bytes gzipped; the budget is ${GZIP_BUDGET}`).toBeLessThanOrEqual(GZIP_BUDGET);
});

test('each widget renders on a partner page, sized to fit, and leaves the page alone', async ({ page, request }) => {
  const id = 'salt-and-silver-film-week';
  const story = await article(request, id);
  const related = await relatedTo(request, id);
  const comments = await allComments(request, id);
  const crashes = new ReaderApp(page).watchForCrashes();
  const host = new EmbedHost(page);
  await host.open([
    { kind: 'card', article: id },
    { kind: 'related', article: id },
    { kind: 'comments', article: id },
  ]);
  const before = await host.partnerPage();

  await expectSettled(host.root('card', id), 'ready');
  await expect(host.cardLink(id, story.title)).toBeVisible();
  await expectSettled(host.root('related', id), 'ready');
  await expect(host.related(id).cardLinks).toHaveText(related.map((r) => r.title));
  await expectSettled(host.root('comments', id), 'ready');
  await expect(host.comments(id).heading).toHaveText(`Comments (${comments.length})`);

  for (const kind of ['card', 'related', 'comments'] as const) {
    await expect(host.iframe(kind, id)).toHaveAttribute('loading', 'lazy');
    await host.waitForHeight(kind, id);
    // Screen readers on the partner's page hear the widget's own title, in its language.
    const title = await (await frameOf(host.iframe(kind, id))).title();
    expect(title).not.toBe('');
    await expect(host.iframe(kind, id)).toHaveAttribute('title', title);
    await expect(host.iframe(kind, id)).toHaveAttribute('lang', 'en');
    await expect(host.chrome(kind, id)).toHaveCount(0);
  }
  const en = catalogue('en');
  const site = (await deploymentOf(request)).config.site?.name ?? 'Broadsheet';
  const titled = (page: string) => say(en['head.title'], { page, site });
  await expect(host.iframe('comments', id)).toHaveAttribute('title', titled(say(en['embed.comments_title'], { title: story.title })));
  await expect(host.iframe('related', id)).toHaveAttribute('title', titled(en['related.heading']));
  expect(await host.partnerPage()).toEqual(before);
  await expectNoAxeViolations(page);
  expect(crashes).toEqual([]);
});

test('a widget grows when its content grows and shrinks back', async ({ page, request }) => {
  const id = 'harbour-tram-trial';
  const [first] = await allComments(request, id);
  const host = new EmbedHost(page);
  await host.open([{ kind: 'comments', article: id }]);
  const comments = host.comments(id);
  await expectSettled(comments.root, 'ready');
  const loaded = await host.waitForHeight('comments', id);

  await comments.loadMore();
  await expect(comments.loadMoreButton).toHaveCount(0);
  const more = await host.waitForHeight('comments', id, (height) => height > loaded);

  await comments.openReply(first.author.name);
  const replying = await host.waitForHeight('comments', id, (height) => height > more);
  await comments.cancelReply(first.author.name);
  await expect(comments.replyForm(first.author.name)).toHaveCount(0);
  expect(await host.waitForHeight('comments', id, (height) => height < replying)).toBe(more);
});

test('comments in a widget work as on the full page: post, reply and drafts', async ({ page }) => {
  skipIfReadOnly();
  const id = 'oud-nights-old-port';
  const host = new EmbedHost(page);
  await host.open([{ kind: 'comments', article: id }]);
  const comments = host.comments(id);
  await comments.expectLoaded();
  const before = await host.waitForHeight('comments', id);

  const name = unique('Ines');
  const body = unique('Heard them from the quay.');
  await comments.postComment(name, body);
  await expect(comments.comment(body)).toBeVisible();
  await expect(comments.pendingBadge(comments.comment(body))).toHaveCount(0);
  await expect(comments.status).toHaveText('Your comment was posted.');
  await host.waitForHeight('comments', id, (height) => height > before);

  const replyBody = unique('So did I');
  await comments.reply(name, unique('Jo'), replyBody);
  await expect(comments.comment(replyBody)).toHaveAttribute('data-depth', '1');

  const draft = unique('Half a thought');
  await comments.write(unique('Kai'), draft);
  await page.reload();
  await comments.expectLoaded();
  await expect(comments.commentField()).toHaveValue(draft);
  await expect(comments.comment(body)).toBeVisible();
});

test('the theme follows the partner: from the snippet, changed live, and "auto" follows its color scheme', async ({ page }) => {
  const id = 'ashgrove-comet-discovery';
  await page.emulateMedia({ colorScheme: 'light' });
  const host = new EmbedHost(page);
  await host.open([
    { kind: 'card', article: id, theme: 'dark' },
    { kind: 'comments', article: id, theme: 'auto' },
  ]);
  await expectSettled(host.root('card', id), 'ready');
  await expectSettled(host.root('comments', id), /^(ready|empty)$/);
  await host.expectColorScheme('card', id, 'dark');
  await host.expectColorScheme('comments', id, 'light');

  await host.setTheme('light', { kind: 'card', article: id });
  await host.expectColorScheme('card', id, 'light');

  await page.emulateMedia({ colorScheme: 'dark' });
  await host.expectColorScheme('comments', id, 'dark');
  await host.expectColorScheme('card', id, 'light');
  await expectNoAxeViolations(page);

  await host.setTheme('dark');
  await host.expectColorScheme('card', id, 'dark');
  await host.setThemeAttribute('comments', id, 'light');
  await host.expectColorScheme('comments', id, 'light');
  await host.expectColorScheme('card', id, 'dark');

  // A reloaded iframe gets the theme of now, not the one in its address.
  await host.setTheme('dark', { kind: 'comments', article: id });
  await host.moveWidget('comments', id);
  await expectSettled(host.root('comments', id), /^(ready|empty)$/);
  await host.expectColorScheme('comments', id, 'dark');
});

test('links in a widget open the full article in a new tab, never inside the iframe', async ({ page, request }) => {
  const id = 'port-wendell-budget-vote';
  const story = await article(request, id);
  const host = new EmbedHost(page);
  await host.open([
    { kind: 'card', article: id },
    { kind: 'related', article: id },
  ]);
  await expectSettled(host.root('related', id), 'ready');
  for (const link of await host.links('related', id).all()) {
    await expect(link).toHaveAttribute('target', '_blank');
  }
  const partnerUrl = page.url();
  const reader = await host.readerOrigin('card', id);

  const tab = await host.openInNewTab(host.cardLink(id, story.title));
  await expect(tab).toHaveURL(`${reader}/articles/${id}`);
  await expect(new ReaderApp(tab).headline).toHaveText(story.title);
  await tab.close();
  expect(page.url()).toBe(partnerUrl);
  await expectSettled(host.root('card', id), 'ready');
});

test('with "link_target": "top", a link takes the partner window to the full article', async ({ page, request }) => {
  const id = 'port-wendell-budget-vote';
  const story = await article(request, id);
  const host = new EmbedHost(page);
  await host.configureEmbeds({ link_target: 'top' });
  await host.open([{ kind: 'card', article: id }]);
  await expect(host.cardLink(id, story.title)).toHaveAttribute('target', '_top');
  const reader = await host.readerOrigin('card', id);
  await host.cardLink(id, story.title).click();
  await expect(page).toHaveURL(`${reader}/articles/${id}`);
  await expect(new ReaderApp(page).headline).toHaveText(story.title);
});

test('a height message from anywhere but the widget itself is ignored', async ({ page }) => {
  const id = 'harbour-lights-lineup';
  const host = new EmbedHost(page);
  await host.open([{ kind: 'comments', article: id }]);
  await expectSettled(host.root('comments', id), 'ready');
  const height = await host.waitForHeight('comments', id);
  const forged = { type: 'broadsheet:height', widget: await host.widgetId('comments', id), height: height + 500 };
  const reader = await host.readerOrigin('comments', id);

  // A frame from another site, the partner page itself, and a reader frame embed.js did not make.
  for (const from of [`${EmbedHost.evil(page).origin}/frame`, undefined, `${reader}/embed/articles/${id}/card`]) {
    await host.postFromAnotherFrame(forged, from);
    expect(await host.height('comments', id), `a message from ${from ?? 'the partner page'}`).toBe(height);
  }
});

test('a site that is not allowed gets no widget', async ({ page }) => {
  const id = 'ashgrove-library-night-hours';
  const evil = EmbedHost.evil(page);
  const refused = page.waitForEvent('console', (message) => message.text().includes('frame-ancestors'));
  await evil.open([{ kind: 'card', article: id }]);
  await refused;
  await expect(evil.root('card', id)).toHaveCount(0);
  expect(await evil.height('card', id)).toBeGreaterThan(0);

  // Even where the browser does not enforce frame-ancestors, the widget refuses that site.
  await evil.ignoreFramingPolicy();
  await page.reload();
  await expect(evil.refusal('card', id)).toHaveText('This site isn’t allowed to show content from Broadsheet.');
  await expect(evil.root('card', id)).toHaveCount(0);
});

test('two widgets on one page work independently, even with the script included twice', async ({ page }) => {
  skipIfReadOnly();
  const [posted, quiet] = ['printing-press-restored', 'wendell-sound-sea-slug'];
  const host = new EmbedHost(page);
  await host.open(
    [
      { kind: 'comments', article: posted, theme: 'light' },
      { kind: 'comments', article: quiet, theme: 'light' },
    ],
    { scriptTwice: true },
  );
  await expect(host.iframes).toHaveCount(2);
  await expectSettled(host.root('comments', posted), 'ready');
  await expectSettled(host.root('comments', quiet), 'ready');
  const [postedHeight, quietHeight] = [await host.waitForHeight('comments', posted), await host.waitForHeight('comments', quiet)];

  const body = unique('Ink on every finger.');
  await host.comments(posted).postComment(unique('Lu'), body);
  await expect(host.comments(posted).comment(body)).toBeVisible();
  await host.waitForHeight('comments', posted, (height) => height > postedHeight);
  await expect(host.comments(quiet).comment(body)).toHaveCount(0);
  expect(await host.waitForHeight('comments', quiet)).toBe(quietHeight);

  await host.setTheme('dark', { kind: 'comments', article: quiet });
  await host.expectColorScheme('comments', quiet, 'dark');
  await host.expectColorScheme('comments', posted, 'light');
});

test('widgets added after the page loaded render too, with their loading state first', async ({ page }) => {
  const id = 'wendell-sound-sea-slug';
  const host = new EmbedHost(page);
  await host.open([]);
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await routeTarget(page, 'article', id, async (route) => {
    await held;
    await route.continue();
  });
  await host.addWidget({ kind: 'card', article: id });
  const root = host.root('card', id);
  await expect(root).toHaveAttribute('data-state', 'loading');
  await expect(root).toHaveAttribute('aria-busy', 'true');
  release();
  await expectSettled(root, 'ready');
  await host.waitForHeight('card', id);

  await host.addWidget({ kind: 'card', article: 'no-such-article-anywhere' });
  await expectSettled(host.root('card', 'no-such-article-anywhere'), 'error');
});

test('a widget follows its element when a single-page partner changes its article, kind or language', async ({ page, request }) => {
  const [from, to] = ['salt-and-silver-film-week', 'harbour-tram-trial'];
  const [before, after] = [await article(request, from), await article(request, to)];
  const related = await relatedTo(request, to);
  const crashes = new ReaderApp(page).watchForCrashes();
  const host = new EmbedHost(page);
  await host.open([{ kind: 'card', article: from, theme: 'dark' }]);
  await expect(host.cardLink(from, before.title)).toBeVisible();
  await host.waitForHeight('card', from);
  // A theme the partner's script set stays with the element.
  await host.setTheme('light', { kind: 'card', article: from });
  await host.expectColorScheme('card', from, 'light');
  const history = await host.historyLength();

  await host.changeWidget('card', from, { article: to });
  await expect(host.cardLink(to, after.title)).toBeVisible();
  await expect(host.iframes).toHaveCount(1);
  await host.waitForHeight('card', to);
  await host.expectColorScheme('card', to, 'light');

  // A new data-theme reaches the widget without reloading it.
  await host.markWidget('card', to);
  await host.setThemeAttribute('card', to, 'dark');
  await host.expectColorScheme('card', to, 'dark');
  expect(await host.reloadedSinceMark('card', to)).toBe(false);

  await host.changeWidget('card', to, { kind: 'related' });
  await expectSettled(host.root('related', to), 'ready');
  await expect(host.related(to).cardLinks).toHaveText(related.map((r) => r.title));
  await host.waitForHeight('related', to);
  await host.expectColorScheme('related', to, 'dark');

  await host.changeWidget('related', to, { lang: 'de' });
  await expect(host.documentRoot('related', to)).toHaveAttribute('lang', 'de');
  await host.waitForHeight('related', to);
  await expect(host.iframes).toHaveCount(1);
  // Each change made a new iframe: none of them added an entry to the partner's history.
  expect(await host.historyLength()).toBe(history);
  expect(crashes).toEqual([]);
});

test('a widget whose element leaves the page goes with it, and comes back with it or a new one', async ({ page, request }) => {
  const id = 'harbour-lights-lineup';
  const story = await article(request, id);
  const crashes = new ReaderApp(page).watchForCrashes();
  const host = new EmbedHost(page);
  await host.open([
    { kind: 'card', article: id },
    { kind: 'related', article: id },
  ]);
  await expectSettled(host.root('card', id), 'ready');
  const first = await host.widgetId('card', id);

  const removed = await host.removeWidget('card', id);
  await expect.poll(() => host.framesInside(removed), { message: 'the iframe leaves with its element' }).toBe(0);
  await host.putBack(removed);
  await expect(host.cardLink(id, story.title)).toBeVisible();
  await host.waitForHeight('card', id);
  // Mounted anew: embed.js kept nothing of the widget that went.
  expect(await host.widgetId('card', id)).not.toBe(first);

  await host.removeWidget('card', id);
  await host.addWidget({ kind: 'card', article: id });
  await expect(host.cardLink(id, story.title)).toBeVisible();
  await host.waitForHeight('card', id);
  await expect(host.iframes).toHaveCount(2);
  // The other widget carried on.
  await expectSettled(host.root('related', id), 'ready');
  await host.waitForHeight('related', id);
  expect(crashes).toEqual([]);
});

test('the example partner page shows its three widgets', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.openExample();
  const id = 'harbour-tram-trial';
  for (const kind of ['card', 'related', 'comments'] as const) {
    await expectSettled(host.root(kind, id), 'ready');
    await host.waitForHeight(kind, id);
  }
});
