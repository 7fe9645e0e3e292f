#!/usr/bin/env node
// The benchmark harness of issue 8. Run through `make bench` (scripts/bench.sh), which builds the
// release app, starts the backend and sets:
//   BENCH_BASE_URL     the backend serving the app and the API (required for browser sections)
//   BENCH_DIST         the built app (default dist)
//   BENCH_SERVE_DIST   the copy of it the backend serves, where the floor page is written
//   BENCH_BASELINE_URL the second backend, serving the plain Leptos page of bench/baseline
//   BENCH_BASELINE_DIST that page's build (default target/bench/baseline-dist)
//   BENCH_RUNS         runs per timed figure (default 5)
//   BENCH_ONLY         comma-separated subset: sizes,lighthouse,lcp,navigation,comments,baseline,summary
//   BENCH_LABEL        a tag for this run (adds or replaces its row in the history table)
//   BENCH_OUT          the report (default BENCHMARKS.md)
//   LIGHTHOUSE_PREFIX  the private npm prefix with Lighthouse (default target/lighthouse;
//                      scripts/setup.sh installs it)
// Nothing here writes a figure that was not measured in this run; sections not measured keep
// the figures (and the dates) of the run that measured them.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { measureSizes, describeCheck, describeWidget } from '../scripts/check-sizes.mjs';
import { benchBaseline } from './baseline.mjs';
import { benchComments } from './comments.mjs';
import { benchLcp } from './lcp.mjs';
import { benchLighthouse } from './lighthouse.mjs';
import { cleanupAll, log, onCleanup, pickArticle, withTimeout } from './lib.mjs';
import { benchNavigation } from './navigation.mjs';
import { readPrevious, render, updateHistory, historyRow } from './report.mjs';
import { LIGHTHOUSE_PREFIX } from '../tests/e2e/kit/lighthouse.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SECTIONS = ['sizes', 'lighthouse', 'lcp', 'navigation', 'comments', 'baseline', 'summary'];
const ALIASES = { nav: 'navigation', size: 'sizes', lh: 'lighthouse', comment: 'comments', plain: 'baseline' };
const NEEDS_SERVER = new Set(['lighthouse', 'lcp', 'navigation', 'comments', 'baseline']);
// Time limits per section: a hung browser or server never stalls the harness for ever.
const LIMIT_MINUTES = { sizes: 2, lighthouse: 25, lcp: 30, navigation: 15, comments: 30, baseline: 45, summary: 40 };

const env = process.env;
const runs = Number.parseInt(env.BENCH_RUNS || '5', 10);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) fail(`BENCH_RUNS must be a whole number from 1 to 50 (got “${env.BENCH_RUNS}”)`);
const only = (env.BENCH_ONLY || SECTIONS.join(','))
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean)
  .map((s) => ALIASES[s] ?? s);
const unknown = only.filter((s) => !SECTIONS.includes(s));
if (unknown.length) fail(`BENCH_ONLY names unknown sections: ${unknown.join(', ')} (known: ${SECTIONS.join(', ')})`);
const selected = SECTIONS.filter((s) => only.includes(s));
const dist = resolve(ROOT, env.BENCH_DIST || 'dist');
const serveDist = resolve(ROOT, env.BENCH_SERVE_DIST || 'target/bench/dist');
const out = resolve(ROOT, env.BENCH_OUT || 'BENCHMARKS.md');
const toolsDir = LIGHTHOUSE_PREFIX;
const outDir = resolve(ROOT, 'target/bench');
const baseUrl = (env.BENCH_BASE_URL || '').replace(/\/+$/, '');
const baselineUrl = (env.BENCH_BASELINE_URL || '').replace(/\/+$/, '');
const baselineDist = resolve(ROOT, env.BENCH_BASELINE_DIST || 'target/bench/baseline-dist');
const label = (env.BENCH_LABEL || '').trim().replace(/\|/g, '/');

// `node bench/run.mjs --check-options` only validates the options (scripts/bench.sh calls it
// before building, so a typo fails in a second rather than after the build).
if (process.argv.includes('--check-options')) process.exit(0);

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }).trim();
  } catch {
    return '';
  }
};
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

function machine() {
  const lscpu = sh('lscpu', []);
  const cpu = lscpu.match(/^Model name:\s*(.+)$/m)?.[1]?.trim() || cpus()[0]?.model || 'unknown CPU';
  const os = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1] ?? process.platform;
  const chromium = sh(env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version']).split('\n')[0] || 'unknown Chromium';
  return { cpu, cores: cpus().length, ramGiB: Math.round(totalmem() / 2 ** 30), os, chromium, node: process.version };
}

function gitState() {
  const commit = sh('git', ['-C', ROOT, 'rev-parse', 'HEAD']) || 'unknown';
  const changes = sh('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)BENCHMARKS.md']);
  return { commit: commit.slice(0, 12), dirty: changes.length > 0 };
}

/** `cargo run --release -p broadsheet-summary --example bench`, only when the crate is in the tree. */
async function benchSummary() {
  const command = 'cargo run --release -p broadsheet-summary --example bench';
  if (!existsSync(join(ROOT, 'summary', 'Cargo.toml'))) {
    log('summary: no summary/ crate in this tree, skipped');
    return { present: false, command };
  }
  const output = await new Promise((resolvePromise, reject) => {
    const child = spawn('cargo', ['run', '--release', '-p', 'broadsheet-summary', '--example', 'bench'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const unregister = onCleanup(() => child.kill('SIGTERM'));
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', (error) => reject(new Error(`cannot start cargo: ${error.message}`)));
    child.on('close', (code) => {
      unregister();
      code === 0 ? resolvePromise(stdout) : reject(new Error(`\`${command}\` exited with ${code}`));
    });
  });
  const lines = output.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim());
  if (!lines.length) throw new Error(`\`${command}\` printed nothing`);
  // Its figures: the lines with a time in them (and the first, which says what was timed); the
  // last line when none has one.
  const timed = lines.filter((l, i) => i === 0 || /\d(\.\d+)?\s*(ns|µs|us|ms|s)\b/.test(l));
  return { present: true, command, line: (timed.length > 1 ? timed : [lines.at(-1)]).join('\n') };
}

async function main() {
  const started = Date.now();
  const t0 = Number(env.BENCH_STARTED) * 1000 || started;
  const loadStart = loadavg();
  mkdirSync(outDir, { recursive: true });
  const previous = readPrevious(out);
  const sections = { ...(previous.data.sections ?? {}) };
  const failures = [];
  const raw = {};
  const { commit, dirty } = gitState();
  log(`sections: ${selected.join(', ')}; ${runs} runs each; load average ${loadStart}`);

  if (selected.some((s) => NEEDS_SERVER.has(s)) && !baseUrl) fail('BENCH_BASE_URL is not set: run `make bench`, which starts the backend');

  let pick = null;
  const context = { baseUrl, apiBase: `${baseUrl}/api/v1`, dist, benchDist: serveDist, runs, toolsDir, outDir };
  if (selected.some((s) => NEEDS_SERVER.has(s))) {
    pick = await withTimeout(pickArticle(context.apiBase), 60_000, 'reading the articles from the API');
    log(`article: ${pick.id} (${pick.chars} characters of body text, the most of ${pick.considered}); comments on ${pick.commentsId}`);
  }

  const jobs = {
    sizes: async () => {
      const result = measureSizes(dist);
      log(`sizes: core ${result.core.brotli} B brotli (${result.core.files.join(', ')})`);
      for (const p of result.parts) log(`sizes: part ${p.part} ${p.brotli} B brotli (${p.files.join(', ')})`);
      for (const check of result.checks) log(`sizes: ${describeCheck(check)}`);
      for (const widget of result.widgets) log(`sizes: ${describeWidget(widget)}`);
      for (const note of result.notes) log(`sizes: ${note}`);
      return result;
    },
    lighthouse: () => benchLighthouse({ ...context, pick }),
    lcp: () => {
      if (!existsSync(serveDist)) throw new Error(`${serveDist} does not exist (scripts/bench.sh copies dist there)`);
      return benchLcp({ ...context, pick });
    },
    navigation: () => benchNavigation({ ...context, pick }),
    comments: () => benchComments({ ...context, pick }),
    baseline: () => benchBaseline({ ...context, pick, baselineUrl, baselineDist }),
    summary: () => benchSummary(),
  };

  for (const name of selected) {
    const sectionStart = Date.now();
    const loadBefore = loadavg();
    log(`== ${name}`);
    try {
      const result = await withTimeout(jobs[name](), LIMIT_MINUTES[name] * 60_000, `the ${name} section`);
      raw[name] = result;
      sections[name] = {
        meta: {
          date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
          commit,
          dirty,
          label: label || null,
          runs: name === 'sizes' || name === 'summary' ? 1 : runs,
          load: `${loadBefore} → ${loadavg()}`,
        },
        result,
      };
      log(`== ${name} done in ${((Date.now() - sectionStart) / 1000).toFixed(0)} s`);
    } catch (error) {
      console.error(error);
      failures.push({ section: name, message: String(error.message ?? error).split('\n')[0] });
      log(`== ${name} FAILED: ${error.message}`);
      await cleanupAll();
    }
  }

  const runtimeSeconds = Math.round((Date.now() - t0) / 1000);
  const buildSeconds = Number(env.BENCH_BUILD_SECONDS);
  const run = {
    machine: machine(),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    commit,
    dirty,
    label,
    runs,
    only: selected,
    loadStart,
    loadEnd: loadavg(),
    loadNote: env.BENCH_LOAD_NOTE || '',
    runtime:
      `${Math.floor(runtimeSeconds / 60)} min ${runtimeSeconds % 60} s in all` +
      (Number.isFinite(buildSeconds) && env.BENCH_BUILD_SECONDS !== '' ? ` (release build ${buildSeconds} s, measurements ${Math.round((Date.now() - started) / 1000)} s)` : ''),
  };
  const history = updateHistory(previous.history, sections, run);
  writeFileSync(out, render({ run, sections, history, failures }));
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ run, results: raw, failures }, null, 2));
  const row = historyRow(sections, label || '(label)', run);
  writeFileSync(join(outDir, 'history-row.md'), row + '\n');
  log(`wrote ${out}`);
  log(`history row for this run (BENCH_LABEL adds it to the report): ${row}`);
  if (failures.length) {
    log(`failed sections: ${failures.map((f) => `${f.section} (${f.message})`).join('; ')}`);
    return 1;
  }
  return 0;
}

const stop = async (signal) => {
  log(`stopped by ${signal}`);
  await cleanupAll();
  process.exit(130);
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));

main()
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(`bench: ${error.stack ?? error}`);
    await cleanupAll();
    process.exit(1);
  });
