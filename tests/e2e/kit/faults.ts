// Fault injection for the reliability specs: each fault is what a slow, broken or hostile
// network can do to one request, injected with `page.route` (the only place the suite mocks).
import type { Page, Request, Route } from '@playwright/test';

export type Fault = {
  /** Answers (or fails) the intercepted request. */
  inject: (route: Route) => Promise<void>;
  /** The gist of what the reader is told, whichever section asked. */
  message: RegExp;
};

/** How long the "slow" fault holds a request: longer than the app's time limit (8 s). */
export const SLOW_MS = 10_000;

const json = 'application/json';

export const faults: Record<string, Fault> = {
  'server error (500)': { inject: (r) => r.fulfill({ status: 500, body: 'oops' }), message: /having trouble/ },
  'not found (404)': { inject: (r) => r.fulfill({ status: 404, contentType: json, body: '{}' }), message: /couldn’t find/ },
  'rate limited (429)': { inject: (r) => r.fulfill({ status: 429, headers: { 'Retry-After': '1' } }), message: /busy|faster than this site allows/ },
  'no answer for 10 s': {
    inject: async (r) => {
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
      // The app has given up by now; the late answer has nowhere to go.
      await r.fulfill({ status: 200, contentType: json, body: '{}' }).catch(() => {});
    },
    message: /taking too long/,
  },
  'connection reset': { inject: (r) => r.abort('connectionreset'), message: /couldn’t reach/ },
  'truncated JSON': { inject: (r) => r.fulfill({ status: 200, contentType: json, body: '{"id": "x", "tit' }), message: /couldn’t read/ },
  'JSON of the wrong shape': { inject: (r) => r.fulfill({ json: { article: { headline: 'nope' }, items: 'none' } }), message: /couldn’t read/ },
  'HTML error page with status 200': {
    inject: (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<html><body><h1>Bad gateway</h1></body></html>' }),
    message: /couldn’t read/,
  },
  'empty body': { inject: (r) => r.fulfill({ status: 200, contentType: json, body: '' }), message: /couldn’t read/ },
  'offline': { inject: (r) => r.abort('internetdisconnected'), message: /couldn’t reach/ },
};

/** The requests an article page makes, as URL patterns of the native contract. */
export type Target = 'article' | 'related' | 'comments' | 'post comment';

export function targetMatches(target: Target, articleId: string): (request: Request) => boolean {
  const base = `/api/v1/articles/${encodeURIComponent(articleId)}`;
  return (request) => {
    const path = new URL(request.url()).pathname;
    switch (target) {
      case 'article':
        return path === base;
      case 'related':
        return path === `${base}/related`;
      case 'comments':
        return path === `${base}/comments` && request.method() === 'GET';
      case 'post comment':
        return path === `${base}/comments` && request.method() === 'POST';
    }
  };
}

/** Injects `fault` into every request for `target` until the returned function lifts it. */
export async function injectFault(page: Page, target: Target, articleId: string, fault: Fault): Promise<() => Promise<void>> {
  const matches = targetMatches(target, articleId);
  const handler = (route: Route) => (matches(route.request()) ? fault.inject(route) : route.fallback());
  await page.route('**/api/v1/articles/**', handler);
  return () => page.unroute('**/api/v1/articles/**', handler);
}
