#!/usr/bin/env node
// A small stand-in for a deployment of Broadsheet on another kind of backend, for the
// end-to-end journeys: it serves the release build (dist/) with a /config.json for that kind,
// and plays the backend itself from the fixtures in tests/e2e/fixtures/ (the same files the
// adapters' native tests decode):
//
//   --kind wordpress   a WordPress site's REST API under /wp-json/wp/v2, as the site
//                      https://riverside.example: posts with filters and paging, comments,
//                      categories, X-WP-Total / X-WP-TotalPages, and WordPress's CORS headers.
//   --kind json_feed   a JSON Feed at /feed.json (next page /feed-2.json), as https://ledger.example.
//
// The app is served at http://127.0.0.1:PORT and the backend is configured at
// http://localhost:PORT: another origin, so CORS applies exactly as it would in production.
//
//   node tests/e2e/fixture-backend.mjs --kind wordpress --port 8097 [--dist dist]

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fixtures = path.join(here, 'fixtures');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const kind = args.kind;
const port = Number(args.port ?? 8097);
const dist = path.resolve(root, args.dist ?? 'dist');
if (!['wordpress', 'json_feed'].includes(kind)) {
  console.error('usage: fixture-backend.mjs --kind wordpress|json_feed --port N [--dist dist]');
  process.exit(2);
}
/** Where the app's configuration says the backend is. */
const backendOrigin = `http://localhost:${port}`;

/** The post the fixture site accepts anonymous comments on (WordPress's default refuses them). */
const OPEN_TO_ANONYMOUS_COMMENTS = 229;

const configs = {
  wordpress: {
    site: { name: 'Riverside Ledger' },
    backend: { kind: 'wordpress', base_url: backendOrigin },
    sections: ['Town', 'Environment', 'Arts & Culture'],
  },
  json_feed: {
    site: { name: 'Harbour Notes' },
    backend: { kind: 'json_feed', base_url: `${backendOrigin}/feed.json` },
  },
};

/** A fixture file as text, with the site it stands for moved to this server. */
async function fixture(file, site) {
  const text = await readFile(path.join(fixtures, file), 'utf8');
  return text.split(site).join(backendOrigin);
}

const wordpressFixture = async (file) => JSON.parse(await fixture(`wordpress/${file}`, 'https://riverside.example'));

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
  res.end(text);
}

/** The CORS headers WordPress core sends (rest_send_cors_headers and the default allow lists). */
function wordpressCors(req) {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'OPTIONS, GET, POST, PUT, PATCH, DELETE',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Headers': 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type',
    'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages, Link',
    Vary: 'Origin',
  };
}

const wpError = (code, message, status) => ({ code, message, data: { status } });
const ids = (value) => (value ?? '').split(',').map((v) => Number(v)).filter((n) => Number.isInteger(n) && n > 0);

/** One page of a list with WordPress's paging headers, or its error past the last page. */
function paged(res, cors, list, query, invalidPageCode) {
  const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 10), 1), 100);
  const page = Math.max(Number(query.get('page') ?? 1), 1);
  const total = list.length;
  const pages = Math.ceil(total / perPage);
  if (page > 1 && page > pages) {
    return send(res, 400, wpError(invalidPageCode, 'The page number requested is larger than the number of pages available.', 400), cors);
  }
  const headers = { ...cors, 'X-WP-Total': String(total), 'X-WP-TotalPages': String(pages) };
  send(res, 200, list.slice((page - 1) * perPage, page * perPage), headers);
}

async function wordpress(req, res, url) {
  const cors = wordpressCors(req);
  if (req.method === 'OPTIONS') return send(res, 200, '', cors);
  const route = url.pathname.replace(/^\/wp-json\/wp\/v2/, '');
  const query = url.searchParams;

  if (req.method === 'GET' && route === '/posts') {
    let posts = await wordpressFixture('posts.json');
    const list = (post, key) => (Array.isArray(post[key]) ? post[key] : []);
    if (query.has('slug')) posts = posts.filter((p) => p.slug === query.get('slug'));
    const exclude = ids(query.get('exclude'));
    posts = posts.filter((p) => !exclude.includes(p.id));
    const categories = ids(query.get('categories'));
    const tags = ids(query.get('tags'));
    const inCategory = (p) => list(p, 'categories').some((c) => categories.includes(c));
    const tagged = (p) => list(p, 'tags').some((t) => tags.includes(t));
    if (categories.length && tags.length) {
      posts = posts.filter(query.get('tax_relation') === 'OR' ? (p) => inCategory(p) || tagged(p) : (p) => inCategory(p) && tagged(p));
    } else if (categories.length) {
      posts = posts.filter(inCategory);
    } else if (tags.length) {
      posts = posts.filter(tagged);
    }
    return paged(res, cors, posts, query, 'rest_post_invalid_page_number');
  }

  const single = route.match(/^\/posts\/(\d+)$/);
  if (req.method === 'GET' && single) {
    const post = (await wordpressFixture('posts.json')).find((p) => p.id === Number(single[1]));
    return post ? send(res, 200, post, cors) : send(res, 404, wpError('rest_post_invalid_id', 'Invalid post ID.', 404), cors);
  }

  if (req.method === 'GET' && route === '/comments') {
    const post = Number(query.get('post'));
    const order = query.get('order') === 'desc' ? -1 : 1;
    const comments = (await wordpressFixture('comments.json'))
      .filter((c) => c.post === post)
      .sort((a, b) => order * String(a.date_gmt).localeCompare(String(b.date_gmt)));
    return paged(res, cors, comments, query, 'rest_comment_invalid_page_number');
  }

  if (req.method === 'POST' && route === '/comments') {
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, wpError('rest_invalid_json', 'Invalid JSON body passed.', 400), cors);
    }
    const posts = await wordpressFixture('posts.json');
    if (!posts.some((p) => p.id === body.post)) {
      return send(res, 403, wpError('rest_comment_invalid_post_id', 'Sorry, you are not allowed to create this comment without a post.', 403), cors);
    }
    if (body.post !== OPEN_TO_ANONYMOUS_COMMENTS) {
      return send(res, 401, await wordpressFixture('error-comment-login-required.json'), cors);
    }
    const now = new Date();
    const gmt = now.toISOString().slice(0, 19);
    // Held for moderation, as anonymous comments usually are: never listed, so runs stay independent.
    const created = {
      id: 10000 + Math.floor(Math.random() * 90000),
      post: body.post,
      parent: body.parent ?? 0,
      author: 0,
      author_name: String(body.author_name ?? ''),
      author_url: '',
      date: gmt,
      date_gmt: gmt,
      content: { rendered: `<p>${escapeHtml(String(body.content ?? ''))}</p>\n` },
      link: `${backendOrigin}/?p=${body.post}#comment`,
      status: 'hold',
      type: 'comment',
      author_avatar_urls: {},
      meta: [],
    };
    return send(res, 201, created, cors);
  }

  if (req.method === 'GET' && route === '/categories') {
    const search = (query.get('search') ?? '').toLowerCase();
    const fields = query.get('_fields')?.split(',');
    const decoded = (name) => name.replace(/&amp;/g, '&');
    let categories = (await wordpressFixture('categories.json')).filter(
      (c) => decoded(c.name).toLowerCase().includes(search) || c.slug.includes(search),
    );
    if (fields) categories = categories.map((c) => Object.fromEntries(fields.map((f) => [f, c[f]])));
    return paged(res, cors, categories, query, 'rest_invalid_page_number');
  }

  send(res, 404, wpError('rest_no_route', 'No route was found matching the URL and request method.', 404), cors);
}

async function jsonFeed(req, res, url) {
  const file = { '/feed.json': 'feed.json', '/feed-2.json': 'feed-2.json' }[url.pathname];
  const cors = { 'Access-Control-Allow-Origin': '*' };
  if (!file) return send(res, 404, 'Not found', { ...cors, 'Content-Type': 'text/plain' });
  const text = await fixture(`json-feed/${file}`, 'https://ledger.example');
  send(res, 200, text, { ...cors, 'Content-Type': 'application/feed+json; charset=utf-8' });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

async function serveFile(res, file, headers = {}) {
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
    res.end(body);
    return true;
  } catch {
    return false;
  }
}

/** The built app, with index.html for every route that is not a file (the SPA's own routes). */
async function app(res, url) {
  if (url.pathname === '/config.json') return send(res, 200, configs[kind], { 'Cache-Control': 'no-store' });
  const relative = path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = path.join(dist, relative);
  if (file.startsWith(dist) && path.extname(file) && (await serveFile(res, file))) return;
  if (path.extname(url.pathname)) return send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
  if (!(await serveFile(res, path.join(dist, 'index.html')))) {
    send(res, 500, `No build in ${dist}: run the release build first.`, { 'Content-Type': 'text/plain' });
  }
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => {
      data += chunk;
      if (data.length > 100_000) req.destroy();
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function handle(req, res) {
  const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
  const media = url.pathname.match(/^\/(?:wp-content\/uploads\/\d{4}\/\d{2}|media)\/([\w.-]+\.svg)$/);
  if (media) {
    const served = await serveFile(res, path.join(fixtures, 'media', media[1]), { 'Access-Control-Allow-Origin': '*' });
    return served || send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
  }
  if (kind === 'wordpress' && url.pathname.startsWith('/wp-json/')) return wordpress(req, res, url);
  if (kind === 'json_feed' && /^\/feed(-\d+)?\.json$/.test(url.pathname)) return jsonFeed(req, res, url);
  return app(res, url);
}

const server = (host) =>
  createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, String(error), { 'Content-Type': 'text/plain' }));
  }).listen(port, host);

// "localhost" may resolve to either loopback address; the app itself is at 127.0.0.1.
server('127.0.0.1').on('listening', () => console.log(`${kind} fixture site: http://127.0.0.1:${port} (backend at ${backendOrigin})`));
server('::1').on('error', () => {});
