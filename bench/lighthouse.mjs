// Lighthouse 12.2.3 by its Node API (tests/e2e/kit/lighthouse.mjs, installed by scripts/setup.sh)
// with its default config, which is the mobile preset (Moto G Power viewport, simulated 4x CPU
// slowdown and slow 4G), on the article page. A fresh Chromium (new profile, cold cache) for
// every run; the median of each figure.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { categoryScore as score, failingAudits, runLighthouse } from '../tests/e2e/kit/lighthouse.mjs';
import { encodeSegment, log, onCleanup, stats, withTimeout } from './lib.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const metric = (lhr, id) => lhr.audits[id]?.numericValue ?? NaN;

/** Audits that lost points in a category (for the report: what to fix). */
const failing = (lhr, category) => failingAudits(lhr, category).map((audit) => audit.id);

export async function benchLighthouse({ baseUrl, pick, runs, toolsDir, outDir }) {
  const url = `${baseUrl}/articles/${encodeSegment(pick.id)}`;
  mkdirSync(outDir, { recursive: true });
  const reports = [];
  for (let run = 1; run <= runs; run++) {
    const lhr = await withTimeout(runLighthouse(url, { categories: CATEGORIES, prefix: toolsDir, track: onCleanup }), 240_000, `Lighthouse run ${run}`);
    writeFileSync(join(outDir, `lighthouse-${run}.json`), JSON.stringify(lhr));
    reports.push(lhr);
    log(
      `lighthouse run ${run}/${runs}: performance ${score(lhr, 'performance')}, accessibility ${score(lhr, 'accessibility')}, best practices ${score(lhr, 'best-practices')}, SEO ${score(lhr, 'seo')}, LCP ${metric(lhr, 'largest-contentful-paint').toFixed(0)} ms, CLS ${metric(lhr, 'cumulative-layout-shift').toFixed(3)}, TBT ${metric(lhr, 'total-blocking-time').toFixed(0)} ms`,
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
    seo: stats(reports.map((r) => score(r, 'seo')), 0),
    fcp: stats(reports.map((r) => metric(r, 'first-contentful-paint')), 0),
    lcp: stats(reports.map((r) => metric(r, 'largest-contentful-paint')), 0),
    cls: stats(reports.map((r) => metric(r, 'cumulative-layout-shift')), 4),
    tbt: stats(reports.map((r) => metric(r, 'total-blocking-time')), 0),
    failing: {
      performance: union('performance'),
      accessibility: union('accessibility'),
      bestPractices: union('best-practices'),
      seo: union('seo'),
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
