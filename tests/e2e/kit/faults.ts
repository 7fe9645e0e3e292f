// Fault injection for the reliability specs: each fault is what a slow, broken or hostile
// network can do to one request, injected with `page.route` (the only place the suite mocks)
// into the request the app really makes for the deployment under test: its kind of backend, base
// URL and path templates come from its config.json (deployment.ts).
import type { Page, Request, Route } from '@playwright/test';
import { deploymentOf, type Deployment, type Target as DeploymentTarget } from './deployment';

export type Fault = {
  /** Answers (or fails) the intercepted request. */
  inject: (route: Route) => Promise<void>;
  /** The gist of what the reader is told, whichever section asked. */
  message: RegExp;
};

/** How long the "slow" fault holds a request: longer than the app's time limit (8 s). */
export const SLOW_MS = 10_000;

const json = 'application/json';
const HUGE_BODY = `${' '.repeat(33 * 1024 * 1024)}{}`;

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
  // Valid JSON (whitespace, then {}) over every kind of request's limit (src/api/http.rs `Limit`,
  // 32 MiB at most): refused before it reaches the wasm's memory, never decoded.
  'an answer of 33 MiB': {
    inject: (r) => r.fulfill({ status: 200, contentType: json, body: HUGE_BODY }),
    message: /more than this page can take/,
  },
};

/**
 * The requests a page makes, by what they are for: the front page's feed, an article, its related
 * list, its comments, posting a comment. Which exist depends on the kind of backend
 * (`TARGETS_BY_KIND`: a JSON Feed has only "feed" and "article", both the feed document).
 */
export type Target = DeploymentTarget;

/**
 * A test for the browser requests the app makes for `target` on the deployment under test
 * (`deploymentOf(page)`, or the one given), from its config.json: the kind of backend, its base
 * URL (same-origin or not) and its path templates.
 */
export async function targetMatches(page: Page, target: Target, articleId: string, deployment?: Deployment): Promise<(request: Request) => boolean> {
  const d = deployment ?? (await deploymentOf(page));
  return d.matcher(target, articleId, page.request);
}

/**
 * Routes every request the app makes for `target` (of article `articleId`; any string for "feed")
 * on the deployment under test to `handler`, until the returned function lifts it; every other
 * request goes on as usual. For specs that hold, answer or count one kind of request.
 */
export async function routeTarget(
  page: Page,
  target: Target,
  articleId: string,
  handler: (route: Route) => Promise<unknown> | unknown,
  deployment?: Deployment,
): Promise<() => Promise<void>> {
  const matches = await targetMatches(page, target, articleId, deployment);
  const route = (route: Route) => (matches(route.request()) ? handler(route) : route.fallback());
  // Every request goes past the handler, whatever its origin: the backend may be on another one.
  const everything = () => true;
  await page.route(everything, route);
  return () => page.unroute(everything, route);
}

/**
 * Injects `fault` into every request for `target` (of article `articleId`) until the returned
 * function lifts it. Throws when the deployment's kind of backend makes no such request
 * (check with `(await deploymentOf(page)).makes(target)`).
 */
export async function injectFault(page: Page, target: Target, articleId: string, fault: Fault, deployment?: Deployment): Promise<() => Promise<void>> {
  return routeTarget(page, target, articleId, fault.inject, deployment);
}
