// Reads the deployment's own data, through the same URLs the app requests (deployment.ts), so
// specs assert what the reader should see instead of hard-coding demo content. Every kind of
// backend is read into the native contract's shapes:
//
//   native     as it is (the contract, contract/).
//   wordpress  posts as articles: id = slug (or the numeric id), title and summary as text, the
//              first category as section, comment_status as comments.enabled, the content as one
//              `html` block; comments with their text; related posts as the app asks for them.
//   json_feed  items as articles (comments closed); related items ranked as the app ranks them.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { deploymentOf, LIMITS, type Deployment, type Sort } from './deployment';

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; level: number; text: string }
  | { type: 'quote'; text: string; cite?: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'image'; url: string; alt?: string }
  | { type: 'html'; html: string };

export type Article = {
  id: string;
  title: string;
  summary?: string;
  url?: string;
  language?: string;
  section?: string;
  tags?: string[];
  published_at: string;
  updated_at?: string;
  source?: { name: string; url?: string };
  authors?: { name: string }[];
  image?: { url: string; alt?: string; width?: number; height?: number; caption?: string };
  comments?: { enabled: boolean; count?: number };
  body: Block[];
};

export type Summary = { id: string; title: string };

export type Comment = { id: string; parent_id?: string | null; author: { name: string }; body: string; created_at?: string };

export type CommentsPage = { items: Comment[]; next_cursor?: string | null; total?: number };

/**
 * The reference backend's native API on the app's origin. Only right for a deployment configured
 * that way: read URLs from `deploymentOf(request)` instead (a `Deployment` knows any backend).
 * @deprecated
 */
export const API = '/api/v1';

/** GETs a JSON document from the deployment's backend (`url` as the app builds it). */
async function getJson(request: APIRequestContext, deployment: Deployment, url: string): Promise<{ body: any; headers: Record<string, string> }> {
  const response = await request.get(deployment.resolve(url), { headers: { Accept: 'application/json' } });
  expect(response.ok(), `${response.url()} answers ${response.status()}`).toBeTruthy();
  return { body: await response.json(), headers: response.headers() };
}

/** The ids of the newest articles, newest first: up to 100 (native), or every post or item the
 *  app could page to (WordPress, JSON Feed). */
export async function feedIds(request: APIRequestContext, deployment?: Deployment): Promise<string[]> {
  return (await feed(request, undefined, deployment)).map((item) => item.id);
}

/** The front page's articles (of one `section`), newest first, as {id, title}. */
export async function feed(request: APIRequestContext, section?: string, deployment?: Deployment): Promise<Summary[]> {
  const d = deployment ?? (await deploymentOf(request));
  if (d.native) {
    return (await getJson(request, d, d.native.feedUrl(null, section, 100))).body.items.map(summary);
  }
  if (d.wordpress) {
    let category: number | undefined;
    if (section !== undefined) {
      const categories: { id: number; name: string }[] = (await getJson(request, d, d.wordpress.categoriesUrl())).body;
      category = categories.find((c) => htmlText(c.name).toLowerCase() === section.trim().toLowerCase())?.id;
      if (category === undefined) return [];
    }
    const items: Summary[] = [];
    for (let page = 1; page <= 10; page++) {
      const response = await request.get(d.resolve(d.wordpress.postsUrl(page, category)));
      if (response.status() === 400 && page > 1) break; // past the last page
      expect(response.ok(), `${response.url()} answers ${response.status()}`).toBeTruthy();
      const posts: any[] = await response.json();
      items.push(...posts.map(wordpressArticle).filter(isArticle).map(summary));
      const pages = Number(response.headers()['x-wp-totalpages']);
      if (posts.length < 10 || (pages && page >= pages)) break;
    }
    return items;
  }
  const items = (await jsonFeedPages(request, d)).flatMap((page) => page.items);
  const chosen = section === undefined ? items : items.filter((item) => item.tags?.some((tag) => tag.trim().toLowerCase() === section.trim().toLowerCase()));
  return chosen.map(summary);
}

/** One article with its full body. */
export async function article(request: APIRequestContext, id: string, deployment?: Deployment): Promise<Article> {
  const d = deployment ?? (await deploymentOf(request));
  if (d.native) return (await getJson(request, d, d.native.articleUrl(id))).body;
  if (d.wordpress) {
    const { body } = await getJson(request, d, d.wordpress.articleUrl(id));
    const found = wordpressArticle(Array.isArray(body) ? body[0] : body);
    if (!found) throw new Error(`no WordPress post ${id}`);
    return { ...found, id };
  }
  for (const page of await jsonFeedPages(request, d)) {
    const found = page.items.find((item) => item.id === id);
    if (found) return found;
  }
  throw new Error(`no item ${id} in the feed`);
}

/**
 * The first article (newest first, or oldest first) that matches, with its full body. Specs
 * that post comments look from the oldest, away from the articles other specs count on.
 */
export async function findArticle(
  request: APIRequestContext,
  matches: (article: Article) => boolean = () => true,
  from: 'newest' | 'oldest' = 'newest',
  deployment?: Deployment,
): Promise<Article> {
  const ids = await feedIds(request, deployment);
  for (const id of from === 'newest' ? ids : ids.reverse()) {
    const candidate = await article(request, id, deployment);
    if (matches(candidate)) return candidate;
  }
  // On a deployment of yours, content the spec needs may simply not be there: skip, and say so.
  // This repository's own run has it all, and fails instead.
  test.skip(!!process.env.BROADSHEET_BASE_URL, `no article of this deployment matches what the test needs: ${matches.toString().replace(/\s+/g, ' ')}`);
  throw new Error('no article in the feed matches');
}

/** The first paragraph's text: of a `paragraph` block, or the first `<p>` of an `html` block. */
export function firstParagraph(article: Article): string {
  for (const block of article.body) {
    if (block.type === 'paragraph') return block.text;
    if (block.type === 'html') {
      const p = /<p[\s>][\s\S]*?<\/p>/i.exec(block.html);
      if (p && htmlText(p[0])) return htmlText(p[0]);
    }
  }
  throw new Error(`article ${article.id} has no paragraph`);
}

/** The related articles the app asks the backend for (as many as it shows), as {id, title}. */
export async function relatedTo(request: APIRequestContext, id: string, deployment?: Deployment): Promise<Summary[]> {
  const d = deployment ?? (await deploymentOf(request));
  let items: Summary[];
  if (d.native) {
    items = (await getJson(request, d, d.native.relatedUrl(id))).body.items.map(summary);
  } else if (d.wordpress) {
    const url = d.wordpress.relatedUrl(await d.wordpressPost(request, id));
    items = url ? (await getJson(request, d, url)).body.map(wordpressArticle).filter(isArticle).map(summary) : [];
  } else {
    items = await jsonFeedRelated(request, d, id);
  }
  // As the app keeps them (related_stories): each story once, never the article itself.
  const seen = new Set<string>([id]);
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id)).slice(0, LIMITS.related);
}

/** Every comment the backend lists for an article (none for a JSON Feed). */
export async function comments(request: APIRequestContext, articleId: string, deployment?: Deployment): Promise<Comment[]> {
  const d = deployment ?? (await deploymentOf(request));
  const all: Comment[] = [];
  if (d.native) {
    let cursor: string | null | undefined;
    do {
      const page: CommentsPage = (await getJson(request, d, d.native.commentsUrl(articleId, 'oldest', cursor, 100))).body;
      all.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
  } else if (d.wordpress) {
    const { id } = await d.wordpressPost(request, articleId);
    for (let page = 1; page <= 50; page++) {
      const { body, headers } = await getJson(request, d, d.wordpress.commentsUrl(id, 'oldest', page));
      all.push(...body.map(wordpressComment));
      if (body.length < LIMITS.wordpressCommentsPage || page >= Number(headers['x-wp-totalpages'] ?? page)) break;
    }
  }
  return all;
}

/** The first page of comments the app asks for, in `sort` order (native: 5 top-level threads). */
export async function firstCommentsPage(request: APIRequestContext, articleId: string, sort: Sort, deployment?: Deployment): Promise<CommentsPage> {
  const d = deployment ?? (await deploymentOf(request));
  if (d.native) return (await getJson(request, d, d.native.commentsUrl(articleId, sort))).body;
  if (d.wordpress) {
    const { id } = await d.wordpressPost(request, articleId);
    const { body, headers } = await getJson(request, d, d.wordpress.commentsUrl(id, sort, 1));
    const pages = Number(headers['x-wp-totalpages'] ?? 1);
    return { items: body.map(wordpressComment), next_cursor: pages > 1 ? '2' : null, total: Number(headers['x-wp-total'] ?? body.length) };
  }
  return { items: [], next_cursor: null, total: 0 };
}

// ---------------------------------------------------------------------------------------------
// Other kinds, read into the contract's shapes.

function summary(item: { id: string; title: string }): Summary {
  return { id: item.id, title: item.title };
}

function isArticle(article: Article | undefined): article is Article {
  return article !== undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”' };

/** HTML as the plain text a reader sees: tags dropped, entities decoded, spaces collapsed. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** A WordPress post (with `_embed`) as an article; `undefined` where the app would skip it. */
function wordpressArticle(post: any): Article | undefined {
  if (!post || typeof post.id !== 'number') return undefined;
  const title = htmlText(post.title?.rendered ?? '');
  const date = post.date_gmt ?? post.date;
  if (!title || typeof date !== 'string') return undefined;
  const terms: any[] = (post._embedded?.['wp:term'] ?? []).flat();
  const names = (taxonomy: string) =>
    terms.filter((t) => t?.taxonomy === taxonomy && t?.slug !== 'uncategorized').map((t) => htmlText(String(t.name ?? ''))).filter(Boolean);
  const summary = post.excerpt?.protected ? '' : htmlText(post.excerpt?.rendered ?? '');
  return {
    id: typeof post.slug === 'string' && post.slug.trim() ? post.slug.trim() : String(post.id),
    title,
    summary: summary || undefined,
    url: post.link,
    published_at: /[zZ]|[+-]\d\d:\d\d$/.test(date) ? date : `${date}Z`,
    section: names('category')[0],
    tags: names('post_tag'),
    authors: (post._embedded?.author ?? []).filter((a: any) => a?.name).map((a: any) => ({ name: htmlText(a.name) })),
    image: wordpressImage(post._embedded?.['wp:featuredmedia']?.[0]),
    comments: post.comment_status === 'open' ? { enabled: true } : post.comment_status === 'closed' ? { enabled: false } : undefined,
    body: post.content?.rendered?.trim() ? [{ type: 'html', html: post.content.rendered }] : [],
  };
}

/** A post's featured image (an embedded media object; an error object has no source_url). */
function wordpressImage(media: any): Article['image'] {
  if (typeof media?.source_url !== 'string') return undefined;
  const alt = typeof media.alt_text === 'string' && media.alt_text.trim() ? media.alt_text.trim() : undefined;
  return { url: media.source_url, alt, width: media.media_details?.width, height: media.media_details?.height };
}

function wordpressComment(comment: any): Comment {
  return {
    id: String(comment.id),
    parent_id: comment.parent ? String(comment.parent) : null,
    author: { name: htmlText(comment.author_name ?? '') || 'Anonymous' },
    body: htmlText(comment.content?.rendered ?? ''),
    created_at: comment.date_gmt,
  };
}

type FeedPage = { url: string; items: Article[] };

/** A JSON Feed's pages as the app reads them: from the first, following `next_url`, at most 5. */
async function jsonFeedPages(request: APIRequestContext, d: Deployment): Promise<FeedPage[]> {
  const pages: FeedPage[] = [];
  let url: string | undefined = d.resolve(d.jsonFeed!.feedUrl);
  while (url && pages.length < 5 && !pages.some((page) => page.url === url)) {
    const { body } = await getJson(request, d, url);
    const items = (Array.isArray(body.items) ? body.items : []).map(jsonFeedItem).filter(isArticle);
    pages.push({ url, items });
    url = typeof body.next_url === 'string' ? new URL(body.next_url, url).href : undefined;
  }
  return pages;
}

function jsonFeedItem(item: any): Article | undefined {
  const id = typeof item?.id === 'number' ? String(item.id) : typeof item?.id === 'string' ? item.id.trim() : '';
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const date = text(item?.date_published) ?? text(item?.date_modified);
  const source = text(item?.summary) ?? text(item?.content_text) ?? (text(item?.content_html) && htmlText(item.content_html));
  const title = text(item?.title) ?? (source ? madeTitle(source) : undefined);
  if (!id || !title || !date || Number.isNaN(Date.parse(date))) return undefined;
  const html = text(item.content_html);
  const paragraphs = (text(item.content_text) ?? '').split('\n\n').map((p) => p.trim()).filter(Boolean);
  return {
    id,
    title,
    summary: text(item.summary),
    published_at: date,
    tags: Array.isArray(item.tags) ? item.tags.filter((t: unknown) => typeof t === 'string' && t.trim()).map((t: string) => t.trim()) : [],
    comments: { enabled: false },
    body: html ? [{ type: 'html', html }] : paragraphs.map((p) => ({ type: 'paragraph', text: p })),
  };
}

/** An untitled item's title as the app makes it (json_feed::made_title): its first line, cut to
 *  whole words within 80 characters. */
function madeTitle(text: string): string {
  const line = text.trim().split('\n')[0];
  let title = '';
  for (const word of line.split(/\s+/).filter(Boolean)) {
    if ([...title].length + [...word].length >= 80) {
      if (!title) title = [...word].slice(0, 79).join('');
      return `${title}…`;
    }
    title = title ? `${title} ${word}` : word;
  }
  return title;
}

/** Related items as the app finds them after a deep link: among the pages read up to the one
 *  with the article, those sharing the most tags, then the newest (json_feed::related). */
async function jsonFeedRelated(request: APIRequestContext, d: Deployment, id: string): Promise<Summary[]> {
  const known: Article[] = [];
  let article: Article | undefined;
  for (const page of await jsonFeedPages(request, d)) {
    for (const item of page.items) {
      const at = known.findIndex((k) => k.id === item.id);
      if (at >= 0) known[at] = item;
      else known.push(item);
    }
    article = known.find((item) => item.id === id);
    if (article) break;
  }
  if (!article) throw new Error(`no item ${id} in the feed`);
  const tags = new Set((article.tags ?? []).map((t) => t.toLowerCase()));
  let ranked = known
    .filter((c) => c.id !== id)
    .map((c) => ({ shared: (c.tags ?? []).filter((t) => tags.has(t.toLowerCase())).length, time: Date.parse(c.published_at), c }));
  if (ranked.some((r) => r.shared > 0)) ranked = ranked.filter((r) => r.shared > 0);
  ranked.sort((a, b) => b.shared - a.shared || b.time - a.time);
  return ranked.slice(0, LIMITS.related).map((r) => summary(r.c));
}
