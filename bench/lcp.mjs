// LCP of the article page against its floor: a static HTML page with the same article text, the
// app's built CSS, from the same server, under the same throttling (CDP: 4x CPU, 150 ms RTT,
// 1.6 Mbps down, 750 kbps up), a fresh browser context (cold cache) for every load.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';

import { closeBrowser, encodeSegment, launchChromium, lcpSettled, log, stats, withTimeout } from './lib.mjs';

export const THROTTLING = {
  cpuRate: 4,
  latencyMs: 150,
  downloadBps: 1_600_000,
  uploadBps: 750_000,
};

/** A phone-sized viewport like Lighthouse's mobile preset (Moto G Power). */
export const MOBILE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

export const FLOOR_FILE = 'static-article.html';

const escape = (text) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg', 'samr']);
function direction(language) {
  const [primary, ...rest] = language.trim().split(/[-_]/);
  const script = rest.find((s) => s.length === 4);
  if (script) return RTL_SCRIPTS.has(script.toLowerCase()) ? 'rtl' : 'ltr';
  return RTL.has(primary.toLowerCase()) ? 'rtl' : 'ltr';
}

/** Trusted demo HTML reduced to a few text tags (the floor only needs the same text and layout). */
function simpleHtml(html) {
  const allowed = new Set(['p', 'a', 'em', 'strong', 'i', 'b', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'blockquote', 'br', 'code']);
  return String(html ?? '')
    .replace(/<\s*(script|style)[\s\S]*?<\s*\/\s*\1\s*>/gi, '')
    .replace(/<\s*(\/?)\s*([a-z0-9]+)[^>]*>/gi, (_, slash, tag) => (allowed.has(tag.toLowerCase()) ? `<${slash}${tag.toLowerCase()}>` : ''));
}

function figure(image, { lead = false, lazy = false } = {}) {
  if (!image?.url || !/^(https?:\/\/|\/)/.test(image.url)) return '';
  const size = `${image.width ? ` width="${image.width}"` : ''}${image.height ? ` height="${image.height}"` : ''}`;
  const caption = [
    image.caption?.trim() ? escape(image.caption) : '',
    image.credit?.trim() ? `<span class="credit">${escape(image.credit)}</span>` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `<figure class="figure${lead ? ' lead' : ''}"><img src="${escape(image.url)}" alt="${escape(image.alt)}"${size}${
    lazy ? ' loading="lazy"' : ''
  }${lead ? ' fetchpriority="high"' : ''} decoding="async">${caption ? `<figcaption dir="auto">${caption}</figcaption>` : ''}</figure>`;
}

function block(b) {
  switch (b.type) {
    case 'paragraph':
      return `<p>${escape(b.text)}</p>`;
    case 'heading': {
      const level = b.level <= 2 ? 2 : b.level === 3 ? 3 : 4;
      return `<h${level}>${escape(b.text)}</h${level}>`;
    }
    case 'quote':
      return `<figure class="quote"><blockquote dir="auto"><p>${escape(b.text)}</p></blockquote>${
        b.cite ? `<figcaption dir="auto">— <cite>${escape(b.cite)}</cite></figcaption>` : ''
      }</figure>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${(b.items ?? []).map((i) => `<li>${escape(i)}</li>`).join('')}</${tag}>`;
    }
    case 'image':
      return figure(b, { lazy: true });
    case 'html':
      return `<div class="html-block">${simpleHtml(b.html)}</div>`;
    default:
      return '';
  }
}

/**
 * The floor page: the app's markup for the article (header, headline, byline, lead image, body)
 * written out as static HTML, with the app's own stylesheet. No script.
 */
export function floorPage(article, { css, siteName = 'Broadsheet', logoUrl = null }) {
  const lang = article.language?.trim() || null;
  const langAttrs = lang ? ` lang="${escape(lang)}" dir="${direction(lang)}"` : '';
  const authors = (article.authors ?? []).filter((a) => a.name?.trim()).map((a) => `<span dir="auto">${escape(a.name)}</span>`);
  const byline =
    authors.length === 0
      ? ''
      : `<p class="byline">By ${authors.length === 1 ? authors[0] : `${authors.slice(0, -1).join(', ')} and ${authors.at(-1)}`}</p>`;
  const published = new Date(article.published_at);
  const when = Number.isNaN(published.getTime()) ? '' : published.toISOString().slice(0, 10);
  const words = (article.body ?? []).map((b) => b.text ?? (b.items ?? []).join(' ')).join(' ').split(/\s+/).length;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>${escape(article.title)}</title>
    ${css.inline !== undefined ? `<style>${css.inline}</style>` : `<link rel="stylesheet" href="${escape(css.href)}" />`}
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="site-header"><a class="site-name" href="/">${logoUrl ? `<img class="logo" src="${escape(logoUrl)}" alt="" height="32">` : ''}${escape(siteName)}</a></header>
    <main id="main" tabindex="-1">
      <div class="article-page" data-state="ready">
        <article class="article"${langAttrs}>
          <header class="article-header">
            ${article.section ? `<p class="kicker" dir="auto">${escape(article.section)}</p>` : ''}
            <h1 dir="auto">${escape(article.title)}</h1>
            ${article.summary ? `<p class="dek" dir="auto">${escape(article.summary)}</p>` : ''}
            ${byline}
            <p class="meta">${article.source?.name ? `<span dir="auto">${escape(article.source.name)}</span><span aria-hidden="true"> · </span>` : ''}<time datetime="${escape(article.published_at)}" dir="auto">${when}</time><span aria-hidden="true"> · </span><span>${Math.max(1, Math.ceil(words / 230))} min read</span></p>
          </header>
          ${figure(article.image, { lead: true })}
          <div class="article-body">${(article.body ?? []).map(block).join('\n')}</div>
        </article>
      </div>
    </main>
  </body>
</html>
`;
}

/**
 * The app's stylesheet as `index.html` delivers it: inlined (`{ inline }`, the same text, so the
 * backend's policy allows it by the same hash) or linked (`{ href }`). The floor gets it the same way.
 */
function appStylesheet(benchDist) {
  const html = readFileSync(join(benchDist, 'index.html'), 'utf8');
  const inline = /<style[^>]*>([\s\S]*?)<\/style>/i.exec(html);
  if (inline) return { inline: inline[1] };
  const link = /<link\b[^>]*\brel=["']?stylesheet\b[^>]*>/i.exec(html);
  const href = link && /\bhref=["']?([^"'\s>]+)/i.exec(link[0]);
  if (!href) throw new Error('index.html has no stylesheet for the floor page');
  return { href: `/${basename(href[1])}` };
}

/** Writes the floor page for `article` into the served copy of dist; returns its URL path. */
export function writeFloorPage(benchDist, article) {
  let siteName = 'Broadsheet';
  let logoUrl = null;
  const configPath = join(benchDist, 'config.json');
  if (existsSync(configPath)) {
    try {
      const config = JSON.parse(readFileSync(configPath, 'utf8'));
      siteName = config.site?.name || siteName;
      logoUrl = config.site?.logo_url || null;
    } catch {
      // The defaults will do for the floor.
    }
  }
  const html = floorPage(article, { css: appStylesheet(benchDist), siteName, logoUrl });
  writeFileSync(join(benchDist, FLOOR_FILE), html);
  return `/${FLOOR_FILE}`;
}

/** Runs in the page before anything else: keeps the latest LCP candidate, layout shifts, bytes. */
export function observeLcp() {
  const state = { lcp: null, candidates: 0, lastCandidateAt: 0, cls: 0, ready: null };
  window.__benchLcp = state;
  // When the article page is in its final form: the app has drawn the article (its controls
  // work from then on); the floor page has it from its HTML.
  const ready = () => {
    if (state.ready === null && document.querySelector('.article-page[data-state="ready"] h1')) state.ready = performance.now();
  };
  new MutationObserver(ready).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  const name = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `${el.tagName.toLowerCase()}${cls}`;
  };
  // An element without a class is named with its parent: `figure.figure.lead > img`.
  const describe = (el) => {
    if (!el) return '(removed)';
    const own = name(el);
    return own.includes('.') || !el.parentElement ? own : `${name(el.parentElement)} > ${own}`;
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      state.lcp = { time: entry.startTime, size: entry.size, element: describe(entry.element), url: entry.url || '' };
      state.candidates += 1;
      state.lastCandidateAt = performance.now();
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) state.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

/** The phone profile (`THROTTLING`) on a page: its network and CPU. */
export async function throttle(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: THROTTLING.latencyMs,
    downloadThroughput: THROTTLING.downloadBps / 8,
    uploadThroughput: THROTTLING.uploadBps / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING.cpuRate });
  return cdp;
}

/** One cold, throttled load of `url`; LCP once no new candidate has appeared for a while. */
async function loadOnce(browser, url, readySelector) {
  const context = await browser.newContext({ ...MOBILE, reducedMotion: 'no-preference' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(90_000);
    await page.addInitScript(observeLcp);
    await throttle(context, page);
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForSelector(readySelector, { timeout: 120_000 });
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
    await lcpSettled(page, '__benchLcp', started, url);
    const result = await page.evaluate(() => {
      const bytes = performance
        .getEntriesByType('navigation')
        .concat(performance.getEntriesByType('resource'))
        .reduce((sum, entry) => sum + (entry.transferSize || 0), 0);
      return { ...window.__benchLcp, bytes };
    });
    if (!result.lcp) throw new Error(`no largest-contentful-paint entry for ${url}`);
    return { lcp: result.lcp.time, element: result.lcp.element, cls: result.cls, bytes: result.bytes, ready: result.ready ?? NaN };
  } finally {
    await context.close().catch(() => {});
  }
}

export async function benchLcp({ baseUrl, benchDist, pick, runs }) {
  const floorPath = writeFloorPage(benchDist, pick.article);
  const appPath = `/articles/${encodeSegment(pick.id)}`;
  const browser = await launchChromium();
  const app = [];
  const floor = [];
  try {
    for (let run = 1; run <= runs; run++) {
      // Alternate which page goes first, so drift in the machine's load falls on both.
      const order = run % 2 ? ['app', 'floor'] : ['floor', 'app'];
      for (const which of order) {
        const result =
          which === 'app'
            ? await withTimeout(loadOnce(browser, baseUrl + appPath, '.article-page[data-state="ready"] h1'), 180_000, `LCP run ${run} of the app`)
            : await withTimeout(loadOnce(browser, baseUrl + floorPath, 'h1'), 180_000, `LCP run ${run} of the floor page`);
        (which === 'app' ? app : floor).push(result);
        log(`lcp run ${run}/${runs} ${which}: ${result.lcp.toFixed(0)} ms (${result.element}), ready ${result.ready.toFixed(0)} ms, CLS ${result.cls.toFixed(3)}, ${result.bytes} B`);
      }
    }
  } finally {
    await closeBrowser(browser);
  }
  const summary = (list) => ({
    lcp: stats(list.map((r) => r.lcp), 0),
    ready: stats(list.map((r) => r.ready), 0),
    cls: stats(list.map((r) => r.cls), 4),
    bytes: stats(list.map((r) => r.bytes), 0),
    elements: [...new Set(list.map((r) => r.element))],
  });
  const appStats = summary(app);
  const floorStats = summary(floor);
  const ratios = app.map((r, i) => r.lcp / floor[i].lcp);
  return {
    article: pick.id,
    appPath,
    floorPath,
    throttling: THROTTLING,
    app: appStats,
    floor: floorStats,
    ratio: appStats.lcp.median / floorStats.lcp.median,
    ratioPerRun: stats(ratios, 2),
  };
}
