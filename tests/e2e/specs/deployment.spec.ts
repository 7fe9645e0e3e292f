// The kit follows the deployment's own config.json: its URL builder (kit/deployment.ts) builds the
// very URLs the app requests for each kind of backend, base URL and path templates, and fault
// injection (kit/faults.ts) hits those requests. Checked against the app's own unit tests
// (src/api/native.rs, paths.rs, wordpress/tests.rs), then in the browser: a native backend on
// another origin with path templates, the WordPress fixture site and the JSON Feed fixture site
// (tests/e2e/fixture-backend.mjs, both with their backend on another origin).
import { expect, test, type Page, type Route } from '@playwright/test';
import { article as readArticle, feed, feedIds, findArticle, relatedTo } from '../kit/api';
import { allComments, CommentsSection } from '../kit/comments';
import {
  Deployment,
  deploymentOf,
  NativeUrls,
  pushQuery,
  wordpressApiRoot,
  WordPressUrls,
  type DeploymentConfig,
} from '../kit/deployment';
import { faults, injectFault, type Target } from '../kit/faults';
import { ArticlePage, expectSettled, FrontPage } from '../kit/pages';
import { fixtureBackend, fixtureSite, fixtureSitesRun } from '../kit/sites';

const EMBED = '_embed=author%2Cwp%3Afeaturedmedia%2Cwp%3Aterm';
const failure = faults['server error (500)'];

test.describe('the URL builder mirrors the app', () => {
  test('native: base URL, encoded ids, queries and path templates (src/api/native.rs)', () => {
    const api = new NativeUrls('https://api.example/v1/');
    expect(api.feedUrl()).toBe('https://api.example/v1/articles?limit=10');
    expect(api.feedUrl('a&b', 'City')).toBe('https://api.example/v1/articles?limit=10&cursor=a%26b&section=City');
    expect(api.relatedUrl('x')).toBe('https://api.example/v1/articles/x/related?limit=6');
    expect(api.articleUrl('a/b')).toBe('https://api.example/v1/articles/a%2Fb');
    const local = new NativeUrls('/api/v1/');
    expect(local.commentsUrl('a/b?', 'newest')).toBe('/api/v1/articles/a%2Fb%3F/comments?sort=newest&limit=5');
    expect(local.commentsUrl('x', 'oldest', 'o5&limit=100')).toBe('/api/v1/articles/x/comments?sort=oldest&limit=5&cursor=o5%26limit%3D100');
    expect(local.postCommentUrl('é')).toBe('/api/v1/articles/%C3%A9/comments');
    expect(local.articleUrl("it's (new)!")).toBe('/api/v1/articles/it%27s%20%28new%29%21');

    const deployment = new Deployment(
      {
        backend: {
          kind: 'native',
          base_url: ' https://cms.example ',
          paths: { feed: '/stories.json?lang=en', article: ' /stories/{id}.json', related: '/stories/{id}/see-also', comments: '/discussion?story={id}' },
        },
      },
      'https://reader.example/config.json',
    );
    const custom = deployment.native!;
    expect(custom.feedUrl()).toBe('https://cms.example/stories.json?lang=en&limit=10');
    expect(custom.articleUrl('a b')).toBe('https://cms.example/stories/a%20b.json');
    expect(custom.relatedUrl('x')).toBe('https://cms.example/stories/x/see-also?limit=6');
    expect(custom.commentsUrl('x', 'oldest', 'c2')).toBe('https://cms.example/discussion?story=x&sort=oldest&limit=5&cursor=c2');
    expect(custom.postCommentUrl('x')).toBe('https://cms.example/discussion?story=x');
    expect(pushQuery('https://wp.example/?rest_route=/wp/v2/posts', 'page', '2')).toBe('https://wp.example/?rest_route=/wp/v2/posts&page=2');
  });

  test('wordpress: the API root, posts by id or slug, related, comments (src/api/wordpress.rs)', () => {
    for (const [base, root] of [
      ['https://blog.example', 'https://blog.example/wp-json/wp/v2'],
      ['https://blog.example/news/', 'https://blog.example/news/wp-json/wp/v2'],
      ['https://blog.example/wp-json/wp/v2/', 'https://blog.example/wp-json/wp/v2'],
      ['https://blog.example/wp-json', 'https://blog.example/wp-json/wp/v2'],
      ['https://blog.example/?rest_route=/wp/v2', 'https://blog.example/?rest_route=/wp/v2'],
      ['/wp-json/wp/v2', '/wp-json/wp/v2'],
    ]) {
      expect(wordpressApiRoot(base), base).toBe(root);
    }
    const root = 'https://riverside.example/wp-json/wp/v2';
    const api = new WordPressUrls(root);
    expect(api.postsUrl(2)).toBe(`${root}/posts?${EMBED}&per_page=10&page=2`);
    expect(api.postsUrl(1, 5)).toBe(`${root}/posts?${EMBED}&per_page=10&page=1&categories=5`);
    expect(api.articleUrl('231')).toBe(`${root}/posts/231?${EMBED}`);
    expect(api.articleUrl('a b/c')).toBe(`${root}/posts?slug=a%20b%2Fc&${EMBED}`);
    const post = { id: 231, categories: [3], tags: [7, 8] };
    expect(api.relatedUrl(post)).toBe(`${root}/posts?${EMBED}&per_page=6&exclude=231&categories=3&tags=7%2C8&tax_relation=OR`);
    expect(api.relatedUrl({ ...post, categories: [] })).toMatch(/&tags=7%2C8$/);
    expect(api.relatedUrl({ id: 1, categories: [], tags: [] })).toBeUndefined();
    expect(api.commentsUrl(231, 'newest', 2)).toBe(`${root}/comments?post=231&per_page=100&page=2&order=desc`);
    expect(api.postCommentUrl()).toBe(`${root}/comments`);
    expect(api.categoriesUrl()).toBe(`${root}/categories?per_page=100&orderby=count&order=desc&_fields=id%2Cname%2Cslug`);
    const plain = new Deployment({ backend: { kind: 'wordpress', base_url: 'https://riverside.example/?rest_route=/wp/v2' } }, 'https://r.example/config.json');
    expect(plain.wordpress!.articleUrl('231')).toBe(`https://riverside.example/?rest_route=/wp/v2/posts/231&${EMBED}`);
    const custom = new Deployment({ backend: { kind: 'wordpress', base_url: 'https://riverside.example', paths: { post: '/news/{id}', posts: '/news' } } }, 'https://r.example/config.json');
    expect(custom.wordpress!.articleUrl('9')).toBe(`${root}/news/9?${EMBED}`);
    expect(custom.wordpress!.postsUrl()).toMatch(new RegExp(`^${root}/news\\?`));
  });

  test('json_feed: the feed URL exactly as configured; same-origin paths resolve against the site', () => {
    const feedSite = new Deployment({ backend: { kind: 'json_feed', base_url: ' https://blog.example/feed/ ' } }, 'https://r.example/config.json');
    expect(feedSite.jsonFeed!.feedUrl).toBe('https://blog.example/feed/');
    expect(feedSite.makes('article') && !feedSite.makes('comments') && !feedSite.makes('related')).toBe(true);
    const native = new Deployment({ backend: { kind: 'native', base_url: '/api/v1/' } }, 'https://r.example/config.json');
    expect(native.resolve(native.native!.articleUrl('x'))).toBe('https://r.example/api/v1/articles/x');
    expect(native.isDefaultNative).toBe(true);
  });
});

/** What the page requested, by URL, for comparing with the URLs the kit builds. */
function requestLog(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => void urls.push(request.url()));
  return urls;
}

test.describe('a native backend on another origin, with path templates', () => {
  // The app's Content-Security-Policy (made from the served config.json) allows only its own
  // origin: this configuration is the test's, and so is the backend, played below.
  test.use({ bypassCSP: true });
  const API_ORIGIN = 'http://api.broadsheet.test';
  const paths = { feed: '/stories.json?lang=en', article: '/stories/{id}.json', related: '/stories/{id}/see-also', comments: '/discussion?story={id}' };

  /** Answers the test's backend from the reference backend: its templates mapped back to /api/v1. */
  async function playBackend(page: Page, origin: string): Promise<void> {
    await page.route(`${API_ORIGIN}/**`, async (route: Route) => {
      const url = new URL(route.request().url());
      const query = new URLSearchParams(url.search);
      let path: string | undefined;
      let match: RegExpExecArray | null;
      if (url.pathname === '/v1/stories.json') path = '/api/v1/articles';
      else if ((match = /^\/v1\/stories\/([^/]+)\.json$/.exec(url.pathname))) path = `/api/v1/articles/${match[1]}`;
      else if ((match = /^\/v1\/stories\/([^/]+)\/see-also$/.exec(url.pathname))) path = `/api/v1/articles/${match[1]}/related`;
      else if (url.pathname === '/v1/discussion' && query.has('story')) path = `/api/v1/articles/${encodeURIComponent(query.get('story')!)}/comments`;
      if (!path) return route.fulfill({ status: 404, json: { error: { code: 'not_found', message: 'no such route' } } });
      for (const name of ['lang', 'story']) query.delete(name);
      const response = await route.fetch({ url: `${origin}${path}${query.size ? `?${query}` : ''}` });
      await route.fulfill({ status: response.status(), contentType: response.headers()['content-type'], body: await response.body(), headers: { 'access-control-allow-origin': '*' } });
    });
  }

  test('the kit reads the templates from config.json, and faults hit the article, related and comments requests', async ({ page, request, baseURL }) => {
    const real = await deploymentOf(request);
    test.skip(!real.isDefaultNative, `plays its backend from the reference backend's /api/v1; this deployment has a ${real}`);
    const story = await findArticle(request, (a) => a.comments?.enabled !== false);
    const config: DeploymentConfig = { ...real.config, backend: { kind: 'native', base_url: `${API_ORIGIN}/v1/`, paths } };
    await page.route('**/config.json', (route) => route.fulfill({ json: config }));
    await playBackend(page, real.origin);
    const deployment = new Deployment(config, new URL('/config.json', baseURL).href);
    const urls = deployment.native!;
    expect(deployment.isDefaultNative).toBe(false);
    const id = encodeURIComponent(story.id);
    expect(deployment.resolve(urls.articleUrl(story.id))).toBe(`${API_ORIGIN}/v1/stories/${id}.json`);
    const seen = requestLog(page);

    const reader = new ArticlePage(page);
    const comments = new CommentsSection(page);
    const crashes = reader.watchForCrashes();
    const cases: Target[] = ['article', 'related', 'comments'];
    for (const target of cases) {
      const lift = await injectFault(page, target, story.id, failure, deployment);
      await reader.open(story.id);
      const shows = { article: reader.state, related: reader.related.alert, comments: comments.loadAlert }[target];
      await expect(shows).toContainText(failure.message);
      await lift();
    }
    // The requests were the configuration's, exactly as the kit builds them.
    expect(seen).toContain(`${API_ORIGIN}/v1/stories/${id}.json`);
    expect(seen).toContain(deployment.requestedUrl(urls.relatedUrl(story.id)));
    expect(seen).toContain(deployment.requestedUrl(urls.commentsUrl(story.id)));
    // (gloo-net ends every URL that has a query with "&": see `requestedUrl`.)
    expect(seen).toContain(`${API_ORIGIN}/v1/discussion?story=${id}&sort=oldest&limit=5&`);

    // Lifted, everything is there again.
    await reader.open(story.id);
    await reader.expectHeadline(story.title);
    await expectSettled(reader.related.section, 'ready');
    await comments.expectLoaded();
    expect(crashes).toEqual([]);
  });
});

test.describe('the WordPress fixture site', () => {
  test.skip(!fixtureSitesRun, 'the fixture sites run on this machine only');
  test.use({ baseURL: fixtureSite('wordpress') });

  test('the kit reads the site through its REST API, as the app does', async ({ request }) => {
    const deployment = await deploymentOf(request);
    expect(deployment.kind).toBe('wordpress');
    expect(deployment.wordpress!.apiRoot).toBe(`${fixtureBackend('wordpress')}/wp-json/wp/v2`);
    const ids = await feedIds(request);
    expect(ids[0]).toBe('night-ferry-returns');
    expect(ids).toHaveLength(12);
    const ferry = await readArticle(request, 'night-ferry-returns');
    expect(ferry).toMatchObject({ title: 'Riverside’s night ferry returns – with a “quiet carriage”', section: 'Town', comments: { enabled: true } });
    expect((await readArticle(request, '231')).title).toBe(ferry.title);
    expect((await relatedTo(request, 'night-ferry-returns')).map((r) => r.title)).toEqual([
      'Library trial: late opening on Thursdays & Fridays',
      'Volunteers pull 300 kg of litter from the river banks',
      'Budget consultation opens: have your say on next year’s spending',
      'Towpath cycle route gets lights – and a 10 mph limit',
      'Market hall roof repairs start in January',
      'Harbour webcam is back online',
    ]);
    expect((await allComments(request, 'night-ferry-returns')).length).toBeGreaterThan(0);
    expect((await feed(request, 'Arts & Culture')).length).toBeGreaterThan(0);
  });

  for (const target of ['article', 'related', 'comments'] as Target[]) {
    test(`a fault in the ${target} request reaches the reader, and Retry recovers`, async ({ page, request }) => {
      const deployment = await deploymentOf(request);
      const id = 'night-ferry-returns';
      const api = deployment.wordpress!;
      const expected = {
        article: deployment.requestedUrl(api.articleUrl(id)),
        related: deployment.requestedUrl(api.relatedUrl(await deployment.wordpressPost(request, id))!),
        comments: deployment.requestedUrl(api.commentsUrl(231)),
      }[target];
      // As the app spells them (src/api/wordpress/tests.rs), on the fixture's backend origin.
      expect(expected).toBe(
        `${fixtureBackend('wordpress')}/wp-json/wp/v2/${
          {
            article: `posts?slug=night-ferry-returns&${EMBED}`,
            related: `posts?${EMBED}&per_page=6&exclude=231&categories=3&tags=7%2C8&tax_relation=OR`,
            comments: 'comments?post=231&per_page=100&page=1&order=asc',
          }[target]
        }&`,
      );
      const asked = page.waitForRequest((r) => r.url() === expected);
      const lift = await injectFault(page, target, id, failure);
      const reader = new ArticlePage(page);
      const comments = new CommentsSection(page);
      const crashes = reader.watchForCrashes();
      await reader.open(id);
      await asked;
      const title = 'Riverside’s night ferry returns – with a “quiet carriage”';
      if (target === 'article') {
        await expect(reader.state).toHaveAttribute('data-state', 'error');
        await expect(reader.state).toContainText(failure.message);
        await lift();
        await reader.retryArticle();
        await reader.expectHeadline(title);
      } else if (target === 'related') {
        await expect(reader.related.alert).toContainText(failure.message);
        await reader.expectHeadline(title);
        await lift();
        await reader.related.retry();
        await expectSettled(reader.related.section, 'ready');
      } else {
        await expect(comments.loadAlert).toContainText(failure.message);
        await reader.expectHeadline(title);
        await expectSettled(reader.related.section, 'ready');
        await lift();
        await comments.retryLoad();
        await comments.expectLoaded();
      }
      expect(crashes).toEqual([]);
    });
  }
});

test.describe('the JSON Feed fixture site', () => {
  test.skip(!fixtureSitesRun, 'the fixture sites run on this machine only');
  test.use({ baseURL: fixtureSite('json_feed') });

  test('the kit reads the feed; faults hit the feed, for the front page and an article', async ({ page, request }) => {
    const deployment = await deploymentOf(request);
    expect(deployment.kind).toBe('json_feed');
    const feedUrl = `${fixtureBackend('json_feed')}/feed.json`;
    expect(deployment.resolve(deployment.jsonFeed!.feedUrl)).toBe(feedUrl);
    const ids = await feedIds(request);
    expect(ids.length).toBeGreaterThan(5); // both pages, through next_url
    const item = await readArticle(request, ids[0]);
    expect(item.comments).toEqual({ enabled: false });
    await expect(injectFault(page, 'comments', item.id, failure)).rejects.toThrow(/makes no "comments" request/);

    const front = new FrontPage(page);
    const crashes = front.watchForCrashes();
    let lift = await injectFault(page, 'feed', '', failure);
    const asked = page.waitForRequest((r) => r.url() === feedUrl);
    await front.open();
    await asked;
    await expectSettled(front.feed, 'error');
    await expect(front.feed).toContainText(failure.message);
    await lift();

    lift = await injectFault(page, 'article', item.id, failure);
    const reader = new ArticlePage(page);
    await reader.open(item.id);
    await expect(reader.state).toHaveAttribute('data-state', 'error');
    await expect(reader.state).toContainText(failure.message);
    await lift();
    await reader.retryArticle();
    await reader.expectHeadline(item.title);
    expect(crashes).toEqual([]);
  });
});
