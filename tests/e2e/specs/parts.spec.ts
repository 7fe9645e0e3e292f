// The parts of the app outside its core (src/parts.rs): each one's code comes when it is needed,
// a widget fetches only the code it draws, and a part whose code cannot be fetched says so in
// its place, with a Retry that brings it.
import { expect, test, type Page, type Request } from '@playwright/test';
import { CommentsSection } from '../kit/comments';
import { requireArticles } from '../kit/deployment';
import { EmbedHost } from '../kit/embed';
import { expectSettled, FrontPage, ReaderApp } from '../kit/pages';
import { ReaderTools } from '../kit/reader-tools';

requireArticles(['harbour-tram-trial', 'printing-press-restored']);

/** The file of a part's code (or of code parts share), as scripts/split-wasm.mjs names them. */
const partFile = (part: string) => new RegExp(`/split_${part}-[0-9a-f]+\\.wasm$`);
const UNAVAILABLE = /couldn’t load/;

/** The part files the page (and its frames) asked for. */
function partRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request: Request) => {
    const match = /\/split_(\w+)-[0-9a-f]+\.wasm$/.exec(new URL(request.url()).pathname);
    if (match) asked.push(match[1]);
  });
  return asked;
}

/** Fails every request for a part's code until the returned function is called. */
async function withholdPart(page: Page, part: string): Promise<{ asked: () => number; release: () => Promise<void> }> {
  let asked = 0;
  const pattern = partFile(part);
  const handler = (route: import('@playwright/test').Route) => {
    asked += 1;
    return route.abort('connectionfailed');
  };
  await page.route(pattern, handler);
  return { asked: () => asked, release: () => page.unroute(pattern, handler) };
}

test('the comments’ code that cannot be fetched is said so in their place, and Retry brings them', async ({ page }) => {
  const crashes = new ReaderApp(page).watchForCrashes();
  const withheld = await withholdPart(page, 'comments_part');
  const section = new CommentsSection(page);
  await page.goto('/articles/harbour-tram-trial');
  await expect(section.root).toHaveAttribute('data-state', /^(error|ready|empty)$/);
  test.skip(withheld.asked() === 0, 'this build has no parts (built without the split feature)');
  await expect(section.root).toHaveAttribute('data-state', 'error');
  await expect(section.root.getByRole('alert')).toHaveText(UNAVAILABLE);
  // The article is all there meanwhile.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await withheld.release();
  await section.root.getByRole('button', { name: 'Retry' }).click();
  await section.expectLoaded();
  await expect(section.form).toBeVisible();
  expect(crashes).toEqual([]);
});

test('the front page’s code comes when the reader goes there, and a failure offers Retry', async ({ page }) => {
  const crashes = new ReaderApp(page).watchForCrashes();
  const asked = partRequests(page);
  const withheld = await withholdPart(page, 'front_page_part');
  await page.goto('/articles/printing-press-restored');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('banner').getByRole('link').first().click();
  const front = new FrontPage(page);
  await expect(front.feed).toHaveAttribute('data-state', /^(error|ready)$/);
  test.skip(withheld.asked() === 0, 'this build has no parts (built without the split feature)');
  await expect(front.feed).toHaveAttribute('data-state', 'error');
  await expect(front.feed.getByRole('alert')).toHaveText(UNAVAILABLE);

  await withheld.release();
  await front.feed.getByRole('button', { name: 'Retry' }).click();
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
  await expect(tools.summary.getByRole('alert').or(tools.summarySentences.first())).toBeVisible();
  test.skip(withheld.asked() === 0, 'this build has no parts (built without the split feature)');
  await expect(tools.summary.getByRole('alert')).toHaveText(UNAVAILABLE);

  await withheld.release();
  await tools.summary.getByRole('button', { name: 'Retry' }).click();
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
  const alert = host.widget('card', id).getByRole('alert');
  await expect(alert.or(host.root('card', id))).toBeVisible();
  test.skip(withheld.asked() === 0, 'this build has no parts (built without the split feature)');
  await expect(alert).toHaveText(UNAVAILABLE);

  await withheld.release();
  await host.widget('card', id).getByRole('button', { name: 'Retry' }).click();
  await expectSettled(host.root('card', id), 'ready');
});
