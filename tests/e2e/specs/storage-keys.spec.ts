// What a reader saved in this browser survives a renaming of the storage keys: values under the
// keys of earlier releases are applied, and move to the current keys (`broadsheet:<purpose>…`).
import { expect, test, type Page } from '@playwright/test';
import { CommentsSection } from '../kit/comments';
import { requireArticles } from '../kit/deployment';
import { ReaderTools } from '../kit/reader-tools';

const id = 'soil-fungi-old-oaks';
requireArticles([id]);

/** The keys earlier releases wrote, and the ones they are stored under now. */
const OLD = { textSize: 'broadsheet.text-size' };
const NOW = {
  textSize: 'broadsheet:text-size',
  name: 'broadsheet:name',
  commentSort: 'broadsheet:comment-sort',
  draft: `broadsheet:draft:${id}:top`,
};

/** Puts `items` in localStorage before the app's first load (only then: a reload keeps what the app did). */
async function savedEarlier(page: Page, items: Record<string, string>): Promise<void> {
  await page.addInitScript((seed) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    for (const [key, value] of Object.entries(seed)) localStorage.setItem(key, value);
  }, items);
}

const stored = (page: Page) => page.evaluate(() => ({ ...localStorage }));

test('a reader’s text size, name, comment order and draft saved by an earlier release are applied and kept under the new keys', async ({ page }) => {
  const body = 'A half-written thought about fungi, saved before the keys changed';
  const draft = JSON.stringify({ name: '', body, idempotency_key: '3b0c7f5e-1f0e-4c1e-9a51-6f1f5c0d2a11' });
  await savedEarlier(page, { [OLD.textSize]: 'x-large', [NOW.name]: 'Saved Sam', [NOW.commentSort]: 'newest', [NOW.draft]: draft });
  const section = new CommentsSection(page);
  const tools = new ReaderTools(page);
  await section.open(id);
  await expect(tools.textSize).toHaveValue('x-large');
  await expect(section.sortSelect).toHaveValue('newest');
  await expect(section.nameField()).toHaveValue('Saved Sam');
  await expect(section.commentField()).toHaveValue(body);
  // The form keeps its draft as it shows it, now with the remembered name.
  const kept = JSON.stringify({ ...JSON.parse(draft), name: 'Saved Sam' });
  const afterwards = { [NOW.textSize]: 'x-large', [NOW.name]: 'Saved Sam', [NOW.commentSort]: 'newest', [NOW.draft]: kept };
  await expect.poll(() => stored(page)).toEqual(afterwards);

  // And on the next visit they come from the new keys alone.
  await page.reload();
  await section.expectLoaded();
  await expect(tools.textSize).toHaveValue('x-large');
  await expect(section.nameField()).toHaveValue('Saved Sam');
  await expect(section.commentField()).toHaveValue(body);
  expect(await stored(page)).toEqual(afterwards);
});

test('a value under the new key wins over a leftover old one, which goes', async ({ page }) => {
  await savedEarlier(page, { [OLD.textSize]: 'x-large', [NOW.textSize]: 'small' });
  const section = new CommentsSection(page);
  await section.open(id);
  await expect(new ReaderTools(page).textSize).toHaveValue('small');
  await expect.poll(() => stored(page)).toEqual({ [NOW.textSize]: 'small' });
});

test('a garbled old value is moved but not applied', async ({ page }) => {
  await savedEarlier(page, { [OLD.textSize]: '{"not": "a size"' });
  const section = new CommentsSection(page);
  await section.open(id);
  await expect(new ReaderTools(page).textSize).toHaveValue('default');
  await expect.poll(() => stored(page)).toEqual({ [NOW.textSize]: '{"not": "a size"' });
});
