// BENCHMARKS.md: rewritten from the measurements on every run, except the hand-kept history
// between the history markers. The figures of each section are also kept in the file (a JSON
// comment at the end), so a run of a subset (BENCH_ONLY) rewrites only the sections it measured.

import { existsSync, readFileSync } from 'node:fs';

import { CORE_BROTLI_BUDGET, EMBED_GZIP_BUDGET, shortName } from '../scripts/check-sizes.mjs';

const HISTORY_START = '<!-- history:start -->';
const HISTORY_END = '<!-- history:end -->';
const DATA_START = '<!-- bench:data';
const DATA_END = 'bench:data -->';

export const TARGETS = {
  lighthousePerformance: 95,
  lighthouseAccessibility: 100,
  cls: 0.02,
  lcpRatio: 1.6,
  prefetchedMs: 50,
  commentsFirstPaintMs: 200,
  commentsLongestTaskMs: 100,
};

const HISTORY_HEADER = [
  '| date | commit | change | core brotli | Lighthouse perf / a11y | CLS | LCP app / floor (ratio) | navigation cold / prefetched | 10,000 comments: first paint / longest task |',
  '|---|---|---|---|---|---|---|---|---|',
];

/** Reads the previous file: its history block and the stored figures of each section. */
export function readPrevious(path) {
  if (!existsSync(path)) return { history: null, data: { sections: {} } };
  const text = readFileSync(path, 'utf8');
  let history = null;
  const hs = text.indexOf(HISTORY_START);
  const he = text.indexOf(HISTORY_END);
  if (hs !== -1 && he > hs) history = text.slice(hs + HISTORY_START.length, he).replace(/^\n+|\n+$/g, '');
  let data = { sections: {} };
  const ds = text.indexOf(DATA_START);
  const de = text.indexOf(DATA_END);
  if (ds !== -1 && de > ds) {
    try {
      data = JSON.parse(text.slice(ds + DATA_START.length, de));
    } catch {
      // A damaged data block only means that sections not measured in this run are left out.
    }
  }
  return { history, data };
}

const n = (v, digits = 0) => (v == null || Number.isNaN(v) ? '—' : Number(v).toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const bytes = (b) => (b == null ? '—' : `${n(b)} B (${n(b / 1024, 1)} KB)`);
const range = (s, digits = 0, unit = '') =>
  !s || s.median == null ? '—' : s.n > 1 ? `${n(s.median, digits)}${unit} (${n(s.min, digits)}–${n(s.max, digits)})` : `${n(s.median, digits)}${unit}`;
/** The core of a sizes result; results written before the split (issue 21) name it `app`. */
const coreOf = (sizes) => sizes?.core ?? sizes?.app;
const met = (ok) => (ok == null ? 'not measured' : ok ? '**met**' : 'not met');

function measuredLine(meta) {
  const dirty = meta.dirty ? ' + uncommitted changes' : '';
  const label = meta.label ? `, label “${meta.label}”` : '';
  return `_Measured ${meta.date} at \`${meta.commit}\`${dirty}${label}; ${meta.runs} run${meta.runs === 1 ? '' : 's'}; load average ${meta.load}._`;
}

/** The targets of issue 8, each with what the latest figures say. */
function targetRows(s) {
  const rows = [];
  const sizes = s.sizes?.result;
  rows.push([
    'core ≤ 110 KB brotli (what an article page loads before the app starts; issue 21)',
    sizes ? bytes(coreOf(sizes).brotli) : '—',
    met(sizes ? coreOf(sizes).brotli <= CORE_BROTLI_BUDGET : null),
  ]);
  rows.push([
    '`embed.js` ≤ 3 KB gzip',
    sizes ? (sizes.embed ? bytes(sizes.embed.gzip) : 'no `dist/embed.js` yet') : '—',
    sizes?.embed ? met(sizes.embed.gzip <= EMBED_GZIP_BUDGET) : 'not measured',
  ]);
  const lh = s.lighthouse?.result;
  rows.push(['Lighthouse performance ≥ 95 (mobile)', lh ? n(lh.performance.median) : '—', met(lh ? lh.performance.median >= TARGETS.lighthousePerformance : null)]);
  rows.push(['Lighthouse accessibility 100', lh ? n(lh.accessibility.median) : '—', met(lh ? lh.accessibility.median >= TARGETS.lighthouseAccessibility : null)]);
  // CLS is measured twice: by Lighthouse and in the throttled loads of section 3. Met only when
  // both medians are under the target.
  const throttledCls = s.lcp?.result?.app?.cls?.median;
  const clsValues = [lh?.cls?.median, throttledCls].filter((v) => v != null);
  rows.push([
    'CLS < 0.02 (Lighthouse; throttled loads of section 3)',
    clsValues.length ? `${lh ? n(lh.cls.median, 3) : '—'}; ${throttledCls != null ? n(throttledCls, 3) : '—'}` : '—',
    met(clsValues.length ? clsValues.every((v) => v < TARGETS.cls) : null),
  ]);
  const lcp = s.lcp?.result;
  rows.push(['LCP ≤ 1.6× the static floor', lcp ? `${n(lcp.ratio, 2)}×` : '—', met(lcp ? lcp.ratio <= TARGETS.lcpRatio : null)]);
  const nav = s.navigation?.result;
  rows.push(['prefetched navigation ≤ 50 ms', nav ? `${n(nav.prefetched.median, 1)} ms` : '—', met(nav ? nav.prefetched.median <= TARGETS.prefetchedMs : null)]);
  const big = s.comments?.result?.threads?.find((t) => t.count === 10_000);
  rows.push(['10,000 comments: first comments ≤ 200 ms after the data', big ? `${n(big.firstPaint.median, 1)} ms` : '—', met(big ? big.firstPaint.median <= TARGETS.commentsFirstPaintMs : null)]);
  rows.push([
    '10,000 comments: no task > 100 ms',
    big ? (big.longestTask.median > 0 ? `${n(big.longestTask.median)} ms` : 'none ≥ 50 ms') : '—',
    met(big ? big.longestTask.max <= TARGETS.commentsLongestTaskMs : null),
  ]);
  const plain = s.baseline?.result;
  rows.push([
    'app started no later than a plain Leptos page (issue 21; section 6)',
    plain ? `${n(plain.broadsheet.started.median)} ms / ${n(plain.baseline.started.median)} ms` : '—',
    met(plain ? plain.broadsheet.started.median <= plain.baseline.started.median : null),
  ]);
  return rows;
}

const table = (header, rows) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function sizesSection({ meta, result }) {
  const core = coreOf(result);
  const parts = result.parts ?? [];
  const widgets = result.widgets ?? [];
  const sizes = (s) => [bytes(s.raw), bytes(s.brotli), bytes(s.gzip)];
  const rows = result.files.map((f) => [`\`${f.name}\`${f.role && f.role !== 'core' ? ` (${f.role})` : ''}`, ...sizes(f)]);
  rows.push(result.embed ? ['`embed.js`', bytes(result.embed.raw), bytes(result.embed.brotli), `**${bytes(result.embed.gzip)}**`] : ['`embed.js`', 'not built', '—', '—']);
  rows.push([`**core** (${core.files ? core.files.map((f) => `\`${shortName(f)}\``).join(', ') : 'everything index.html loads'})`, bytes(core.raw), `**${bytes(core.brotli)}**`, bytes(core.gzip)]);
  for (const p of parts) rows.push([`part \`${p.part}\` (${p.files.map((f) => `\`${shortName(f)}\``).join(' + ')})`, ...sizes(p)]);
  if (parts.length && result.all) rows.push(['all files of the app (core + parts)', ...sizes(result.all)]);
  for (const w of widgets) {
    const what = w.parts.length ? `core + ${w.parts.map((p) => `\`${p}\``).join(' + ')}` : 'core';
    rows.push([`widget \`${w.widget}\` before it starts (${what})`, ...sizes(w)]);
  }
  const checks = result.checks.map((c) => {
    if (c.message) return `- **${c.ok ? 'ok' : 'failed'}**: ${c.message}`;
    const limit = c.limit ?? 'budget';
    return `- ${c.ok ? `within ${limit}` : `**over ${limit}**`}: ${c.what} ${bytes(c.size)}, ${limit} ${bytes(c.budget)}${c.ok ? '' : ` (over by ${bytes(c.size - c.budget)})`}`;
  });
  const comments = widgets.filter((w) => w.comments != null);
  const noComments = comments.filter((w) => !w.comments).map((w) => `\`${w.widget}\``);
  if (comments.length) {
    checks.push(`- widgets that download no comments code before they start: ${noComments.join(', ') || 'none'}`);
  }
  for (const note of result.notes ?? []) checks.push(`- note: ${note}`);
  return [
    '## 1. Transfer size',
    '',
    measuredLine(meta),
    '',
    'Every file of the build, compressed with Node’s zlib: brotli quality 11, gzip level 9. The **core** is what an article page loads before the app starts: `dist/index.html` (which carries the inlined early script, loader and stylesheet), every wasm, JS and CSS file it references, and the parts’ loader the JS glue imports. Each **part** (issue 21) is its own wasm and the chunks of shared code it needs, as the parts’ loader names them; each **widget** is the core and the parts that widget fetches before it starts. A build without the split has no parts: its core is the whole app. Deterministic: one measurement. `node scripts/check-sizes.mjs` checks the same limits and exits 1 when one is over; `make test` runs it with `--ceiling`, which holds the core to its ceiling (its size when last lowered) until it meets its budget, and each part to its ceiling.',
    '',
    table(['file', 'raw', 'brotli', 'gzip'], rows),
    '',
    ...checks,
  ].join('\n');
}

function lighthouseSection({ meta, result: r }) {
  const t = r.throttling ?? {};
  const failing = Object.entries(r.failing)
    .filter(([, ids]) => ids.length)
    .map(([cat, ids]) => `- ${cat}: ${ids.map((id) => `\`${id}\``).join(', ')}`);
  return [
    '## 2. Lighthouse',
    '',
    measuredLine(meta),
    '',
    `Lighthouse ${r.version} (Node API), default config = ${r.formFactor} preset, ${r.throttlingMethod} throttling (RTT ${t.rttMs} ms, ${n(t.throughputKbps)} kbps, CPU ×${t.cpuSlowdownMultiplier}), Debian Chromium headless, a fresh browser profile per run, on \`${r.url}\`. Lighthouse’s benchmark index of this machine: ${range(r.benchmarkIndex)}.`,
    '',
    table(
      ['figure', 'median (min–max)', 'target'],
      [
        ['performance', range(r.performance), '≥ 95'],
        ['accessibility', range(r.accessibility), '100'],
        ['best practices', range(r.bestPractices), '—'],
        ['SEO', range(r.seo), '100'],
        ['First Contentful Paint', range(r.fcp, 0, ' ms'), '—'],
        ['Largest Contentful Paint', range(r.lcp, 0, ' ms'), '—'],
        ['Cumulative Layout Shift', range(r.cls, 3), '< 0.02'],
        ['Total Blocking Time', range(r.tbt, 0, ' ms'), '—'],
      ],
    ),
    '',
    failing.length ? 'Audits that lost points in at least one run:\n\n' + failing.join('\n') : 'No audit lost points.',
    ...(r.opportunities?.length
      ? [
          '',
          'Opportunities Lighthouse estimates (last run): ' +
            r.opportunities.map((o) => `\`${o.id}\` (${[o.ms ? `${n(o.ms)} ms` : '', o.bytes ? `${n(o.bytes / 1024)} KB` : ''].filter(Boolean).join(', ')})`).join(', ') +
            '.',
        ]
      : []),
    ...(r.warnings.length ? ['', 'Lighthouse warnings: ' + r.warnings.map((w) => `“${w}”`).join('; ')] : []),
  ].join('\n');
}

function lcpSection({ meta, result: r }) {
  const t = r.throttling;
  return [
    '## 3. LCP against the static floor',
    '',
    measuredLine(meta),
    '',
    `The article page \`${r.appPath}\` against \`${r.floorPath}\`: the same article (headline, byline, lead image, body blocks) as static HTML with the app’s built CSS and no script, generated from the API’s JSON by the harness and served by the same backend. Playwright with Debian Chromium, a phone viewport (412×823), CDP throttling: CPU ×${t.cpuRate}, ${t.latencyMs} ms latency, ${n(t.downloadBps / 1e6, 1)} Mbps down, ${n(t.uploadBps / 1e3)} kbps up; a fresh browser context (cold cache) per load, app and floor alternating. LCP from \`PerformanceObserver('largest-contentful-paint')\` once no new candidate has appeared for 1.5 s. “Page ready”: when \`.article-page[data-state=\"ready\"] h1\` is in the document (MutationObserver): for the app, when it has drawn the article and its controls work; the floor has it from its HTML.`,
    '',
    table(
      ['page', 'LCP median (min–max)', 'LCP element', 'page ready', 'CLS', 'bytes transferred'],
      [
        ['app', range(r.app.lcp, 0, ' ms'), r.app.elements.map((e) => `\`${e}\``).join(', '), r.app.ready?.n ? range(r.app.ready, 0, ' ms') : '—', range(r.app.cls, 3), range(r.app.bytes, 0, ' B')],
        ['static floor', range(r.floor.lcp, 0, ' ms'), r.floor.elements.map((e) => `\`${e}\``).join(', '), r.floor.ready?.n ? range(r.floor.ready, 0, ' ms') : '—', range(r.floor.cls, 3), range(r.floor.bytes, 0, ' B')],
      ],
    ),
    '',
    `**Ratio app / floor: ${n(r.ratio, 2)}×** (of the medians; per run: ${range(r.ratioPerRun, 2, '×')}). Target ≤ ${TARGETS.lcpRatio}×.`,
  ].join('\n');
}

function navigationSection({ meta, result: r }) {
  return [
    '## 4. Related-card navigation',
    '',
    measuredLine(meta),
    '',
    `From \`${r.start}\`, a click on the first related card (\`${r.target}\`); in the page, from the click (capture listener) to the new \`h1\` text (MutationObserver) and then two animation frames later (painted). Desktop viewport, no throttling, a fresh context per run. Cold: \`navigator.connection.saveData\` is true, so the app prefetches nothing (checked: the article was not requested before the click). Prefetched: hover the card, wait for its article request to finish, then click.`,
    '',
    table(
      ['', 'click → painted, median (min–max)', 'click → h1 text', 'note'],
      [
        ['cold', range(r.cold, 1, ' ms'), range(r.coldHeadline, 1, ' ms'), `article requested after the click in ${r.coldRequested}/${r.cold.n} runs`],
        ['prefetched', range(r.prefetched, 1, ' ms'), range(r.prefetchedHeadline, 1, ' ms'), `served without a new request in ${r.prefetchedFromCache}/${r.prefetched.n} runs`],
      ],
    ),
    '',
    `Target: prefetched ≤ ${TARGETS.prefetchedMs} ms.`,
  ].join('\n');
}

function commentsSection({ meta, result: r }) {
  const rows = r.threads.map((t) => [
    n(t.count),
    `${n(t.jsonBytes / 1024, 0)} KB, ${n(t.topLevel)} top-level, depth ≤ ${t.maxDepth}`,
    range(t.firstPaint, 1, ' ms'),
    t.longTasksSupported ? (t.longestTask.max > 0 ? range(t.longestTask, 0, ' ms') : 'none ≥ 50 ms') : 'unsupported',
    range(t.blocking, 0, ' ms'),
    range(t.heapMB, 1, ' MB'),
    range(t.wasmMB, 1, ' MB'),
    range(t.drawn),
  ]);
  return [
    '## 5. Big comment threads',
    '',
    measuredLine(meta),
    '',
    `The comments request of \`/articles/${r.article}\` is answered by the harness (Playwright \`page.route\`) with a generated thread in one page (\`next_cursor: null\`): original text, names in many scripts, about a quarter top-level, replies favouring recent comments (deep chains), 2% deleted. In the page: from the moment \`fetch\` of the comments resolves (wrapped before the app starts) to the first \`li.comment-entry\` (MutationObserver) plus two animation frames; the longest task (Long Tasks API, which reports only tasks ≥ 50 ms) and their blocking time beyond 50 ms, from the data’s arrival to 1 s after that paint; JS heap from CDP \`Runtime.getHeapUsage\` after a forced GC, and the wasm linear memory. Desktop viewport, no throttling, a fresh context per run; the 10-comment thread is the baseline measured in the same runs.`,
    '',
    table(['comments', 'response', 'data → first comments painted', 'longest task', 'blocking > 50 ms', 'JS heap', 'wasm memory', 'entries drawn'], rows),
    '',
    `Targets (10,000 comments): first comments within ${TARGETS.commentsFirstPaintMs} ms of the data, no task longer than ${TARGETS.commentsLongestTaskMs} ms (checked against the slowest run).`,
  ].join('\n');
}

function baselineSection({ meta, result: r }) {
  const t = r.throttling;
  const b = r.broadsheet;
  const p = r.baseline;
  const files = (list) => list.map((f) => `\`${f.name}\` ${n(f.bytes)} B`).join(', ') || '—';
  const widgetRows = Object.entries(r.widgets).map(([kind, w]) => [
    kind,
    `\`${w.path}\``,
    w.build ? `${bytes(w.build.brotli)} (${['core', ...w.build.parts.map((p) => `\`${p}\``)].join(' + ')})` : '—',
    range(w.bytesAtStart, 0, ' B'),
    range(w.started, 0, ' ms'),
    (w.wasm.map((f) => `\`${f.name}\` (${n(f.bytes)} B)`).join(', ') || '—') + (w.wasmCounted === false ? ' — **a file the build does not count for this widget**' : ''),
  ]);
  const wasms = [...new Set(Object.values(r.widgets).flatMap((w) => w.wasm.map((f) => f.name)))];
  const sameWasm = wasms.length === 1 && b.filesAtStart.some((f) => f.name.endsWith(`/${wasms[0]}`));
  return [
    '## 6. Against a plain Leptos page',
    '',
    measuredLine(meta),
    '',
    `\`${r.path}\` in Broadsheet and in the benchmark's baseline, \`bench/baseline\`: a straightforward Leptos 0.8 CSR article page with \`leptos_router\` (one route, the article and its related list fetched with gloo-net, drawn as text; Trunk's default loader; the same release profile and wasm-opt \`-Oz\`; built without the app's \`erase_components\` cfg, as a plain app is), built by \`make bench\` and served by a second reference backend with the same seeded data and precompressed files. The same article, cold, in the same browser and throttling as section 3 (phone viewport, CPU ×${t.cpuRate}, ${t.latencyMs} ms latency, ${n(t.downloadBps / 1e6, 1)} Mbps down), the two pages alternating. “App started”: Trunk's \`TrunkApplicationStarted\` event (both loaders dispatch it once the wasm is instantiated and \`main\` has run); the bytes before it are the \`transferSize\` of the responses complete by then (Resource Timing, headers included); “whole load” once the page is ready, the network idle and LCP settled. Lighthouse: as in section 2, ${p.lighthouse.performance.n} runs on each page.`,
    '',
    table(
      ['', 'Broadsheet', 'plain Leptos page'],
      [
        ['core, brotli (what the page loads before the app starts, from the build: section 1)', bytes(r.sizes.broadsheet.brotli), bytes(r.sizes.baseline.brotli)],
        ['bytes on the wire before the app starts', range(b.bytesAtStart, 0, ' B'), range(p.bytesAtStart, 0, ' B')],
        ['bytes on the wire for the whole article load', range(b.bytes, 0, ' B'), range(p.bytes, 0, ' B')],
        ['**app started** (`TrunkApplicationStarted`)', `**${range(b.started, 0, ' ms')}**`, `**${range(p.started, 0, ' ms')}**`],
        ['LCP', range(b.lcp, 0, ' ms'), range(p.lcp, 0, ' ms')],
        ['LCP element', b.elements.map((e) => `\`${e}\``).join(', ') || '—', p.elements.map((e) => `\`${e}\``).join(', ') || '—'],
        ['Lighthouse performance (mobile)', range(b.lighthouse.performance), range(p.lighthouse.performance)],
        ['Lighthouse LCP (simulated)', range(b.lighthouse.lcp, 0, ' ms'), range(p.lighthouse.lcp, 0, ' ms')],
        ['Lighthouse TBT', range(b.lighthouse.tbt, 0, ' ms'), range(p.lighthouse.tbt, 0, ' ms')],
      ],
    ),
    '',
    `Responses in before the app started (last run): Broadsheet ${files(b.filesAtStart)}; plain page ${files(p.filesAtStart)}.`,
    '',
    `Broadsheet's embed widgets, each page loaded on its own (cold, same throttling), up to its \`TrunkApplicationStarted\`:`,
    '',
    table(['widget', 'page', 'before it starts, brotli (build: section 1)', 'bytes on the wire before the app starts', 'app started', 'wasm downloaded'], widgetRows),
    '',
    'The build’s figure counts the core and the parts the widget fetches before it draws (`scripts/check-sizes.mjs`); the figures on the wire stop at `TrunkApplicationStarted`, before the parts are fetched.',
    '',
    sameWasm
      ? `Every widget starts on the core wasm (\`${wasms[0]}\`), the same file as the article page (cached for a year once either has loaded it), then fetches only its own parts.`
      : `Wasm files the widgets download: ${wasms.map((w) => `\`${w}\``).join(', ') || 'none seen'}.`,
  ].join('\n');
}

function summarySection({ meta, result: r }) {
  return [
    '## Summariser',
    '',
    measuredLine(meta),
    '',
    r.present ? `\`${r.command}\`:\n\n\`\`\`\n${r.line}\n\`\`\`` : `No \`summary/\` crate in this tree: \`${r.command}\` was skipped.`,
  ].join('\n');
}

/** One line of the history table from the figures in `sections`. */
export function historyRow(sections, label, run) {
  const s = sections;
  const lh = s.lighthouse?.result;
  const lcp = s.lcp?.result;
  const nav = s.navigation?.result;
  const big = s.comments?.result?.threads?.find((t) => t.count === 10_000);
  const cells = [
    run.date.slice(0, 10),
    `\`${run.commit.slice(0, 9)}\``,
    label,
    s.sizes ? `${n(coreOf(s.sizes.result).brotli / 1024, 1)} KB` : '—',
    lh ? `${n(lh.performance.median)} / ${n(lh.accessibility.median)}` : '—',
    lh ? n(lh.cls.median, 3) : '—',
    lcp ? `${n(lcp.app.lcp.median)} / ${n(lcp.floor.lcp.median)} ms (${n(lcp.ratio, 2)}×)` : '—',
    nav ? `${n(nav.cold.median, 1)} / ${n(nav.prefetched.median, 1)} ms` : '—',
    big ? `${n(big.firstPaint.median, 1)} ms / ${big.longestTask.median > 0 ? `${n(big.longestTask.median)} ms` : '< 50 ms'}` : '—',
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The history block: kept as it is, started with a baseline row, or given this run's labelled row. */
export function updateHistory(previous, sections, run) {
  let lines = previous ? previous.split('\n') : [];
  if (!lines.some((l) => l.startsWith('|'))) {
    const intro = lines.filter((l) => l.trim()).length ? lines : [];
    lines = [...intro, ...HISTORY_HEADER, historyRow(sections, run.label || 'baseline (before the optimisations)', run)];
    return lines.join('\n');
  }
  if (run.label) {
    const row = historyRow(sections, run.label, run);
    const index = lines.findIndex((l) => l.split('|')[3]?.trim() === run.label);
    if (index !== -1) lines[index] = row;
    else {
      let last = -1;
      lines.forEach((l, i) => l.startsWith('|') && (last = i));
      lines.splice(last + 1, 0, row);
    }
  }
  return lines.join('\n');
}

export function render({ run, sections, history, failures }) {
  const m = run.machine;
  const parts = [
    '# Broadsheet benchmarks',
    '',
    'Written by `make bench` (`scripts/bench.sh` → `bench/run.mjs`); see docs/performance.md. Every figure comes from a measurement in the run named in its section, timed figures are the median of that many runs (min–max in brackets), and each is measured next to its baseline in the same run. Everything outside the history section is rewritten by the next run.',
    '',
    '## Latest run',
    '',
    table(
      ['', ''],
      [
        ['machine', `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}`],
        ['browser, Node', `${m.chromium}; Node ${m.node}`],
        ['date, commit', `${run.date}, \`${run.commit}\`${run.dirty ? ' + uncommitted changes' : ''}${run.label ? `, label “${run.label}”` : ''}`],
        ['measured', `${run.only.join(', ')}; ${run.runs} run${run.runs === 1 ? '' : 's'} per timed figure (median)`],
        ['load average (1 min) at start / end', `${run.loadStart} / ${run.loadEnd}${run.loadNote ? ` — ${run.loadNote}` : ''}`],
        ['runtime', `${run.runtime}`],
      ],
    ),
    '',
  ];
  if (failures.length) {
    parts.push('**Sections that failed in this run (their figures below are from an earlier run, if any):**', '', ...failures.map((f) => `- ${f.section}: ${f.message}`), '');
  }
  parts.push('## Targets', '', table(['target (issue 8)', 'latest', ''], targetRows(sections)), '');
  const renderers = { sizes: sizesSection, lighthouse: lighthouseSection, lcp: lcpSection, navigation: navigationSection, comments: commentsSection, baseline: baselineSection, summary: summarySection };
  for (const [name, fn] of Object.entries(renderers)) {
    if (sections[name]) parts.push(fn(sections[name]), '');
  }
  parts.push(
    '## What each optimisation bought',
    '',
    'Kept by hand: the harness never rewrites this part. Run `BENCH_LABEL="what changed" make bench` after an optimisation and the harness adds (or replaces) the row with that label; add a sentence below the table if the numbers need one. Rows are comparable only on the same machine under similar load.',
    '',
    HISTORY_START,
    history,
    HISTORY_END,
    '',
    '## Method notes',
    '',
    '- Timings are wall-clock on a shared machine: compare rows measured on the same machine, and mind the load average recorded with each run.',
    '- “Painted” is two `requestAnimationFrame` callbacks after the DOM change: an upper bound on the paint, at most about one frame late.',
    '- Raw per-run values of the latest run: `target/bench/results.json`; the Lighthouse reports: `target/bench/lighthouse-N.json`; the floor page: `target/bench/dist/static-article.html`.',
    '',
    `${DATA_START}\n${JSON.stringify({ sections }).replace(/-->/g, '--\\u003e')}\n${DATA_END}`,
    '',
  );
  return parts.join('\n');
}
