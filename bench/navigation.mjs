// Related-card navigation: from an article page, click a related card and time, in the page,
// from the click to the new headline painted (MutationObserver for the h1 text, then two
// animation frames). Cold: prefetching is off (the reader asks to save data, which the app
// honours), so the click starts the request. Prefetched: hover the card, wait until its article
// request has finished, then click.

import { closeBrowser, launchChromium, log, sleep, stats, withTimeout, encodeSegment } from './lib.mjs';

/** Runs before the app: makes `navigator.connection.saveData` true (the app then never prefetches). */
function saveData() {
  const proto = globalThis.NetworkInformation?.prototype;
  if (proto && Object.getOwnPropertyDescriptor(proto, 'saveData')) {
    Object.defineProperty(proto, 'saveData', { get: () => true, configurable: true });
  } else {
    Object.defineProperty(navigator, 'connection', { value: { saveData: true }, configurable: true });
  }
}

/** Arms the in-page timer: click (capture phase) → the h1 reads `title` → two frames later. */
function armTimer(title) {
  const result = { clickAt: null, headlineAt: null, paintedAt: null };
  window.__benchNav = result;
  const matches = () => document.querySelector('main h1')?.textContent.trim() === title;
  const observer = new MutationObserver(() => {
    if (result.clickAt === null || result.headlineAt !== null || !matches()) return;
    result.headlineAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => (result.paintedAt = performance.now())));
  });
  window.addEventListener(
    'click',
    () => {
      if (result.clickAt !== null) return;
      result.clickAt = performance.now();
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { capture: true },
  );
}

async function navigateOnce(browser, { baseUrl, apiBase, startPath, mode }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  try {
    if (mode === 'cold') await context.addInitScript(saveData);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const requested = new Map();
    const finished = new Map();
    const bump = (map, url) => map.set(url, (map.get(url) ?? 0) + 1);
    page.on('request', (r) => bump(requested, new URL(r.url()).pathname));
    page.on('requestfinished', (r) => bump(finished, new URL(r.url()).pathname));

    await page.goto(baseUrl + startPath, { waitUntil: 'load', timeout: 60_000 });
    await page.locator('.article-page[data-state="ready"] h1').waitFor({ timeout: 60_000 });
    const related = page.locator('section.related[data-state="ready"]');
    await related.waitFor({ timeout: 60_000 });
    const link = related.locator('.card-title a').first();
    const title = (await link.textContent()).trim();
    const href = await link.getAttribute('href');
    const apiPath = new URL(apiBase + href).pathname;

    if (mode === 'prefetched') {
      await link.hover();
      const deadline = Date.now() + 30_000;
      while (!finished.get(apiPath)) {
        if (Date.now() > deadline) throw new Error(`hovering the card never finished a prefetch of ${apiPath}`);
        await sleep(25);
      }
      // Let the app decode the answer and put it in its cache.
      await sleep(300);
    } else if (requested.get(apiPath)) {
      throw new Error(`cold run: ${apiPath} was requested before the click (prefetch was not disabled)`);
    }
    const before = requested.get(apiPath) ?? 0;
    await page.evaluate(armTimer, title);
    await link.click();
    await page.waitForFunction(() => window.__benchNav?.paintedAt !== null, null, { timeout: 30_000 });
    const timing = await page.evaluate(() => window.__benchNav);
    const fromCache = (requested.get(apiPath) ?? 0) === before;
    if (new URL(page.url()).pathname !== href) throw new Error(`the click went to ${page.url()}, not ${href}`);
    return {
      ms: timing.paintedAt - timing.clickAt,
      headlineMs: timing.headlineAt - timing.clickAt,
      fromCache,
      target: href,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

export async function benchNavigation({ baseUrl, apiBase, pick, runs }) {
  const startPath = `/articles/${encodeSegment(pick.id)}`;
  const browser = await launchChromium();
  const results = { cold: [], prefetched: [] };
  try {
    for (let run = 1; run <= runs; run++) {
      for (const mode of run % 2 ? ['cold', 'prefetched'] : ['prefetched', 'cold']) {
        const r = await withTimeout(navigateOnce(browser, { baseUrl, apiBase, startPath, mode }), 120_000, `navigation run ${run} (${mode})`);
        results[mode].push(r);
        log(`navigation run ${run}/${runs} ${mode}: ${r.ms.toFixed(1)} ms to painted (${r.headlineMs.toFixed(1)} ms to the h1 text), ${r.fromCache ? 'no request' : 'requested'} after the click`);
      }
    }
  } finally {
    await closeBrowser(browser);
  }
  const prefetchedFromCache = results.prefetched.filter((r) => r.fromCache).length;
  const coldRequested = results.cold.filter((r) => !r.fromCache).length;
  return {
    start: startPath,
    target: results.cold[0]?.target ?? results.prefetched[0]?.target,
    cold: stats(results.cold.map((r) => r.ms)),
    coldHeadline: stats(results.cold.map((r) => r.headlineMs)),
    prefetched: stats(results.prefetched.map((r) => r.ms)),
    prefetchedHeadline: stats(results.prefetched.map((r) => r.headlineMs)),
    prefetchedFromCache,
    coldRequested,
    runs,
  };
}
