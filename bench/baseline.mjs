// Broadsheet next to a plain Leptos page (issue 21): bench/baseline, a straightforward Leptos 0.8
// CSR article page with leptos_router and Trunk's default loader, built by scripts/bench.sh and
// served by a second instance of the reference backend with the same seeded data. The same
// article, the same phone throttling as section 3 (bench/lcp.mjs), in the same run, alternating:
// bytes on the wire before the app starts and for the whole load, the time of Trunk's
// `TrunkApplicationStarted` event, LCP; Lighthouse's mobile score and simulated LCP for both
// (bench/lighthouse.mjs); and what each of Broadsheet's embed widgets downloads before it starts,
// next to what scripts/check-sizes.mjs counts for it in the build.

import { join } from 'node:path';

import { measureSizes, shortName, WIDGET_PARTS } from '../scripts/check-sizes.mjs';
import { MOBILE, observeLcp, THROTTLING, throttle } from './lcp.mjs';
import { closeBrowser, encodeSegment, getJson, launchChromium, lcpSettled, log, stats, withTimeout } from './lib.mjs';
import { benchLighthouse } from './lighthouse.mjs';

export const WIDGETS = Object.keys(WIDGET_PARTS);

/** Runs in the page before anything else: the app's start, and the bytes in by then (LCP: `observeLcp`). */
function observeStart() {
  const state = { started: null, atStart: null };
  window.__benchBaseline = state;
  const entries = () => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
  // Trunk's loaders (its default one and Broadsheet's in Trunk.toml) dispatch it once the wasm
  // has been instantiated and its `main` has run.
  addEventListener('TrunkApplicationStarted', () => {
    state.started = performance.now();
    state.atStart = entries().map((e) => ({ name: e.name, bytes: e.transferSize || 0, end: e.responseEnd }));
  });
}

const sum = (files) => files.reduce((total, f) => total + f.bytes, 0);
const fileName = (url) => new URL(url).pathname;

/**
 * One cold, throttled load of `url`. With `readySelector`, waits for it, the network to go idle
 * and LCP to settle (as section 3 does); without, only for the app to start (widgets).
 */
async function loadOnce(browser, url, readySelector) {
  const context = await browser.newContext({ ...MOBILE, reducedMotion: 'no-preference' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(90_000);
    await page.addInitScript(observeLcp);
    await page.addInitScript(observeStart);
    await throttle(context, page);
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForFunction(() => window.__benchBaseline?.started != null, null, { timeout: 120_000, polling: 100 });
    if (readySelector) {
      await page.waitForSelector(readySelector, { timeout: 120_000 });
      await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
      await lcpSettled(page, '__benchLcp', started, url);
    }
    const result = await page.evaluate(() => {
      const all = performance
        .getEntriesByType('navigation')
        .concat(performance.getEntriesByType('resource'))
        .map((e) => ({ name: e.name, bytes: e.transferSize || 0 }));
      return { ...window.__benchBaseline, lcp: window.__benchLcp?.lcp, all };
    });
    if (readySelector && !result.lcp) throw new Error(`no largest-contentful-paint entry for ${url}`);
    return {
      started: result.started,
      bytesAtStart: sum(result.atStart),
      filesAtStart: result.atStart.filter((f) => f.bytes > 0).map((f) => ({ name: fileName(f.name), bytes: f.bytes })),
      bytes: sum(result.all),
      lcp: result.lcp?.time ?? NaN,
      element: result.lcp?.element ?? null,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

const summary = (list) => ({
  started: stats(list.map((r) => r.started), 0),
  bytesAtStart: stats(list.map((r) => r.bytesAtStart), 0),
  bytes: stats(list.map((r) => r.bytes), 0),
  lcp: stats(list.map((r) => r.lcp), 0),
  elements: [...new Set(list.map((r) => r.element).filter(Boolean))],
  // The files of the last run that were in before the start (the wasm among them).
  filesAtStart: list.at(-1)?.filesAtStart ?? [],
});

const lighthouseFigures = (r) => ({ url: r.url, version: r.version, performance: r.performance, lcp: r.lcp, fcp: r.fcp, tbt: r.tbt, benchmarkIndex: r.benchmarkIndex });

export async function benchBaseline({ baseUrl, baselineUrl, baselineDist, dist, pick, runs, toolsDir, outDir }) {
  if (!baselineUrl) throw new Error('BENCH_BASELINE_URL is not set: scripts/bench.sh builds bench/baseline and serves it');
  // The baseline is served by its own backend instance: it must have the same article.
  const copy = await getJson(`${baselineUrl}/api/v1/articles/${encodeSegment(pick.id)}`);
  if (copy.title !== pick.article.title) throw new Error(`the baseline's backend has another article ${pick.id}`);
  const path = `/articles/${encodeSegment(pick.id)}`;
  // The build's figures come from scripts/check-sizes.mjs, as in section 1: the core, and for each
  // widget the core and the parts it fetches before it starts. Read first: a build it cannot
  // read fails the section before the browser runs.
  const sizes = measureSizes(dist);
  const baselineSizes = measureSizes(baselineDist);
  const pages = {
    broadsheet: { url: baseUrl + path, ready: '.article-page[data-state="ready"] h1' },
    baseline: { url: baselineUrl + path, ready: 'article h1' },
  };
  const loads = { broadsheet: [], baseline: [] };
  const widgets = Object.fromEntries(WIDGETS.map((w) => [w, []]));
  const browser = await launchChromium();
  try {
    for (let run = 1; run <= runs; run++) {
      const order = run % 2 ? ['broadsheet', 'baseline'] : ['baseline', 'broadsheet'];
      for (const which of order) {
        const r = await withTimeout(loadOnce(browser, pages[which].url, pages[which].ready), 180_000, `baseline run ${run} of ${which}`);
        loads[which].push(r);
        log(`baseline run ${run}/${runs} ${which}: started ${r.started.toFixed(0)} ms after ${r.bytesAtStart} B, LCP ${r.lcp.toFixed(0)} ms (${r.element}), ${r.bytes} B in all`);
      }
      for (const kind of WIDGETS) {
        const id = kind === 'comments' ? pick.commentsId : pick.id;
        const url = `${baseUrl}/embed/articles/${encodeSegment(id)}/${kind}`;
        const r = await withTimeout(loadOnce(browser, url, null), 180_000, `baseline run ${run} of the ${kind} widget`);
        widgets[kind].push(r);
        const wasm = r.filesAtStart.filter((f) => f.name.endsWith('.wasm')).map((f) => `${f.name} ${f.bytes} B`);
        log(`baseline run ${run}/${runs} ${kind} widget: started ${r.started.toFixed(0)} ms after ${r.bytesAtStart} B (${wasm.join(', ') || 'no wasm'})`);
      }
    }
  } finally {
    await closeBrowser(browser);
  }

  log('baseline: Lighthouse on Broadsheet');
  const lhBroadsheet = await benchLighthouse({ baseUrl, pick, runs, toolsDir, outDir: join(outDir, 'baseline', 'lighthouse-broadsheet') });
  log('baseline: Lighthouse on the plain Leptos page');
  const lhBaseline = await benchLighthouse({ baseUrl: baselineUrl, pick, runs, toolsDir, outDir: join(outDir, 'baseline', 'lighthouse-baseline') });

  const widgetStats = Object.fromEntries(
    WIDGETS.map((kind) => {
      const list = widgets[kind];
      // Every wasm file seen in any run, with its transfer size in the last run that had it.
      const wasm = Object.values(Object.fromEntries(list.flatMap((r) => r.filesAtStart.filter((f) => f.name.endsWith('.wasm')).map((f) => [f.name, { name: f.name.split('/').pop(), bytes: f.bytes }]))));
      const build = sizes.widgets.find((w) => w.widget === kind);
      // Whether every wasm file seen on the wire before the app started is one check-sizes counts
      // for this widget (the parts come after the start, so fewer may have been seen).
      const expected = build ? build.files.filter((f) => f.endsWith('.wasm')).map((f) => f.split('/').pop()).sort() : [];
      const seen = wasm.map((f) => f.name);
      return [
        kind,
        {
          path: `/embed/articles/{id}/${kind}`,
          started: stats(list.map((r) => r.started), 0),
          bytesAtStart: stats(list.map((r) => r.bytesAtStart), 0),
          wasm,
          filesAtStart: list.at(-1)?.filesAtStart ?? [],
          build: build ? { brotli: build.brotli, parts: build.parts, comments: build.comments, wasm: expected.map(shortName) } : null,
          wasmCounted: build ? seen.every((name) => expected.includes(name)) : null,
        },
      ];
    }),
  );
  return {
    article: pick.id,
    path,
    throttling: THROTTLING,
    // The core: everything the page loads before the app starts (the whole app when unsplit).
    sizes: { broadsheet: sizes.core, baseline: baselineSizes.core },
    broadsheet: { ...summary(loads.broadsheet), lighthouse: lighthouseFigures(lhBroadsheet) },
    baseline: { ...summary(loads.baseline), lighthouse: lighthouseFigures(lhBaseline) },
    widgets: widgetStats,
  };
}
