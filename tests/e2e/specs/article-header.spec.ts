// The article header (section, headline, standfirst, byline, and the meta line of source, times
// and reading time) is described once, in model/src/header.rs, and drawn three times: by the app
// (src/pages/article.rs) and by the reference backend into the article page's HTML
// (publish/src/page.rs), both from that description, and by early.js from the article's
// JSON on any other server (public/early.js, a copy in JavaScript). These tests hold the three to
// the same parts, order and words:
//
// - for odd articles (tests/e2e/fixtures/article-headers.json: no author, several, a nameless one,
//   unsafe links, updates, right-to-left languages, missing standfirst, bad and skewed times, a
//   long body of every block type, hostile text), served in place of a demo article: early.js's
//   header and the app's are each the one the file gives, at the file's clock. The model's and
//   the backend's native tests check the backend's preview against the same file.
// - for the demo's own articles: the header the backend draws into the page, the one early.js
//   draws where the backend draws none, and the app's are the same.
//
// Times: every renderer words a time as `time::relative` at its own clock: the reader's for the
// app and early.js (the same fake clock here, so their texts must match), the server's for the
// backend, whose clock a test cannot set: there the `datetime` and `title` attributes are
// compared, and the time's text only has to be a time's wording.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { feedIds, article as articleOf, type Article } from '../kit/api';
import { requireBackend } from '../kit/deployment';
import { routeTarget } from '../kit/faults';
import { ArticlePage } from '../kit/pages';
import { holdTheApp, withoutServerPreview } from '../kit/preview';

requireBackend({ kinds: ['native'], defaultPaths: true }, 'early.js and the backend draw the header only for a native backend with default paths');

type Piece = string | { name: string; href?: string } | { hidden: string } | { time: string; title: string; text: string } | { unknown: string };
type Part = { part: string; dir?: string; pieces: Piece[] };
type Header = { lang: string | null; dir: string | null; parts: Part[] };
type Case = { name: string; article: Article; header: Header };

const fixture: { now: string; cases: Case[] } = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/article-headers.json'), 'utf8'));

/**
 * The header drawn in `article` (the app's article, or the one in the preview), in the fixture's terms:
 * its parts (the header's `p` and `h1` children; sharing and the reader tools are not parts) and
 * their pieces: a text, a name (`span` or link), a hidden separator, a time. Anything else is an
 * `unknown` piece, so a difference in markup shows too.
 */
function drawnHeader(article: Locator): Promise<Header> {
  return article.evaluate((root) => {
    const node = root.matches('article') ? root : root.querySelector('article')!;
    const kinds: Record<string, string> = { kicker: 'section', dek: 'standfirst', byline: 'byline', meta: 'meta' };
    const parts: Part[] = [];
    const header = node.querySelector(':scope > .article-header');
    for (const element of Array.from(header?.children ?? [])) {
      if (element.tagName !== 'H1' && element.tagName !== 'P') continue;
      const part: Part = { part: element.tagName === 'H1' && !element.className ? 'headline' : kinds[element.className] ?? `unknown ${element.outerHTML}`, pieces: [] };
      const dir = element.getAttribute('dir');
      if (dir !== null) part.dir = dir;
      for (const child of Array.from(element.childNodes)) {
        if (child.nodeType === Node.TEXT_NODE) {
          // Text next to text is one text, however it was built; an empty one is nothing.
          const text = (child as Text).data;
          const last = part.pieces.length - 1;
          if (text && typeof part.pieces[last] === 'string') part.pieces[last] += text;
          else if (text) part.pieces.push(text);
          continue;
        }
        if (!(child instanceof HTMLElement)) continue; // the app's placeholders are comments
        const text = child.textContent ?? '';
        const attributes = child.getAttributeNames().sort().join(' ');
        const is = (tag: string, names: string) => child.tagName === tag && attributes === names;
        if (is('SPAN', 'aria-hidden') && child.getAttribute('aria-hidden') === 'true') part.pieces.push({ hidden: text });
        else if (is('SPAN', 'dir') && child.dir === 'auto') part.pieces.push({ name: text });
        else if (is('A', 'dir href rel') && child.dir === 'auto' && child.getAttribute('rel') === 'noopener noreferrer') {
          part.pieces.push({ name: text, href: child.getAttribute('href')! });
        } else if (is('TIME', 'datetime dir title') && child.dir === 'auto') {
          part.pieces.push({ time: child.getAttribute('datetime')!, title: child.title, text });
        } else part.pieces.push({ unknown: child.outerHTML });
      }
      parts.push(part);
    }
    return { lang: node.getAttribute('lang'), dir: node.getAttribute('dir'), parts };
  });
}

/** The header with each time's text set aside (its attributes stay): for a header drawn at
 *  another clock. Checks that the text set aside reads as a time. */
function withoutTimeTexts(header: Header): Header {
  const wording = /^(just now|a minute ago|\d+ minutes ago|an hour ago|\d+ hours ago|a day ago|\d+ days ago|\d{1,2} [A-Z][a-z]{2} -?\d+)$/;
  return {
    ...header,
    parts: header.parts.map((part) => ({
      ...part,
      pieces: part.pieces.map((piece) => {
        if (typeof piece === 'string' || !('time' in piece)) return piece;
        expect(piece.text, `the text of the time ${piece.time}`).toMatch(wording);
        return { ...piece, text: '(at its clock)' };
      }),
    })),
  };
}

/**
 * Opens article `id` with the app held back and the server's preview taken out, and gives the
 * header early.js draws, then the app's once it has started (and removed the preview).
 */
async function earlyAndAppHeaders(page: Page, id: string): Promise<{ early: Header; app: Header }> {
  await withoutServerPreview(page, id);
  const release = await holdTheApp(page);
  const reader = new ArticlePage(page);
  const crashes = reader.watchForCrashes();
  await reader.open(id);
  await expect(reader.preview).toHaveAttribute('aria-hidden', 'true');
  const early = await drawnHeader(reader.preview);
  release();
  await expect(reader.state).toHaveAttribute('data-state', 'ready');
  await expect(reader.preview).toHaveCount(0);
  const app = await drawnHeader(reader.article);
  expect(crashes).toEqual([]);
  return { early, app };
}

test.describe('odd articles: early.js and the app draw the header the description gives', () => {
  for (const { name, article, header } of fixture.cases) {
    test(name, async ({ page, request }) => {
      // Served in place of a demo article, so the page and its route are real.
      const [id] = await feedIds(request);
      await routeTarget(page, 'article', id, (route) => route.fulfill({ json: { ...article, id } }));
      await page.clock.setFixedTime(new Date(fixture.now));
      const { early, app } = await earlyAndAppHeaders(page, id);
      expect(early, 'early.js').toEqual(header);
      expect(app, 'the app').toEqual(header);
    });
  }
});

test.describe('the demo’s articles: the backend, early.js and the app draw the same header', () => {
  /** One article of each shape the demo has: authors, update, language, source link, summary. */
  async function demoArticles(request: Parameters<typeof feedIds>[0]): Promise<Article[]> {
    const shapes = new Map<string, Article>();
    for (const id of await feedIds(request)) {
      const a = await articleOf(request, id);
      const shape = [a.authors?.length ?? 0, !!a.updated_at, a.language, !!a.source?.url, !!a.summary, !!a.section].join();
      if (!shapes.has(shape)) shapes.set(shape, a);
    }
    return [...shapes.values()];
  }

  test('every shape of demo article', async ({ browser, request }) => {
    test.setTimeout(120_000);
    const articles = await demoArticles(request);
    expect(articles.length, 'several shapes of article').toBeGreaterThanOrEqual(3);
    expect(articles.some((a) => (a.authors?.length ?? 0) > 1), 'an article with several authors').toBe(true);
    expect(articles.some((a) => !!a.updated_at), 'an updated article').toBe(true);
    expect(articles.some((a) => a.language === 'ar'), 'a right-to-left article').toBe(true);
    for (const article of articles) {
      await test.step(article.id, async () => {
        // The backend's preview, as the page comes (early.js leaves a drawn preview alone).
        const served = await browser.newPage();
        const release = await holdTheApp(served);
        const reader = new ArticlePage(served);
        await reader.open(article.id);
        const server = await drawnHeader(reader.preview);
        release();
        await served.close();

        // early.js's and the app's, at one fake clock five hours after publishing.
        const page = await browser.newPage();
        await page.clock.setFixedTime(new Date(Date.parse(article.published_at) + 5 * 3600_000));
        const { early, app } = await earlyAndAppHeaders(page, article.id);
        await page.close();

        expect(early.parts.map((p) => p.part)).toContain('meta');
        expect(early, 'early.js and the app').toEqual(app);
        expect(withoutTimeTexts(server), 'the backend and the app').toEqual(withoutTimeTexts(app));
      });
    }
  });
});
