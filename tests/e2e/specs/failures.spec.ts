// Each way the article request can fail shows a message in the reader's words and a Retry that
// recovers once the fault is gone; a broken configuration names what to fix.
import { expect, test, type Route } from '@playwright/test';
import { findArticle } from '../kit/api';
import { ArticlePage, ReaderApp } from '../kit/pages';

const faults: Record<string, { inject: (route: Route) => Promise<void>; message: RegExp }> = {
  'server error': { inject: (r) => r.fulfill({ status: 500, body: 'oops' }), message: /having trouble/ },
  'unavailable': { inject: (r) => r.fulfill({ status: 503 }), message: /having trouble/ },
  'rate limited': { inject: (r) => r.fulfill({ status: 429 }), message: /busy/ },
  'HTML instead of JSON': {
    inject: (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<html><body>Bad gateway</body></html>' }),
    message: /couldn’t read/,
  },
  'truncated JSON': { inject: (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"id": "x", "tit' }), message: /couldn’t read/ },
  'wrong shape': { inject: (r) => r.fulfill({ json: { article: { headline: 'nope' } } }), message: /couldn’t read/ },
  'empty body': { inject: (r) => r.fulfill({ status: 200, body: '' }), message: /couldn’t read/ },
  'connection reset': { inject: (r) => r.abort('connectionreset'), message: /couldn’t reach/ },
  'offline': { inject: (r) => r.abort('internetdisconnected'), message: /couldn’t reach/ },
};

for (const [name, fault] of Object.entries(faults)) {
  test(`article request: ${name} shows a message and Retry recovers`, async ({ page, request }) => {
    const article = await findArticle(request);
    const reader = new ArticlePage(page);
    const crashes = reader.watchForCrashes();
    const pattern = `**/api/v1/articles/${encodeURIComponent(article.id)}`;
    await page.route(pattern, fault.inject);
    await reader.open(article.id);
    await expect(reader.alert).toContainText(fault.message);
    await expect(reader.banner).toBeVisible();

    await page.unroute(pattern);
    await reader.retry.click();
    await reader.expectHeadline(article.title);
    await expect(reader.alert).toHaveCount(0);
    expect(crashes).toEqual([]);
  });
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
