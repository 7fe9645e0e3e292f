// Lighthouse 12.2.3 (Node API, from target/bench-tools) with its default config, which is the
// mobile preset (Moto G Power viewport, simulated 4x CPU slowdown and slow 4G), on the article
// page. A fresh Chromium (new profile, cold cache) for every run; the median of each figure.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CHROMIUM, CHROMIUM_FLAGS, encodeSegment, importTool, log, onCleanup, stats, withTimeout } from './lib.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

async function runOnce({ lighthouse, chromeLauncher, url }) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
    logLevel: 'silent',
    handleSIGINT: true,
  });
  const unregister = onCleanup(() => chrome.kill());
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error('Lighthouse returned no report');
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    return lhr;
  } finally {
    unregister();
    await Promise.resolve(chrome.kill()).catch(() => {});
  }
}

const score = (lhr, id) => (lhr.categories[id]?.score == null ? NaN : Math.round(lhr.categories[id].score * 100));
const metric = (lhr, id) => lhr.audits[id]?.numericValue ?? NaN;

/** Audits that lost points in a category (for the report: what to fix). */
function failing(lhr, category) {
  return (lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 1)
    .map((audit) => audit.id);
}

export async function benchLighthouse({ baseUrl, pick, runs, toolsDir, outDir }) {
  const { default: lighthouse } = await importTool(toolsDir, 'lighthouse');
  const chromeLauncher = await importTool(toolsDir, 'chrome-launcher');
  const url = `${baseUrl}/articles/${encodeSegment(pick.id)}`;
  mkdirSync(outDir, { recursive: true });
  const reports = [];
  for (let run = 1; run <= runs; run++) {
    const lhr = await withTimeout(runOnce({ lighthouse, chromeLauncher, url }), 240_000, `Lighthouse run ${run}`);
    writeFileSync(join(outDir, `lighthouse-${run}.json`), JSON.stringify(lhr));
    reports.push(lhr);
    log(
      `lighthouse run ${run}/${runs}: performance ${score(lhr, 'performance')}, accessibility ${score(lhr, 'accessibility')}, best practices ${score(lhr, 'best-practices')}, LCP ${metric(lhr, 'largest-contentful-paint').toFixed(0)} ms, CLS ${metric(lhr, 'cumulative-layout-shift').toFixed(3)}, TBT ${metric(lhr, 'total-blocking-time').toFixed(0)} ms`,
    );
  }
  const last = reports.at(-1);
  const union = (category) => [...new Set(reports.flatMap((lhr) => failing(lhr, category)))].sort();
  return {
    url: url.replace(baseUrl, ''),
    version: last.lighthouseVersion,
    formFactor: last.configSettings.formFactor,
    throttlingMethod: last.configSettings.throttlingMethod,
    throttling: last.configSettings.throttling,
    benchmarkIndex: stats(reports.map((r) => r.environment?.benchmarkIndex), 0),
    performance: stats(reports.map((r) => score(r, 'performance')), 0),
    accessibility: stats(reports.map((r) => score(r, 'accessibility')), 0),
    bestPractices: stats(reports.map((r) => score(r, 'best-practices')), 0),
    fcp: stats(reports.map((r) => metric(r, 'first-contentful-paint')), 0),
    lcp: stats(reports.map((r) => metric(r, 'largest-contentful-paint')), 0),
    cls: stats(reports.map((r) => metric(r, 'cumulative-layout-shift')), 4),
    tbt: stats(reports.map((r) => metric(r, 'total-blocking-time')), 0),
    failing: {
      performance: union('performance'),
      accessibility: union('accessibility'),
      bestPractices: union('best-practices'),
    },
    // What Lighthouse suggests, from the last run: the savings it estimates for each opportunity.
    opportunities: Object.values(last.audits)
      .filter((a) => a.details?.type === 'opportunity' && (a.details.overallSavingsMs > 0 || a.details.overallSavingsBytes > 0))
      .map((a) => ({ id: a.id, ms: Math.round(a.details.overallSavingsMs ?? 0), bytes: Math.round(a.details.overallSavingsBytes ?? 0) }))
      .sort((a, b) => b.ms - a.ms || b.bytes - a.bytes)
      .slice(0, 8),
    warnings: [...new Set(reports.flatMap((r) => r.runWarnings ?? []))],
  };
}
