// The article preview as tests see it: the page as the server and early.js leave it, before the
// app starts.
import { expect, type Page } from '@playwright/test';

/** Holds the app's wasm back until `release()`: the page is then exactly as early.js left it. */
export async function holdTheApp(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/**
 * Serves the article's page as a server that draws no preview would (any static host): the
 * reference backend's preview is taken out, so what the page shows is early.js's. Fails if there
 * was no server preview to take out.
 */
export async function withoutServerPreview(page: Page, id: string): Promise<void> {
  await page.route(
    (url) => url.pathname === `/articles/${encodeURIComponent(id)}`,
    async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const plain = html.replace(/<div class="early-preview"[\s\S]*?<\/article><\/div><\/div>/, '');
      expect(plain.length, 'the server drew a preview to take out').toBeLessThan(html.length);
      const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => !['content-encoding', 'content-length'].includes(name)));
      await route.fulfill({ status: response.status(), headers, body: plain });
    },
  );
}
