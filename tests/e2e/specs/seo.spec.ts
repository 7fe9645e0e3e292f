// Lighthouse's SEO category scores 100 on an article page and on the front page (issue 24): each
// is indexable (status, no noindex, a valid robots.txt), described (title, description, canonical
// link, hreflang) and its links and images are crawlable and named. Lighthouse 12 by its Node API
// (kit/lighthouse.mjs, installed by scripts/setup.sh) loads each page afresh in a Chromium of its
// own, as a crawler that runs the app would. A failure names the audits that lost points.
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { findArticle } from '../kit/api';
import { encodeSegment, requireBackend } from '../kit/deployment';

// A run is 6–10 s on an idle machine; a loaded one (two workers, two cores) takes longer.
const RUN_LIMIT_MS = 100_000;
test.describe.configure({ timeout: RUN_LIMIT_MS + 20_000 });

type Summary = { score: number; failing: { id: string; title: string }[] };

/** Lighthouse's SEO summary of `url`, from a process of its own (see kit/lighthouse.mjs). */
async function seo(url: string): Promise<Summary> {
  const kit = path.join(__dirname, '../kit/lighthouse.mjs');
  const { stdout } = await promisify(execFile)(process.execPath, [kit, url, 'seo'], { timeout: RUN_LIMIT_MS, killSignal: 'SIGINT' });
  return JSON.parse(stdout).seo;
}

async function expectSeoScore100(url: string): Promise<void> {
  const { score, failing } = await seo(url);
  const lost = failing.map((audit) => `${audit.id}: ${audit.title}`);
  expect(lost, `Lighthouse SEO is ${score} on ${url}; the audits that lost points`).toEqual([]);
  expect(score, `Lighthouse SEO on ${url}`).toBe(100);
}

// Any deployment: where no server draws the article's head, the app does (a WordPress site's
// article page, its app served statically, scores 100 too).
test('an article page scores 100 in Lighthouse SEO', async ({ request, baseURL }) => {
  // One with a lead image, so that image-alt has an image to judge.
  const article = await findArticle(request, (candidate) => !!candidate.image);
  await expectSeoScore100(new URL(`/articles/${encodeSegment(article.id)}`, baseURL).href);
});

test.describe('the front page', () => {
  // The app does not draw the site's description (publish/src/page.rs, ArticlePages::front_page, says why).
  requireBackend({ defaultNative: true }, 'the reference backend writes the site’s description into the front page');

  test('scores 100 in Lighthouse SEO', async ({ baseURL }) => {
    await expectSeoScore100(new URL('/', baseURL).href);
  });
});
