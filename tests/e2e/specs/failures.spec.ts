// The fault matrix: each request an article page makes (the article, its related list, its
// comments, posting a comment) meets each fault a network or backend can produce. The section
// that asked shows a message in the reader's words with Retry (a comment form keeps its text),
// the other sections keep working, nothing panics, and Retry recovers once the fault is lifted.
// A broken configuration names what to fix.
//
// Runs on every kind of backend, against the requests the app makes for the deployment under test
// (kit/deployment.ts): on WordPress the related list and comments are found through the article, so
// an article fault leaves them waiting for it; a JSON Feed makes only the article request (the feed);
// "post comment" needs a native backend that lists a comment once posted, and a run that may write.
import { expect, test } from '@playwright/test';
import { findArticle, relatedTo } from '../kit/api';
import { deploymentOf, skipIfReadOnly } from '../kit/deployment';
import { allComments, CommentsSection } from '../kit/comments';
import { faults, injectFault, SLOW_MS, type Target } from '../kit/faults';
import { ArticlePage, expectSettled, ReaderApp } from '../kit/pages';

const targets: Target[] = ['article', 'related', 'comments', 'post comment'];

for (const target of targets) {
  for (const [name, fault] of Object.entries(faults)) {
    test(`${target} request, ${name}: a message with Retry, the rest keeps working, Retry recovers`, async ({ page, request }) => {
      if (name.startsWith('no answer')) test.setTimeout(30_000 + SLOW_MS);
      const deployment = await deploymentOf(request);
      test.skip(!deployment.makes(target), `this deployment (${deployment.kind}) makes no "${target}" request`);
      if (target === 'post comment') {
        skipIfReadOnly();
        test.skip(deployment.kind !== 'native', 'checks that Retry posts exactly one comment, as a native backend lists it');
      }
      const commentable = deployment.makes('comments') && deployment.features.comments;
      const article = await findArticle(request, (a) => !commentable || a.comments?.enabled !== false, 'oldest');
      if (deployment.features.related) expect((await relatedTo(request, article.id)).length).toBeGreaterThan(0);
      const reader = new ArticlePage(page);
      const related = reader.related;
      const comments = new CommentsSection(page);
      const crashes = reader.watchForCrashes();
      const lift = await injectFault(page, target, article.id, fault, deployment);
      await reader.open(article.id);

      switch (target) {
        case 'article': {
          await expect(reader.state).toHaveAttribute('data-state', 'error', { timeout: SLOW_MS + 5_000 });
          await expect(reader.state).toContainText(fault.message);
          await expect(reader.banner).toBeVisible();
          // Only a missing article hides its related list; any other fault leaves it working (on a
          // native backend: other kinds find the related articles through the article).
          if (!name.startsWith('not found') && deployment.kind === 'native') await expectSettled(related.section, 'ready');
          await lift();
          await reader.retryArticle();
          await reader.expectHeadline(article.title);
          await comments.expectLoaded();
          break;
        }
        case 'related': {
          await expect(related.alert).toContainText(fault.message, { timeout: SLOW_MS + 5_000 });
          await reader.expectHeadline(article.title);
          await comments.expectLoaded();
          await lift();
          await related.retry();
          await expectSettled(related.section, 'ready');
          await expect(related.cardLinks.first()).toBeVisible();
          break;
        }
        case 'comments': {
          await expect(comments.loadAlert).toContainText(fault.message, { timeout: SLOW_MS + 5_000 });
          await reader.expectHeadline(article.title);
          await expectSettled(related.section, 'ready');
          await lift();
          await comments.retryLoad();
          await comments.expectLoaded();
          break;
        }
        case 'post comment': {
          await comments.expectLoaded();
          const text = `Fault check (${name}) ${Date.now()}: the form keeps this text.`;
          await comments.postComment('Fault Tester', text);
          await expect(comments.formAlert()).toContainText(fault.message, { timeout: SLOW_MS + 5_000 });
          await expect(comments.commentField()).toHaveValue(text);
          await reader.expectHeadline(article.title);
          await expectSettled(related.section, 'ready');
          await lift();
          await comments.retryPost();
          await expect(comments.comment(text)).toBeVisible();
          await expect(comments.formAlert()).toHaveCount(0);
          await expect(comments.pendingBadge(comments.comment(text))).toHaveCount(0);
          const stored = (await allComments(request, article.id)).filter((c) => c.body === text);
          expect(stored, 'posted exactly once').toHaveLength(1);
          break;
        }
      }
      expect(crashes).toEqual([]);
    });
  }
}

test('a missing config.json shows a set-up page that names the file', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/');
  await new ReaderApp(page).expectSetupError('/config.json');
});

test('an invalid config.json names the key and the expected value', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ json: { backend: { kind: 'gopher', base_url: '/api/v1' } } }));
  await page.goto('/');
  await new ReaderApp(page).expectSetupError('/config.json: "backend.kind" is "gopher": expected "native", "wordpress" or "json_feed".');
});

test('a mistyped key in config.json is named on the set-up page with the key it may mean', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { backend: { kind: 'native', base_url: '/api/v1' }, embed: { allowed_origin: ['https://partner.example'] } } }),
  );
  await page.goto('/');
  await new ReaderApp(page).expectSetupError(
    '/config.json: "embed.allowed_origin" is not a known key; did you mean "embed.allowed_origins"?',
  );
});
