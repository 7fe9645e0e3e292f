// The interface's language: a site's `site.locale`, its catalogues (public/locales/), and the
// checks that find interface text that did not come from a catalogue. In the pseudo-locale
// (en-XA) every message is in brackets, so any other text that is not article data is a literal
// left in a view.
import { expect, type Frame, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeRegExp } from './patterns';

export const PSEUDO = 'en-XA';

type Messages = { [key: string]: string | Messages };

/** A catalogue's messages by their dotted key (`comments.heading`, `comments.more_loaded_one`). */
export function catalogue(tag: string): Record<string, string> {
  const file = path.join(__dirname, '../../../public/locales', `${tag}.json`);
  const flat: Record<string, string> = {};
  const walk = (messages: Messages, prefix: string) => {
    for (const [key, value] of Object.entries(messages)) {
      const full = prefix ? `${prefix}.${key}` : key;
      if (typeof value === 'string') flat[full] = value;
      else walk(value, full);
    }
  };
  walk(JSON.parse(readFileSync(file, 'utf8')), '');
  return flat;
}

/** A message with its placeholders filled in. */
export function say(message: string, values: Record<string, string | number> = {}): string {
  return message.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** Serves the deployment's config.json with `site.locale` set, as its deployer would. */
export async function useSiteLocale(page: Page, locale: string): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const config = await (await route.fetch()).json();
    await route.fulfill({ json: { ...config, site: { ...config.site, locale } } });
  });
}

/**
 * Article data, which keeps its own language: everything drawn in its own direction (headlines,
 * names, excerpts, comments, summary sentences), times (`Intl` words them), the article's body,
 * and the site's name and sections (the deployer's words).
 */
const DATA = '[dir="auto"], time, .article-body, .site-name, .sections li:not(:first-child), script, style, template, noscript';

/**
 * The interface text visible in a document that the check `isInterfaceText` refuses: text nodes
 * and accessible names (`aria-label`, `title`, `placeholder`) outside article data, and the
 * document's title.
 */
async function interfaceText(frame: Page | Frame, dataSelector: string): Promise<{ texts: string[]; title: string; lang: string; dir: string }> {
  return frame.evaluate((data) => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.closest(data)) continue;
      // Options are shown when their select opens; the rest only if they can be seen.
      if (!element.closest('option') && !element.checkVisibility({ visibilityProperty: true })) continue;
      const text = (node.textContent ?? '').trim();
      if (text) texts.push(text);
    }
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (element.closest(data)) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
    }
    const root = document.documentElement;
    return { texts, title: document.title, lang: root.lang, dir: root.dir };
  }, dataSelector);
}

const hasLetters = (text: string) => /\p{L}/u.test(text);
const isPseudo = (text: string) => /^\[[\s\S]*\]$/.test(text);

/**
 * Expects every piece of interface text in the document to come from the pseudo-locale's
 * catalogue: in brackets, or without letters (separators, numbers). `siteName` is the one title
 * that is the deployer's words alone (the front page's).
 */
export async function expectOnlyCatalogueText(frame: Page | Frame, siteName: string): Promise<void> {
  const { texts, title, lang } = await interfaceText(frame, DATA);
  expect(lang).toBe(PSEUDO);
  expect(texts.length, 'the page shows some interface text').toBeGreaterThan(0);
  expect(texts.filter((text) => hasLetters(text) && !isPseudo(text)), `interface text not from a catalogue on ${frame.url()}`).toEqual([]);
  if (title !== siteName) expect(title, 'the document title').toMatch(/^\[[\s\S]*\]$/);
}

/**
 * Expects no interface text in the document to be an English message where `tag`'s catalogue
 * says something else ("Name" is German too), and the document to be in `tag`.
 */
export async function expectNoEnglishInterface(frame: Page | Frame, tag: string, dir: 'ltr' | 'rtl' = 'ltr'): Promise<void> {
  const english = catalogue('en');
  const theirs = catalogue(tag);
  const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
  const theirTexts = new Set(Object.values(theirs));
  // Each English message that the other catalogue words differently, as a pattern of its shape.
  const patterns = Object.entries(english)
    .filter(([key, message]) => hasLetters(message) && !theirTexts.has(message) && theirs[key] !== message && Object.keys(theirs).some((k) => base(k) === base(key)))
    .map(([, message]) => messagePattern(message.trim()));
  const { texts, lang, dir: direction } = await interfaceText(frame, DATA);
  expect({ lang, dir: direction }).toEqual({ lang: tag, dir });
  const leftInEnglish = texts.filter((text) => patterns.some((pattern) => pattern.test(text)));
  expect(leftInEnglish, `English interface text on a "${tag}" page (${frame.url()})`).toEqual([]);
}

/** The document inside a widget's iframe, for the checks above. */
export async function frameOf(iframe: Locator): Promise<Frame> {
  const frame = await (await iframe.elementHandle())?.contentFrame();
  if (!frame) throw new Error('the widget has no frame');
  return frame;
}

/** The pseudo-locale's form of an English message (src/i18n/pseudo.rs), to find its elements. */
export function pseudo(message: string): string {
  const plain = 'abcdeghiklnorstuyzABCDEGHIKLNORSTUYZ';
  const accented = [...'àƀçđéĝĥîķļñöŕšţûýžÀƁÇĐÉĜĤÎĶĻÑÖŔŠŢÛÝŽ'];
  let letters = 0;
  const body = message.replace(/\{\{[^}]*\}\}|[\s\S]/gu, (piece) => {
    if (piece.length > 1) return piece;
    if (/\p{L}/u.test(piece)) letters += 1;
    const at = plain.indexOf(piece);
    return at >= 0 ? accented[at] : piece;
  });
  return `[${body}${'·'.repeat(Math.ceil(letters / 3))}]`;
}

/** A message as a pattern, any value standing for its placeholders. */
export function messagePattern(message: string): RegExp {
  const parts = message.split(/\{\{\s*\w+\s*\}\}/).map(escapeRegExp);
  return new RegExp(`^${parts.join('.+')}$`, 's');
}

/** Waits until the widget in `iframe` has drawn its content (or its failure). */
export async function widgetSettled(iframe: Locator): Promise<Frame> {
  const frame = await frameOf(iframe);
  await expect(frame.locator('main [data-state]').first()).toHaveAttribute('data-state', /^(ready|empty|error)$/);
  return frame;
}
