// The deployment under test, as its own /config.json describes it: which kind of backend it reads
// (native, wordpress or json_feed), where, and with which path templates. This is the kit's one
// copy of how the app builds its request URLs (src/config.rs, src/api/paths.rs, native.rs,
// wordpress.rs, json_feed.rs): the data readers (api.ts) read through it, and fault injection
// (faults.ts) intercepts exactly the requests the app makes for that deployment.
//
// Environment:
//   BROADSHEET_BASE_URL   the deployment to test (playwright.config.ts; unset: this repository's
//                         own backend and fixture sites, started by the config)
//   BROADSHEET_READ_ONLY  "1" (or "true"): every spec that writes (posts a comment) skips, for
//                         production targets. Off by default.
import { test, type APIRequestContext, type Page, type Request } from '@playwright/test';

export type BackendKind = 'native' | 'wordpress' | 'json_feed';

export const KINDS: readonly BackendKind[] = ['native', 'wordpress', 'json_feed'];

/** The part of config.json the kit reads; the rest is kept as it is in `Deployment.config`. */
export type DeploymentConfig = {
  site?: { name?: string };
  backend: { kind: BackendKind; base_url: string; paths?: Record<string, string | null> };
  sections?: string[];
  features?: { comments?: boolean; related?: boolean; promo?: boolean };
  [key: string]: unknown;
};

// ---------------------------------------------------------------------------------------------
// Read-only mode.

/** Whether specs may write to the deployment (post comments): not with BROADSHEET_READ_ONLY=1. */
export const readOnly = /^(1|true|yes)$/i.test(process.env.BROADSHEET_READ_ONLY ?? '');

export const READ_ONLY_REASON = 'BROADSHEET_READ_ONLY is set: this test posts a comment to the deployment';

/**
 * Skips the calling test (or, at the top of a file or `describe`, all its tests) when the run is
 * read-only. Every test that posts a comment to the real backend calls it first.
 */
export function skipIfReadOnly(): void {
  test.skip(readOnly, READ_ONLY_REASON);
}

// ---------------------------------------------------------------------------------------------
// URL building, as the app does it.

/** The app's constants that show in URLs (src/api/*.rs). */
export const LIMITS = {
  /** native::FEED_PAGE_SIZE, wordpress::FEED_PAGE_SIZE */
  feedPage: 10,
  /** RELATED_LIMIT (src/api/mod.rs) */
  related: 6,
  /** comments::COMMENTS_PAGE_SIZE (native: top-level threads per page) */
  commentsPage: 5,
  /** wordpress::COMMENTS_PAGE_SIZE */
  wordpressCommentsPage: 100,
} as const;

/** The linked resources WordPress posts are asked with (wordpress::EMBED). */
export const WORDPRESS_EMBED = 'author,wp:featuredmedia,wp:term';

/** `encode_segment` (model/src/encode.rs): every byte but ASCII letters, digits and `-._~` as %XX. */
export function encodeSegment(segment: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(segment)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `push_query` (src/api/paths.rs): starts a query or continues the one the URL has. */
export function pushQuery(url: string, name: string, value: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${name}=${encodeSegment(value)}`;
}

/** `Template::url` (src/api/paths.rs): `base` + template, with `id` encoded in place of `{id}`. */
export function fillTemplate(base: string, template: string, id = ''): string {
  return `${base}${template.split('{id}').join(encodeSegment(id))}`;
}

/** `wordpress::api_root`: a URL inside the REST API as it is, else a site root + /wp-json/wp/v2. */
export function wordpressApiRoot(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  if (trimmed.endsWith('/wp-json')) return `${trimmed}/wp/v2`;
  if (trimmed.includes('/wp-json/') || trimmed.includes('rest_route=')) return trimmed;
  return `${trimmed}/wp-json/wp/v2`;
}

export const NATIVE_PATHS = {
  feed: '/articles',
  article: '/articles/{id}',
  related: '/articles/{id}/related',
  comments: '/articles/{id}/comments',
};
export type NativePaths = typeof NATIVE_PATHS;

export const WORDPRESS_PATHS = {
  posts: '/posts',
  post: '/posts/{id}',
  comments: '/comments',
  categories: '/categories',
};
export type WordPressPaths = typeof WORDPRESS_PATHS;

export type Sort = 'oldest' | 'newest';

/** The native contract's URLs (src/api/native.rs). */
export class NativeUrls {
  readonly base: string;
  constructor(
    base: string,
    readonly paths: NativePaths = NATIVE_PATHS,
  ) {
    this.base = base.trim().replace(/\/+$/, '');
  }

  feedUrl(cursor?: string | null, section?: string | null, limit: number = LIMITS.feedPage): string {
    let url = fillTemplate(this.base, this.paths.feed);
    url = pushQuery(url, 'limit', String(limit));
    if (cursor != null) url = pushQuery(url, 'cursor', cursor);
    if (section != null) url = pushQuery(url, 'section', section);
    return url;
  }

  articleUrl(id: string): string {
    return fillTemplate(this.base, this.paths.article, id);
  }

  relatedUrl(id: string, limit: number = LIMITS.related): string {
    return pushQuery(fillTemplate(this.base, this.paths.related, id), 'limit', String(limit));
  }

  commentsUrl(id: string, sort: Sort = 'oldest', cursor?: string | null, limit: number = LIMITS.commentsPage): string {
    let url = pushQuery(this.postCommentUrl(id), 'sort', sort);
    url = pushQuery(url, 'limit', String(limit));
    if (cursor) url = pushQuery(url, 'cursor', cursor);
    return url;
  }

  postCommentUrl(id: string): string {
    return fillTemplate(this.base, this.paths.comments, id);
  }
}

/** What the app knows of a WordPress post to ask for its comments and relatives (`PostRef`). */
export type PostRef = { id: number; categories: number[]; tags: number[] };

/** A WordPress site's REST API URLs (src/api/wordpress.rs). */
export class WordPressUrls {
  readonly apiRoot: string;
  constructor(
    apiRoot: string,
    readonly paths: WordPressPaths = WORDPRESS_PATHS,
  ) {
    this.apiRoot = apiRoot.replace(/\/+$/, '');
  }

  postsUrl(page = 1, category?: number): string {
    let url = fillTemplate(this.apiRoot, this.paths.posts);
    url = pushQuery(url, '_embed', WORDPRESS_EMBED);
    url = pushQuery(url, 'per_page', String(LIMITS.feedPage));
    url = pushQuery(url, 'page', String(page));
    if (category !== undefined) url = pushQuery(url, 'categories', String(category));
    return url;
  }

  /** A post by numeric id (`posts/{id}`), or else by slug (`posts?slug=`). */
  articleUrl(id: string): string {
    let url = /^[0-9]+$/.test(id) ? fillTemplate(this.apiRoot, this.paths.post, id) : pushQuery(fillTemplate(this.apiRoot, this.paths.posts), 'slug', id);
    url = pushQuery(url, '_embed', WORDPRESS_EMBED);
    return url;
  }

  /** The newest posts sharing a category or tag with `post`; `undefined` when it has neither. */
  relatedUrl(post: PostRef, limit: number = LIMITS.related): string | undefined {
    let url = fillTemplate(this.apiRoot, this.paths.posts);
    url = pushQuery(url, '_embed', WORDPRESS_EMBED);
    url = pushQuery(url, 'per_page', String(limit));
    url = pushQuery(url, 'exclude', String(post.id));
    const ids = (list: number[]) => list.join(',');
    if (!post.categories.length && !post.tags.length) return undefined;
    if (post.categories.length) url = pushQuery(url, 'categories', ids(post.categories));
    if (post.tags.length) url = pushQuery(url, 'tags', ids(post.tags));
    if (post.categories.length && post.tags.length) url = pushQuery(url, 'tax_relation', 'OR');
    return url;
  }

  commentsUrl(postId: number, sort: Sort = 'oldest', page = 1): string {
    let url = pushQuery(this.postCommentUrl(), 'post', String(postId));
    url = pushQuery(url, 'per_page', String(LIMITS.wordpressCommentsPage));
    url = pushQuery(url, 'page', String(page));
    url = pushQuery(url, 'order', sort === 'newest' ? 'desc' : 'asc');
    return url;
  }

  postCommentUrl(): string {
    return fillTemplate(this.apiRoot, this.paths.comments);
  }

  categoriesUrl(): string {
    let url = fillTemplate(this.apiRoot, this.paths.categories);
    for (const [name, value] of [['per_page', '100'], ['orderby', 'count'], ['order', 'desc'], ['_fields', 'id,name,slug']]) {
      url = pushQuery(url, name, value);
    }
    return url;
  }
}

/** A JSON Feed: one URL, used exactly as configured; later pages come from its `next_url`. */
export class JsonFeedUrls {
  constructor(readonly feedUrl: string) {}
}

// ---------------------------------------------------------------------------------------------
// The deployment.

/** The requests an article page (and the front page) makes, by what they are for. */
export type Target = 'feed' | 'article' | 'related' | 'comments' | 'post comment';

/** Which requests exist on each kind: a JSON Feed is one document, read for every article. */
export const TARGETS_BY_KIND: Record<BackendKind, readonly Target[]> = {
  native: ['feed', 'article', 'related', 'comments', 'post comment'],
  wordpress: ['feed', 'article', 'related', 'comments', 'post comment'],
  json_feed: ['feed', 'article'],
};

export class Deployment {
  readonly kind: BackendKind;
  /** Set for `kind` "native". */
  readonly native?: NativeUrls;
  /** Set for `kind` "wordpress". */
  readonly wordpress?: WordPressUrls;
  /** Set for `kind` "json_feed". */
  readonly jsonFeed?: JsonFeedUrls;

  /**
   * `config` is the deployment's config.json; `configUrl` where it was read from (`config.json`
   * under the app's base), which the URLs in it resolve against as the browser resolves them.
   */
  constructor(
    readonly config: DeploymentConfig,
    readonly configUrl: string,
  ) {
    const backend = config?.backend;
    if (!backend || !KINDS.includes(backend.kind) || typeof backend.base_url !== 'string') {
      throw new Error(`${configUrl}: backend.kind must be one of ${KINDS.join(', ')} with a backend.base_url`);
    }
    this.kind = backend.kind;
    const configured = Object.fromEntries(
      Object.entries(backend.paths ?? {})
        .filter(([, value]) => typeof value === 'string')
        .map(([name, value]) => [name, (value as string).trim()]),
    );
    const base = backend.base_url.trim();
    if (this.kind === 'native') this.native = new NativeUrls(base, { ...NATIVE_PATHS, ...configured });
    if (this.kind === 'wordpress') this.wordpress = new WordPressUrls(wordpressApiRoot(base), { ...WORDPRESS_PATHS, ...configured });
    if (this.kind === 'json_feed') this.jsonFeed = new JsonFeedUrls(base);
  }

  /** The deployment's origin, e.g. `https://reader.example`. */
  get origin(): string {
    return new URL(this.configUrl).origin;
  }

  /** Where the backend is: the native base URL, WordPress API root or feed URL, made absolute. */
  get backendUrl(): string {
    return this.resolve(this.native?.base ?? this.wordpress?.apiRoot ?? this.jsonFeed!.feedUrl);
  }

  /** The backend's origin: the app's own, or another (then CORS and the CSP's connect-src apply). */
  get backendOrigin(): string {
    return new URL(this.backendUrl).origin;
  }

  /** An URL the app builds (maybe a same-origin path), made absolute as the browser would. */
  resolve(url: string): string {
    return new URL(url, this.configUrl).href;
  }

  /**
   * The URL the browser is asked for when the app requests `url`: absolute, and with a trailing
   * "&" after a query, as gloo-net's request builder (which src/api/http.rs sends every request
   * through) appends its own, empty, query to the URL's. Matchers ignore that "&"; exact URL
   * comparisons need it.
   */
  requestedUrl(url: string): string {
    const absolute = this.resolve(url);
    return new URL(absolute).search ? `${absolute}&` : absolute;
  }

  /**
   * Whether this deployment's app makes the request `target` at all: its kind of backend has it
   * (`TARGETS_BY_KIND`), and the part of the page that asks is not switched off in `features`.
   */
  makes(target: Target): boolean {
    const { comments, related } = this.features;
    if ((target === 'comments' || target === 'post comment') && !comments) return false;
    if (target === 'related' && !related) return false;
    return TARGETS_BY_KIND[this.kind].includes(target);
  }

  /**
   * Whether the backend is this repository's native contract exactly where the reference backend
   * serves it (`/api/v1` on the app's origin, default paths): what specs that answer for the
   * backend with hand-written contract documents rely on.
   */
  get isDefaultNative(): boolean {
    return this.kind === 'native' && this.resolve(this.native!.base) === `${this.origin}/api/v1` && this.hasDefaultPaths;
  }

  get hasDefaultPaths(): boolean {
    const paths = this.config.backend.paths ?? {};
    return Object.values(paths).every((value) => value == null);
  }

  /** The feature switches (`features.*`), each on unless configured off. */
  get features(): { comments: boolean; related: boolean; promo: boolean } {
    const f = this.config.features ?? {};
    return { comments: f.comments !== false, related: f.related !== false, promo: f.promo !== false };
  }

  /** The WordPress post behind an article id, read from the site as the app reads it. */
  async wordpressPost(request: APIRequestContext, id: string): Promise<PostRef> {
    const response = await request.get(this.resolve(this.wordpress!.articleUrl(id)));
    if (!response.ok()) throw new Error(`WordPress post ${id}: ${response.status()} from ${response.url()}`);
    const body = await response.json();
    const post = Array.isArray(body) ? body[0] : body;
    if (!post || typeof post.id !== 'number') throw new Error(`WordPress post ${id}: not found`);
    const numbers = (list: unknown) => (Array.isArray(list) ? list.filter((n): n is number => Number.isInteger(n) && n > 0) : []);
    return { id: post.id, categories: numbers(post.categories), tags: numbers(post.tags) };
  }

  /**
   * A test for the browser requests the app makes for `target` (of article `articleId`, except
   * for "feed"), whatever their paging and sort parameters. Throws when this kind of backend
   * makes no such request (see `makes`). `request` reads a WordPress post's numeric id.
   */
  async matcher(target: Target, articleId: string, request: APIRequestContext): Promise<(request: Request) => boolean> {
    if (!this.makes(target)) {
      throw new Error(`this deployment (${this.kind}) makes no "${target}" request: ${TARGETS_BY_KIND[this.kind].includes(target) ? 'switched off in config.json "features"' : 'the app reads it from the feed itself, or has none'}`);
    }
    const get = (r: Request) => r.method() === 'GET';
    const post = (r: Request) => r.method() === 'POST';
    if (this.native) {
      const urls = this.native;
      const endpoint = (url: string, exact = false) => this.endpoint(url, exact);
      switch (target) {
        case 'feed':
          return both(get, endpoint(fillTemplate(urls.base, urls.paths.feed)));
        case 'article':
          return both(get, endpoint(urls.articleUrl(articleId), true));
        case 'related':
          return both(get, endpoint(fillTemplate(urls.base, urls.paths.related, articleId)));
        case 'comments':
          return both(get, endpoint(urls.postCommentUrl(articleId)));
        case 'post comment':
          return both(post, endpoint(urls.postCommentUrl(articleId), true));
      }
    }
    if (this.wordpress) {
      const urls = this.wordpress;
      const posts = fillTemplate(urls.apiRoot, urls.paths.posts);
      if (target === 'feed') {
        const listing = this.endpoint(posts);
        return both(get, (r) => listing(r) && !hasParam(r, 'slug') && !hasParam(r, 'exclude'));
      }
      if (target === 'article') return both(get, this.endpoint(urls.articleUrl(articleId)));
      const { id } = await this.wordpressPost(request, articleId);
      switch (target) {
        case 'related':
          return both(get, this.endpoint(pushQuery(posts, 'exclude', String(id))));
        case 'comments':
          return both(get, this.endpoint(pushQuery(urls.postCommentUrl(), 'post', String(id))));
        case 'post comment': {
          const comments = this.endpoint(urls.postCommentUrl());
          return both(post, (r) => comments(r) && postedTo(r) === id);
        }
      }
    }
    // A JSON Feed: the article, like the front page, is read from the feed's first page.
    return both(get, this.endpoint(this.jsonFeed!.feedUrl));
  }

  /**
   * A test for requests to the endpoint of `url`: the same origin and path (compared decoded, so
   * `%21` and `!` are one) and every query parameter of `url`; with `exact`, no other parameter.
   */
  endpoint(url: string, exact = false): (request: Request) => boolean {
    const expected = new URL(this.resolve(url));
    const expectedParams = [...expected.searchParams];
    return (request) => {
      const actual = new URL(request.url());
      if (actual.origin !== expected.origin || decodedPath(actual) !== decodedPath(expected)) return false;
      if (!expectedParams.every(([name, value]) => actual.searchParams.getAll(name).includes(value))) return false;
      return !exact || [...actual.searchParams].length === expectedParams.length;
    };
  }

  toString(): string {
    return `${this.kind} backend at ${this.backendUrl}`;
  }
}

function both(a: (r: Request) => boolean, b: (r: Request) => boolean): (r: Request) => boolean {
  return (r) => a(r) && b(r);
}

function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

function hasParam(request: Request, name: string): boolean {
  return new URL(request.url()).searchParams.has(name);
}

/** The post id a WordPress comment is posted to (its JSON body's `post`). */
function postedTo(request: Request): number | undefined {
  try {
    return request.postDataJSON()?.post;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Finding the deployment under test.

const loaded = new WeakMap<APIRequestContext, Map<string, Promise<Deployment>>>();

/**
 * Where the app under test reads its configuration: `config.json` under `baseURL` (the app's
 * base, which may be a sub-path: https://example.com/news/config.json), or, when neither
 * `baseURL` nor BROADSHEET_BASE_URL is known, `/config.json` of the request context's own
 * baseURL (this repository's servers, which serve the app at the root).
 */
function configLocation(baseURL: string | undefined): string {
  const base = baseURL ?? process.env.BROADSHEET_BASE_URL;
  return base ? new URL('config.json', base.replace(/\/?$/, '/')).href : '/config.json';
}

/**
 * The deployment under test, from its `config.json` (fetched once per request context). Pass the
 * test's `request` fixture or the `page` (its `page.request`): either resolves against the
 * project's `baseURL`. Pass `baseURL` where a test points at another deployment than
 * BROADSHEET_BASE_URL and the app is not at the root of its origin.
 */
export function deploymentOf(from: APIRequestContext | Page, baseURL?: string): Promise<Deployment> {
  const request = typeof (from as Page).goto === 'function' ? (from as Page).request : (from as APIRequestContext);
  const location = configLocation(baseURL);
  let known = loaded.get(request);
  if (!known) loaded.set(request, (known = new Map()));
  let deployment = known.get(location);
  if (!deployment) {
    deployment = (async () => {
      const response = await request.get(location);
      if (!response.ok()) throw new Error(`${response.url()}: ${response.status()} (the kit reads the deployment's config.json)`);
      return new Deployment(await response.json(), response.url());
    })();
    known.set(location, deployment);
  }
  return deployment;
}

/**
 * Skips the tests of the calling file (or `describe`) unless the deployment under test is one of
 * `kinds`, has the default path templates (`defaultPaths`), or (`defaultNative`) is the native
 * contract at `/api/v1` with default paths, as the reference backend serves it. `why` says what
 * the tests need, in the skip's reason.
 */
export function requireBackend(options: { kinds?: BackendKind[]; defaultPaths?: boolean; defaultNative?: boolean }, why: string): void {
  test.beforeEach(async ({ request }) => {
    const deployment = await deploymentOf(request);
    const kinds = options.kinds ?? KINDS;
    test.skip(!kinds.includes(deployment.kind), `${why}: needs a ${kinds.join(' or ')} backend, this deployment has a ${deployment}`);
    test.skip(!!options.defaultPaths && !deployment.hasDefaultPaths, `${why}: needs the default path templates, this deployment's config.json sets backend.paths`);
    test.skip(!!options.defaultNative && !deployment.isDefaultNative, `${why}: needs the native contract at /api/v1 with default paths, this deployment has a ${deployment}`);
  });
}

/**
 * Skips the tests of the calling file (or `describe`) unless the deployment has every article in
 * `ids`: for specs written around the reference backend's demo articles.
 */
export function requireArticles(ids: string[], why = 'written around the reference backend’s demo articles'): void {
  test.beforeEach(async ({ request }) => {
    const deployment = await deploymentOf(request);
    let missing: string | undefined = deployment.kind === 'native' ? undefined : ids[0];
    for (const id of deployment.kind === 'native' ? ids : []) {
      const response = await request.get(deployment.resolve(deployment.native!.articleUrl(id)));
      if (!response.ok()) {
        missing = id;
        break;
      }
    }
    test.skip(missing !== undefined, `${why}: this deployment (${deployment}) has no article "${missing}"`);
  });
}
