// Lighthouse by its Node API on Debian's Chromium, for the SEO spec (specs/seo.spec.ts) and the
// benchmark (bench/lighthouse.mjs). scripts/setup.sh installs it (ensure_lighthouse) into a
// private npm prefix, not the project's node_modules: its 146 packages (111 MB) are not needed
// to build the app, which `npm ci` installs node_modules for.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The npm prefix Lighthouse is installed into (scripts/setup.sh sets and exports it). */
export const LIGHTHOUSE_PREFIX = process.env.LIGHTHOUSE_PREFIX || join(ROOT, 'target/lighthouse');

/** Imports a package of the prefix. */
async function importFrom(prefix, name) {
  const dir = join(prefix, 'node_modules', name);
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) {
    throw new Error(`${name} is not installed in ${prefix}: run \`scripts/setup.sh test\`, which installs Lighthouse there`);
  }
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  return import(pathToFileURL(join(dir, pkg.main || 'index.js')).href);
}

/**
 * Runs Lighthouse on `url` in a fresh Chromium (new profile, cold cache) and returns its report
 * (the `lhr`), for the `categories` only. `track(kill)` may register the browser's kill for the
 * caller's own cleanup; it returns a function that unregisters it.
 */
export async function runLighthouse(url, { categories, prefix = LIGHTHOUSE_PREFIX, track = () => () => {} }) {
  const { default: lighthouse } = await importFrom(prefix, 'lighthouse');
  const chromeLauncher = await importFrom(prefix, 'chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
    logLevel: 'silent',
    handleSIGINT: true,
  });
  const untrack = track(() => chrome.kill());
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
    const lhr = result?.lhr;
    if (!lhr) throw new Error('Lighthouse returned no report');
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    return lhr;
  } finally {
    untrack();
    await Promise.resolve(chrome.kill()).catch(() => {});
  }
}

/** A category's score out of 100 (NaN when it was not run). */
export const categoryScore = (lhr, id) => (lhr.categories[id]?.score == null ? NaN : Math.round(lhr.categories[id].score * 100));

/** The audits that lost points in a category: what to fix. */
export function failingAudits(lhr, category) {
  return (lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 1);
}

// `node tests/e2e/kit/lighthouse.mjs URL CATEGORY...` prints each category's score and the audits
// that lost points, as JSON: the SEO spec runs it so, since Playwright's module loader cannot load
// Lighthouse's ES modules in a spec. Interrupted (SIGINT), chrome-launcher closes its Chromium.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [url, ...categories] = process.argv.slice(2);
  const lhr = await runLighthouse(url, { categories });
  const summary = (category) => ({
    score: categoryScore(lhr, category),
    failing: failingAudits(lhr, category).map(({ id, title }) => ({ id, title })),
  });
  process.stdout.write(JSON.stringify(Object.fromEntries(categories.map((category) => [category, summary(category)]))));
}
