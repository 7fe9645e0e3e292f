// Big comment threads: the comments request of an article page is answered (page.route) with a
// generated thread of N comments in one page. Measured in the page: from the moment the fetch
// of the comments resolves (window.fetch wrapped before the app starts) to the first comment
// entry painted (MutationObserver, then two animation frames); the longest task from the data's
// arrival until 1 s after that paint (Long Tasks API: only tasks of 50 ms or more are reported);
// the JS heap (CDP Runtime.getHeapUsage after a forced GC) and the wasm linear memory.

import { closeBrowser, encodeSegment, launchChromium, log, stats, withTimeout } from './lib.mjs';

/** Small seeded PRNG (mulberry32): the same thread every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'Ana Ribeiro', 'Tomasz Wiśniewski', 'Nguyễn Thị Mai', 'أحمد الراشد', 'Σοφία Παπαδοπούλου',
  'Олег Смирнов', '田中 由美', '김민준', 'Priya Raman', 'Oluwaseun Adeyemi', 'יעל כהן',
  'Søren Dahl', 'María José Núñez', 'Kwame Mensah', 'Ilse van der Berg', 'Chen Wei',
  'Fatma Yılmaz', 'Rhiannon Price', 'Arjun Mehta', 'Léa Moreau', 'Hemi Walker', 'Ines Duarte',
  'Dmitri Volkov', 'Aoife Byrne', 'Mateus Costa', 'Zainab Bello', 'Eero Laine', 'Noor Haddad',
  'bridge_watcher', 'harbourside42',
];
const OPENERS = [
  'Honestly,', 'For what it’s worth,', 'I was there last week and', 'Having lived here for years,',
  'Not sure I agree:', 'Good point, although', 'My neighbour says', 'As someone who commutes daily,',
  'Interesting —', 'I’d add that', 'To be fair,', 'Funny enough,',
];
const SUBJECTS = [
  'the new timetable', 'the council', 'the ferry crew', 'the library staff', 'the night buses',
  'the festival organisers', 'this kind of project', 'the cycle lane', 'the old warehouse',
  'the survey team', 'the local paper', 'the budget committee', 'the morning tram',
];
const VERBS = [
  'has', 'has finally', 'has quietly', 'has somehow', 'should have', 'could easily have',
  'has already', 'apparently has', 'has never', 'seems to have',
];
const OBJECTS = [
  'listened to the people who actually use it', 'worked out the cost of maintenance',
  'made the evenings busier', 'improved things for families', 'doubled the queues at rush hour',
  'forgotten about the east side', 'kept the prices reasonable', 'raised a fair question',
  'changed how the whole street feels', 'missed the point of the original plan',
  'done a better job than last year', 'published the figures behind it',
];
const CLOSERS = [
  'We’ll see how it goes in spring.', 'Curious what others think.', 'Thanks for the report!',
  'That’s the part nobody mentions.', 'More of this, please.', 'I’ll believe it when I see it…',
  'Anyone know if the weekend schedule changes too?', 'Great photos, by the way.',
  'Details are on https://example.org/notes/harbour if anyone wants them.',
  'The minutes are public: https://example.org/council/minutes?meeting=42',
];

function sentence(rnd) {
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  return `${pick(OPENERS)} ${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}.`;
}

function body(rnd) {
  const paragraphs = rnd() < 0.15 ? 2 + Math.floor(rnd() * 2) : 1;
  const out = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentences = [];
    const count = 1 + Math.floor(rnd() * rnd() * 6);
    for (let s = 0; s < count; s++) sentences.push(sentence(rnd));
    if (rnd() < 0.35) sentences.push(CLOSERS[Math.floor(rnd() * CLOSERS.length)]);
    out.push(sentences.join(' '));
  }
  return out.join('\n\n');
}

/**
 * A thread of `count` comments as the contract's `Page<Comment>`, whole threads in display
 * order: top-level comments oldest first, each followed by its replies (depth first, oldest
 * first). About a quarter are top-level; replies favour recent comments, so some chains run
 * deep and some comments collect many answers. A few are deleted, edited or scored.
 */
export function generateThread(count, seed = 8) {
  const rnd = random(seed * 7919 + count);
  const start = Date.parse('2026-11-20T08:00:00Z');
  const nodes = [];
  let time = start;
  for (let i = 0; i < count; i++) {
    time += 1_000 * Math.floor(5 + rnd() * 240);
    let parent = null;
    if (nodes.length > 0 && rnd() > 0.25) {
      // Mostly answer something recent; sometimes reopen an older thread.
      const span = rnd() < 0.8 ? Math.min(nodes.length, 40) : nodes.length;
      let candidate = nodes[nodes.length - 1 - Math.floor(rnd() * span)];
      if (candidate.depth >= 24) candidate = nodes[candidate.root];
      parent = candidate;
    }
    const deleted = rnd() < 0.02;
    const comment = {
      id: `bench-${count}-${i + 1}`,
      parent_id: parent ? parent.comment.id : null,
      author: { name: deleted ? '' : NAMES[Math.floor(rnd() * NAMES.length)] },
      body: deleted ? '' : body(rnd),
      created_at: new Date(time).toISOString().replace('.000Z', 'Z'),
    };
    if (deleted) comment.deleted = true;
    if (!deleted && rnd() < 0.05) comment.edited_at = new Date(time + 600_000).toISOString().replace('.000Z', 'Z');
    if (rnd() < 0.7) comment.score = Math.floor(rnd() * rnd() * 60) - 3;
    const node = { comment, depth: parent ? parent.depth + 1 : 0, root: parent ? parent.root : nodes.length, children: [] };
    nodes.push(node);
    if (parent) parent.children.push(node);
  }
  const items = [];
  const stack = nodes.filter((n) => n.depth === 0).reverse();
  while (stack.length) {
    const node = stack.pop();
    items.push(node.comment);
    for (let c = node.children.length - 1; c >= 0; c--) stack.push(node.children[c]);
  }
  const maxDepth = nodes.reduce((m, n) => Math.max(m, n.depth), 0);
  return { page: { items, next_cursor: null, total: count }, maxDepth, topLevel: nodes.filter((n) => n.depth === 0).length };
}

/** Runs before the app: timestamps the comments response, then watches for the first entry. */
function instrument() {
  const state = { arrivedAt: null, paintedAt: null, entryAt: null, longTasks: [], wasm: null };
  window.__benchComments = state;
  addEventListener('TrunkApplicationStarted', (event) => (state.wasm = event.detail?.wasm ?? null));
  try {
    new PerformanceObserver((list) => {
      for (const t of list.getEntries()) state.longTasks.push({ start: t.startTime, duration: t.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    state.longTasks = null;
  }
  const watch = () => {
    const found = () => document.querySelector('section.comments li.comment-entry');
    const done = () => {
      state.entryAt = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => (state.paintedAt = performance.now())));
    };
    if (found()) return done();
    const observer = new MutationObserver(() => {
      if (!found()) return;
      observer.disconnect();
      done();
    });
    observer.observe(document, { subtree: true, childList: true });
  };
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const promise = fetch.apply(this, arguments);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input?.url ?? '';
    const method = String(init?.method || (typeof input === 'object' && input?.method) || 'GET').toUpperCase();
    if (method !== 'GET' || !/\/comments(\?|$)/.test(url)) return promise;
    return promise.then((response) => {
      if (state.arrivedAt === null) {
        state.arrivedAt = performance.now();
        watch();
      }
      return response;
    });
  };
}

async function renderOnce(browser, { baseUrl, articlePath, json }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.addInitScript(instrument);
    await page.route(
      (url) => /\/api\/v1\/articles\/[^/]+\/comments$/.test(url.pathname),
      (route) =>
        route.request().method() === 'GET'
          ? route.fulfill({ status: 200, contentType: 'application/json', body: json })
          : route.continue(),
    );
    const cdp = await context.newCDPSession(page);
    await page.goto(baseUrl + articlePath, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => window.__benchComments?.paintedAt !== null, null, { timeout: 90_000 });
    await page.locator('section.comments[data-state="ready"]').waitFor({ timeout: 60_000 });
    // Tasks that start right after the first paint (drawing the rest) count too.
    await page.waitForTimeout(1_000);
    const result = await page.evaluate(() => {
      const s = window.__benchComments;
      const until = s.paintedAt + 1_000;
      const tasks = (s.longTasks ?? []).filter((t) => t.start + t.duration > s.arrivedAt && t.start < until);
      return {
        firstPaint: s.paintedAt - s.arrivedAt,
        firstEntry: s.entryAt - s.arrivedAt,
        longTasksSupported: s.longTasks !== null,
        longestTask: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
        blocking: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
        drawn: document.querySelectorAll('section.comments li.comment-entry').length,
        wasmBytes: s.wasm?.memory?.buffer?.byteLength ?? null,
      };
    });
    await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
    const heap = await cdp.send('Runtime.getHeapUsage');
    return { ...result, heap: heap.usedSize };
  } finally {
    await context.close().catch(() => {});
  }
}

export const THREAD_SIZES = [10, 1_000, 10_000];

export async function benchComments({ baseUrl, pick, runs, sizes = THREAD_SIZES }) {
  const articlePath = `/articles/${encodeSegment(pick.commentsId)}`;
  const threads = sizes.map((count) => {
    const { page, maxDepth, topLevel } = generateThread(count);
    return { count, json: JSON.stringify(page), maxDepth, topLevel };
  });
  const browser = await launchChromium(['--enable-precise-memory-info']);
  const raw = Object.fromEntries(sizes.map((n) => [n, []]));
  try {
    for (let run = 1; run <= runs; run++) {
      for (const thread of threads) {
        const r = await withTimeout(renderOnce(browser, { baseUrl, articlePath, json: thread.json }), 180_000, `comments run ${run} (${thread.count} comments)`);
        raw[thread.count].push(r);
        log(
          `comments run ${run}/${runs} ${thread.count}: first painted ${r.firstPaint.toFixed(1)} ms after arrival, longest task ${r.longestTask.toFixed(0)} ms, heap ${(r.heap / 1048576).toFixed(1)} MB, wasm ${r.wasmBytes ? (r.wasmBytes / 1048576).toFixed(1) : '?'} MB, ${r.drawn} drawn`,
        );
      }
    }
  } finally {
    await closeBrowser(browser);
  }
  return {
    article: pick.commentsId,
    threads: threads.map((t) => {
      const list = raw[t.count];
      return {
        count: t.count,
        jsonBytes: Buffer.byteLength(t.json),
        maxDepth: t.maxDepth,
        topLevel: t.topLevel,
        firstPaint: stats(list.map((r) => r.firstPaint)),
        firstEntry: stats(list.map((r) => r.firstEntry)),
        longestTask: stats(list.map((r) => r.longestTask), 0),
        blocking: stats(list.map((r) => r.blocking), 0),
        heapMB: stats(list.map((r) => r.heap / 1048576), 1),
        wasmMB: stats(list.map((r) => (r.wasmBytes ?? NaN) / 1048576), 1),
        drawn: stats(list.map((r) => r.drawn), 0),
        longTasksSupported: list.every((r) => r.longTasksSupported),
      };
    }),
    runs,
  };
}
