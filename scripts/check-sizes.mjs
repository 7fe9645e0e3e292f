#!/usr/bin/env node
// Size budgets of the built app, deterministic (no browser, no network):
//   node scripts/check-sizes.mjs [dist] [--ceiling]        (default dist/)
// With --ceiling (what `make test` runs while the app is over its budget) the app's budget is
// reported but not enforced; its ceiling is, so the app cannot grow unnoticed.
// Compresses dist/index.html (which carries the inlined early script, loader and stylesheet) and every wasm, JS and
// CSS file it references, plus dist/embed.js
// when it exists, with brotli (quality 11) and gzip (level 9), prints a table, and exits 1
// naming the size and the budget when one is over. Also imported by bench/run.mjs.

import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** The app (everything index.html loads) in brotli bytes: 150 KB. */
export const APP_BROTLI_BUDGET = 150 * 1024;
/**
 * Until the app meets its budget it may not grow past this: its size when the ceiling was last
 * set (267,086 B on 2026-12-03), plus 1 KB for builds on other machines (panic messages name
 * source paths), rounded up. Lower it whenever the app shrinks; raise it only for a change worth
 * its bytes, saying so in the commit (since 266,296 B: the lone-surrogate repair, 345 B; each
 * story once in the feed and related list, and the feed's focusable Load more, 445 B; one rule
 * for unknown config keys everywhere, naming the nearest known key, about 1,040 B; serving under
 * a sub-path, 10 B; a control character refused in a config URL; one article header, which
 * early.js now draws whole, dates and reading time included, about 1,170 B of index.html;
 * navigation state that marks every page's arrival, 361 B; then, from 270,079 B on 2026-12-04:
 * one interface per backend kind with the state objects and paged lists, +112 B together;
 * requests that keep their time limit without AbortSignal.timeout/any, retries with jitter and
 * links to "/\host" treated as off-site, with the head the server wrote replaced by the app's,
 * about 850 B together; a widget whose framer the browser cannot name waiting for the partner's
 * answer before it shows, about 400 B. Measured at 271,507 B).
 */
export const APP_BROTLI_CEILING = 272_600;
/** The partner embed script in gzip bytes: 3 KB. */
export const EMBED_GZIP_BUDGET = 3 * 1024;

const ASSET = /\.(wasm|js|mjs|css)$/i;

/** The same-origin wasm/JS/CSS files that index.html references, in order, without repeats. */
export function referencedAssets(dist) {
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(`${indexPath} does not exist: build the app first (source scripts/setup.sh; build_release)`);
  }
  const html = readFileSync(indexPath, 'utf8');
  const found = [];
  // Attribute values (href, src) and string literals in inline scripts (Trunk's loader names
  // the JS glue and the wasm file in its `import ... from '...'` and `init({module_or_path})`).
  // Attribute values may be unquoted (the release build minifies index.html).
  const candidates =
    /(?:href|src)\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s"'>]+))|["'`]([^"'`\s]+\.(?:wasm|js|mjs|css))["'`]/gi;
  for (const match of html.matchAll(candidates)) {
    const url = (match[1] ?? match[2] ?? match[3] ?? match[4]).split(/[?#]/)[0];
    if (!ASSET.test(url) || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) continue;
    const file = resolve(dist, url.replace(/^\/+/, ''));
    if (!file.startsWith(resolve(dist))) continue;
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new Error(`index.html references ${url}, which is not in ${dist}`);
    }
    if (!found.includes(file)) found.push(file);
  }
  if (!found.some((f) => f.endsWith('.wasm'))) {
    throw new Error(`index.html in ${dist} references no .wasm file: is this a Trunk build?`);
  }
  return found;
}

export function compressedSizes(file) {
  const bytes = readFileSync(file);
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: file.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;
  const gzip = gzipSync(bytes, { level: 9 }).length;
  return { raw: bytes.length, brotli, gzip };
}

/**
 * Measures the app and embed.js in `dist`. Returns
 * `{ files: [{name, kind, raw, brotli, gzip}], app: {raw, brotli, gzip}, embed: {...}|null, checks: [...] }`.
 */
export function measureSizes(dist = 'dist') {
  // index.html itself counts: it carries the inlined early script, loader and stylesheet.
  const files = [join(dist, 'index.html'), ...referencedAssets(dist)].map((file) => ({
    name: relative(dist, file),
    kind: file.split('.').pop(),
    ...compressedSizes(file),
  }));
  const sum = (key) => files.reduce((total, f) => total + f[key], 0);
  const app = { raw: sum('raw'), brotli: sum('brotli'), gzip: sum('gzip') };
  const embedPath = join(dist, 'embed.js');
  const embed = existsSync(embedPath) ? { name: 'embed.js', ...compressedSizes(embedPath) } : null;
  const checks = [
    {
      what: 'app (HTML + wasm + JS + CSS), brotli',
      size: app.brotli,
      budget: APP_BROTLI_BUDGET,
      ok: app.brotli <= APP_BROTLI_BUDGET,
      isAppBudget: true,
    },
    {
      what: 'app (HTML + wasm + JS + CSS), brotli, until it meets its budget',
      size: app.brotli,
      budget: APP_BROTLI_CEILING,
      limit: 'ceiling',
      ok: app.brotli <= APP_BROTLI_CEILING,
    },
  ];
  if (embed) {
    checks.push({
      what: 'embed.js, gzip',
      size: embed.gzip,
      budget: EMBED_GZIP_BUDGET,
      ok: embed.gzip <= EMBED_GZIP_BUDGET,
    });
  }
  return { files, app, embed, checks };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const fmt = (bytes) => `${bytes.toLocaleString('en')} B (${kb(bytes)})`;

export function describeCheck(check) {
  const limit = check.limit ?? 'budget';
  return check.ok
    ? `${check.what}: ${fmt(check.size)} is within the ${limit} of ${fmt(check.budget)}`
    : `${check.what}: ${fmt(check.size)} is OVER the ${limit} of ${fmt(check.budget)} by ${fmt(check.size - check.budget)}`;
}

function printTable({ files, app, embed }) {
  const rows = [['file', 'raw', 'brotli', 'gzip']];
  for (const f of files) rows.push([f.name, f.raw, f.brotli, f.gzip].map(String));
  rows.push(['app total', app.raw, app.brotli, app.gzip].map(String));
  rows.push(embed ? ['embed.js', embed.raw, embed.brotli, embed.gzip].map(String) : ['embed.js', '(absent)', '', '']);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [n, row] of rows.entries()) {
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
    if (n === 0 || n === files.length) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

function main() {
  const args = process.argv.slice(2);
  const ceilingOnly = args.includes('--ceiling');
  const dist = args.find((arg) => !arg.startsWith('--')) ?? 'dist';
  let result;
  try {
    result = measureSizes(dist);
  } catch (error) {
    console.error(`check-sizes: ${error.message}`);
    process.exit(2);
  }
  console.log(`Sizes of ${dist} (bytes; brotli quality 11, gzip level 9)\n`);
  printTable(result);
  console.log();
  // With --ceiling the app's budget (the target) is shown but its ceiling is what fails the run.
  const enforced = (check) => !(ceilingOnly && check.isAppBudget);
  for (const check of result.checks) {
    const mark = check.ok ? 'ok  ' : enforced(check) ? 'FAIL' : 'over';
    console.log(`${mark}  ${describeCheck(check)}`);
  }
  if (!result.embed) console.log('note  dist/embed.js does not exist: its budget is not checked');
  process.exit(result.checks.filter(enforced).every((c) => c.ok) ? 0 : 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
