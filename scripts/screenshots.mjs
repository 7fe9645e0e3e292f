#!/usr/bin/env node
// Screenshots of an article page for the docs, light and dark, on a phone and a desktop:
//   make run                                   (in another terminal: the demo on :8080)
//   node scripts/screenshots.mjs [--base-url URL] [--article ID] [--out DIR]
// Defaults: http://127.0.0.1:8080 (or $BROADSHEET_BASE_URL), the demo article
// harbour-tram-trial, docs/images/. Writes article-{phone,desktop}-{light,dark}.png.
// Uses the repository's Playwright with Debian's Chromium (tests/e2e/kit/chromium.mjs: the
// executable and the flags this machine needs); no browser is downloaded. The clock is frozen
// a day after the demo articles (so "2 hours ago" reads the same on every run) and motion is
// reduced, so the same build gives the same pictures.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

import { CHROMIUM, CHROMIUM_FLAGS } from '../tests/e2e/kit/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
};
const SCHEMES = ['light', 'dark'];
/** A fixed "now", shortly after the demo data set's newest article. */
const NOW = new Date('2026-11-25T09:00:00Z');

function options(argv) {
  const opts = {
    baseUrl: process.env.BROADSHEET_BASE_URL || 'http://127.0.0.1:8080',
    article: 'harbour-tram-trial',
    out: path.join(ROOT, 'docs', 'images'),
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag === '--base-url') opts.baseUrl = value();
    else if (flag === '--article') opts.article = value();
    else if (flag === '--out') opts.out = path.resolve(value());
    else if (flag === '-h' || flag === '--help') {
      console.log('usage: node scripts/screenshots.mjs [--base-url URL] [--article ID] [--out DIR]');
      process.exit(0);
    } else {
      console.error(`screenshots: unknown argument ${argv[i]} (try --help)`);
      process.exit(2);
    }
  }
  if (!opts.baseUrl || !opts.article || !opts.out) {
    console.error('screenshots: --base-url, --article and --out need a value');
    process.exit(2);
  }
  opts.baseUrl = opts.baseUrl.replace(/\/+$/, '');
  return opts;
}

async function main() {
  const opts = options(process.argv.slice(2));
  const url = `${opts.baseUrl}/articles/${encodeURIComponent(opts.article)}`;
  // Fail early, in plain words, when nothing is serving the demo.
  try {
    const answer = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
  } catch (error) {
    console.error(`screenshots: cannot open ${url} (${error.message}); start the demo with \`make run\` first`);
    process.exit(1);
  }
  mkdirSync(opts.out, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    for (const [device, settings] of Object.entries(VIEWPORTS)) {
      for (const colorScheme of SCHEMES) {
        const context = await browser.newContext({ ...settings, colorScheme, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.clock.setFixedTime(NOW);
        await page.goto(url);
        // The app's own page, not the preview drawn before it runs, with its images decoded.
        await page.locator('.article-page[data-state="ready"]').waitFor({ timeout: 30_000 });
        await page.locator('#early-preview').waitFor({ state: 'detached', timeout: 30_000 });
        // Lazy images below the fold never load, so each wait is bounded.
        await page.evaluate(async () => {
          const settled = (promise) =>
            Promise.race([promise.catch(() => null), new Promise((done) => setTimeout(done, 5_000))]);
          await settled(document.fonts.ready);
          await Promise.all(
            [...document.images].filter((img) => !img.complete).map((img) => settled(img.decode())),
          );
        });
        const file = path.join(opts.out, `article-${device}-${colorScheme}.png`);
        await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
        console.log(`wrote ${path.relative(ROOT, file)}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`screenshots: ${error.stack || error}`);
  process.exit(1);
});
