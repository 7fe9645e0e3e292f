// Huge answers degrade gracefully: a 10 MB article is cut with a note, 100,000 related items
// become the usual short list, and the page stays responsive. The longest main-thread task is
// recorded as an annotation (timings are reported, not asserted: see BENCHMARKS.md).
// The answers are native contract documents: a native backend only (any base URL and paths).
import { expect, test, type Page } from '@playwright/test';
import { article as fetchArticle, findArticle } from '../kit/api';
import { CommentsSection } from '../kit/comments';
import { requireBackend } from '../kit/deployment';
import { routeTarget, type Target } from '../kit/faults';
import { ArticlePage, FrontPage, expectSettled } from '../kit/pages';

requireBackend({ kinds: ['native'] }, 'answers with native contract documents');

/**
 * Opens the article with `json` as the answer to its `target` request (the article or its
 * related list), watching for crashes and for the longest main-thread task.
 */
async function openWithAnswer(page: Page, id: string, target: Target, json: string) {
  await routeTarget(page, target, id, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: json }));
  const longest = await watchLongTasks(page);
  const reader = new ArticlePage(page);
  const crashes = reader.watchForCrashes();
  await reader.open(id);
  /** Notes the longest task on the test, and checks nothing crashed. */
  const finish = async () => {
    test.info().annotations.push({ type: 'longest task (ms)', description: String(Math.round(await longest())) });
    expect(crashes).toEqual([]);
  };
  return { reader, finish };
}

/** Records the longest task the page runs from now on. */
async function watchLongTasks(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  return () => page.evaluate(() => (window as unknown as { __longest: number }).__longest);
}

test('a 10 MB article is shown cut short with a note, and the page keeps working', async ({ page, request }) => {
  test.setTimeout(60_000);
  const original = await findArticle(request, (a) => a.comments?.enabled !== false);
  const paragraph = 'A sentence of a very long article, repeated until the body is ten megabytes. '.repeat(20);
  const blocks = Array.from({ length: Math.ceil(10_000_000 / paragraph.length) }, () => ({ type: 'paragraph', text: paragraph }));
  const huge = { ...(await fetchArticle(request, original.id)), body: blocks };
  const json = JSON.stringify(huge);
  expect(json.length).toBeGreaterThan(10_000_000);
  const { reader, finish } = await openWithAnswer(page, original.id, 'article', json);
  // Ten megabytes take a while to arrive and parse on a loaded machine: wait for the state.
  await expect(reader.state).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await reader.expectHeadline(original.title);
  await expect(reader.truncationNote).toBeVisible({ timeout: 20_000 });
  expect(await reader.bodyParagraphs.count()).toBeLessThan(200);
  await expectSettled(reader.related.section, 'ready');
  await new CommentsSection(page).expectLoaded();
  await finish();
});

test('an article without a body (a protected post) sends the reader to its source', async ({ page, request }) => {
  const original = await findArticle(request);
  const source = 'https://source.example/the-story';
  const withheld = { ...(await fetchArticle(request, original.id)), body: [], url: source };
  const { reader, finish } = await openWithAnswer(page, original.id, 'article', JSON.stringify(withheld));
  await reader.expectHeadline(original.title);
  await expect(reader.withheldNote).toBeVisible();
  await expect(reader.withheldNote.getByRole('link')).toHaveAttribute('href', source);
  await expect(reader.truncationNote).toHaveCount(0);
  await finish();
});

test('100,000 related items become the usual short list', async ({ page, request }) => {
  test.setTimeout(60_000);
  const original = await findArticle(request);
  const items = Array.from({ length: 100_000 }, (_, i) => ({
    id: `many-${i}`,
    title: `Related story number ${i}`,
    published_at: '2026-11-20T08:00:00Z',
  }));
  const json = JSON.stringify({ items, next_cursor: null, total: items.length });
  const { reader, finish } = await openWithAnswer(page, original.id, 'related', json);
  await reader.expectHeadline(original.title);
  await expectSettled(reader.related.section, 'ready');
  await expect(reader.related.cardLinks).toHaveCount(6);
  await expect(reader.related.card('Related story number 0')).toBeVisible();
  await finish();
});

test('an article whose text a backend cut in the middle of an emoji is still shown', async ({ page, request }) => {
  const original = await findArticle(request);
  // What JSON.stringify writes for a string cut by .slice() between the halves of 🌊: a lone
  // surrogate escape, which browsers read and serde_json refuses.
  const cut = { ...(await fetchArticle(request, original.id)) };
  cut.title = `${original.title} \uD83C`;
  cut.body = [{ type: 'paragraph', text: 'Storm surge \uD83C\uDF0A ahead of the \uDF0A tide' }];
  const json = JSON.stringify(cut);
  expect(json).toContain('\\ud83c"');
  const { reader, finish } = await openWithAnswer(page, original.id, 'article', json);
  await expectSettled(reader.state, 'ready');
  await reader.expectHeadline(`${original.title} \uFFFD`);
  await expect(reader.bodyParagraphs).toHaveText(['Storm surge 🌊 ahead of the \uFFFD tide']);
  await finish();
});

/** Elements that reach past the right edge of the viewport (the page would scroll sideways). */
async function pokingOut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const edge = document.documentElement.clientWidth + 1;
    return Array.from(document.querySelectorAll('body *'))
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > edge;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
  });
}

test('words and addresses without spaces wrap on a phone instead of pushing the page sideways', async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const original = await findArticle(request, (a) => a.comments?.enabled !== false);
  const word = 'Unbreakable'.repeat(30);
  const url = `https://example.com/${'a'.repeat(300)}`;
  const summary = { id: 'long-words', title: word, excerpt: word, published_at: '2026-11-20T08:00:00Z', source: { name: word } };
  const long = {
    ...(await fetchArticle(request, original.id)),
    title: `${original.title} ${word}`,
    summary: word,
    section: word,
    authors: [{ name: word }],
    source: { name: word, url: 'https://example.com' },
    body: [
      { type: 'paragraph', text: `See ${url} and ${word}` },
      { type: 'heading', level: 2, text: word },
      { type: 'quote', text: word, cite: word },
      { type: 'list', ordered: false, items: [word, url] },
      { type: 'html', html: `<p><a href="${url}">${url}</a> <code>${word}</code></p><pre>${word}</pre>` },
    ],
  };
  const comments = {
    items: [
      { id: 'c1', author: { name: word }, body: `${word} ${url}`, created_at: '2026-11-20T08:00:00Z' },
      { id: 'c2', parent_id: 'c1', author: { name: word }, body: word, created_at: '2026-11-20T09:00:00Z' },
    ],
    next_cursor: null,
    total: 2,
  };
  const json = (body: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  await routeTarget(page, 'article', original.id, (route) => route.fulfill(json(long)));
  await routeTarget(page, 'related', original.id, (route) => route.fulfill(json({ items: [summary], next_cursor: null })));
  await routeTarget(page, 'comments', original.id, (route) => route.fulfill(json(comments)));
  await routeTarget(page, 'feed', '', (route) => route.fulfill(json({ items: [summary], next_cursor: null })));

  const reader = new ArticlePage(page);
  await reader.open(original.id);
  await expectSettled(reader.state, 'ready');
  await expectSettled(reader.related.section, 'ready');
  await expect(new CommentsSection(page).heading).toHaveText('Comments (2)');
  expect(await pokingOut(page)).toEqual([]);

  const front = new FrontPage(page);
  await front.open();
  await expectSettled(front.feed, 'ready');
  expect(await pokingOut(page)).toEqual([]);
});

test('blank headlines, ids and names: no unnamed links, no empty headline, no nameless author', async ({ page, request }) => {
  const original = await findArticle(request, (a) => a.comments?.enabled !== false);
  const story = (id: string, title: string) => ({ id, title, published_at: '2026-11-20T08:00:00Z' });
  const comments = {
    items: [{ id: 'c1', author: { name: '  ' }, body: 'Said by someone who left no name.', created_at: '2026-11-20T08:00:00Z' }],
    next_cursor: null,
  };
  const json = (body: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  await routeTarget(page, 'related', original.id, (route) =>
    route.fulfill(json({ items: [story('blank', ' \n '), story('', 'No id'), story('kept', 'A story with a headline')] })),
  );
  await routeTarget(page, 'comments', original.id, (route) => route.fulfill(json(comments)));

  const reader = new ArticlePage(page);
  const crashes = reader.watchForCrashes();
  await reader.open(original.id);
  await expectSettled(reader.related.section, 'ready');
  await expect(reader.related.cardLinks).toHaveText(['A story with a headline']);
  const section = new CommentsSection(page);
  await section.expectLoaded();
  const entry = section.comment('Said by someone who left no name.');
  await expect(entry).toContainText('Anonymous');
  // Its reply button, and the form it opens, are named after "Anonymous" too.
  await expect(await section.openReply('Anonymous')).toBeVisible();

  // An article whose headline is blank is not the contract's: the page says it cannot read it.
  await routeTarget(page, 'article', original.id, (route) => route.fulfill(json({ ...original, title: '   ' })));
  await reader.open(original.id);
  await expect(reader.state).toHaveAttribute('data-state', 'error');
  await expect(reader.state).toContainText('couldn’t read');
  expect(crashes).toEqual([]);
});
