// Shared helpers of the benchmark harness: statistics, time limits, browsers, the API.

import { existsSync } from 'node:fs';

export { CHROMIUM, CHROMIUM_FLAGS } from '../tests/e2e/kit/chromium.mjs';
import { CHROMIUM, CHROMIUM_FLAGS } from '../tests/e2e/kit/chromium.mjs';

/** Median, min, max and the values themselves (rounded for the report). */
export function stats(values, digits = 1) {
  const clean = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (clean.length === 0) return { median: null, min: null, max: null, n: 0, values: [] };
  const sorted = [...clean].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (v) => Number(v.toFixed(digits));
  return {
    median: round(median),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
    n: clean.length,
    values: clean.map(round),
  };
}

export class TimeoutError extends Error {}

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the page's LCP is final: no larger paint for 1.5 s (no input happens in between).
 * `state` names the window object the page's observer fills (`candidates`, `lastCandidateAt`);
 * gives up 150 s after `started`.
 */
export async function lcpSettled(page, state, started, url) {
  for (;;) {
    const quiet = await page.evaluate((key) => {
      const observed = window[key];
      return observed?.candidates ? performance.now() - observed.lastCandidateAt : 0;
    }, state);
    if (quiet >= 1500) return;
    if (Date.now() - started > 150_000) throw new Error(`LCP of ${url} did not settle`);
    await sleep(250);
  }
}

export function log(...parts) {
  const time = new Date().toISOString().slice(11, 19);
  console.log(`[bench ${time}]`, ...parts);
}

// Every browser the harness starts, so that a failure or a time limit never leaves one behind.
const openBrowsers = new Set();

/** Launches Debian's Chromium through Playwright (from the project's node_modules). */
export async function launchChromium(extraArgs = []) {
  let playwright;
  try {
    playwright = await import('@playwright/test');
  } catch (error) {
    throw new Error(`cannot load @playwright/test from node_modules (${error.message}); run \`scripts/setup.sh test\` in the main checkout`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...extraArgs],
    timeout: 60_000,
  });
  openBrowsers.add(browser);
  browser.on('disconnected', () => openBrowsers.delete(browser));
  return browser;
}

export async function closeBrowser(browser) {
  if (!browser) return;
  openBrowsers.delete(browser);
  await withTimeout(browser.close(), 20_000, 'closing Chromium').catch(() => {});
}

const cleanups = new Set();
/** Registers something to stop when the harness ends, however it ends. Returns an unregister. */
export function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export async function cleanupAll() {
  for (const browser of [...openBrowsers]) await closeBrowser(browser);
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    try {
      await fn();
    } catch {
      // Best effort: the process is ending.
    }
  }
}

/** GETs JSON from the running backend, with a time limit and a clear error. */
export async function getJson(url, timeoutMs = 15_000) {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).catch((error) => {
    throw new Error(`GET ${url} failed: ${error.message}`);
  });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json();
}

/** The article ids the API lists (every feed page). */
export async function listArticleIds(apiBase) {
  const ids = [];
  let cursor = null;
  for (let pages = 0; pages < 100; pages++) {
    const url = `${apiBase}/articles?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await getJson(url);
    for (const item of page.items ?? []) ids.push(item.id);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return ids;
}

/** The text a block contributes to the article body. */
export function blockText(block) {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return block.text ?? '';
    case 'quote':
      return `${block.text ?? ''} ${block.cite ?? ''}`;
    case 'list':
      return (block.items ?? []).join(' ');
    case 'html':
      return (block.html ?? '').replace(/<[^>]*>/g, '');
    case 'image':
      return block.caption ?? '';
    default:
      return '';
  }
}

/**
 * Picks the benchmark article by reading the API: the one with the most body text (ties: the
 * first listed). Prefers articles whose comments are open and that have related articles.
 */
export async function pickArticle(apiBase) {
  const ids = await listArticleIds(apiBase);
  if (ids.length === 0) throw new Error(`${apiBase}/articles lists no articles`);
  const candidates = [];
  for (const id of ids) {
    const article = await getJson(`${apiBase}/articles/${encodeURIComponent(id)}`);
    const chars = (article.body ?? []).map(blockText).join(' ').length;
    const commentsOpen = article.comments?.enabled !== false;
    candidates.push({ id, article, chars, commentsOpen });
  }
  candidates.sort((a, b) => b.chars - a.chars);
  const best = candidates[0];
  const related = await getJson(`${apiBase}/articles/${encodeURIComponent(best.id)}/related?limit=6`);
  if (!(related.items ?? []).length) throw new Error(`the article with the most text (${best.id}) has no related articles`);
  // Comments need an article that accepts them: the longest one that does.
  const forComments = candidates.find((c) => c.commentsOpen) ?? best;
  return {
    id: best.id,
    article: best.article,
    chars: best.chars,
    relatedCount: related.items.length,
    commentsId: forComments.id,
    considered: candidates.length,
  };
}

/** Same encoding as the app's `encode_segment`: unreserved ASCII kept, all else percent-encoded. */
export function encodeSegment(segment) {
  return [...new TextEncoder().encode(segment)]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}
