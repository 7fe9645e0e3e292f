#!/usr/bin/env node
// Writes into a build (dist/) what a static host or CDN needs to serve the app without the
// reference backend (docs/static-hosting.md):
//   _headers, _redirects   Netlify and Cloudflare Pages
//   nginx.conf             an nginx include for the deployer's `server { root ...; }` block
//   Caddyfile              a Caddy site (address and root from the environment)
// Each sends what the backend sends: the app's routes (/, /articles/*, /embed/*; with nginx and
// Caddy any other path that is not a file too) served by index.html, the Content-Security-Policy
// of backend/src/policy.rs (the hashes of index.html's inline scripts and stylesheet, connect-src
// with the origin of config.json's backend.base_url, frame-ancestors with embed.allowed_origins
// on /embed/ pages),
// and the cache headers of backend/src/static_files.rs (hashed files immutable, everything else
// revalidated); plus nosniff, a Referrer-Policy and X-Frame-Options on the non-embed pages.
//
// All of it under the build's public URL (index.html's <template id="public-url">, read as
// public/early.js reads it): for an app at /news/, every path, rewrite and location above is under
// /news/, and the host's folder for the site holds the build as its news/ folder.
//
// The policy is the backend's: this mirrors backend/src/policy.rs and model/src/origin.rs line by
// line, and tests/e2e/specs/static-host.spec.ts checks that both give the same header for the
// same build. Run by `build_release` (scripts/setup.sh); re-run it after editing dist/config.json:
//   node scripts/static-host.mjs dist
//   node scripts/static-host.mjs dist --print-csp   (prints the two policies, as the backend's
//                                                    --print-csp does, and writes nothing)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the app's embed pages live (the app's `embed::PATH_PREFIX`, policy.rs's EMBED_PREFIX). */
export const EMBED_PREFIX = '/embed/';
/** static_files.rs: for hashed files, and for everything else. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
/** Not in the backend's answers (it sends neither): what a static host adds for every file. */
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';
/** The files this script writes: a static server must not hand them out as part of the site. */
export const GENERATED = ['_headers', '_redirects', 'nginx.conf', 'Caddyfile'];
/** Where broadsheet-prerender writes article pages (prerender/src/lib.rs: ARTICLES_FOLDER). */
const ARTICLES = 'articles';

/**
 * The ids of the article pages broadsheet-prerender wrote into the build (articles/<id>.html),
 * which the host serves for /articles/<id>.
 */
export function prerenderedIds(dist) {
  const folder = path.join(dist, ARTICLES);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.html') && statSync(path.join(folder, name)).isFile())
    .map((name) => name.slice(0, -'.html'.length))
    .sort();
}

/** Written by scripts/compress-dist.mjs next to the hashed files. */
const COMPRESSED = /\.(br|gz)$/;

// --- model/src/origin.rs ---------------------------------------------------------------------

const EXAMPLE = 'https://partner.example';

/** `origin::canonical`: the origin as a browser writes it, or null for anything else. */
export function canonical(text) {
  text = rustTrim(text);
  const at = text.indexOf('://');
  if (at < 0) return null;
  const scheme = asciiLower(text.slice(0, at));
  const rest = text.slice(at + 3);
  const defaultPort = { http: '80', https: '443' }[scheme];
  if (!defaultPort) return null;
  const authority = asciiLower(rest.endsWith('/') ? rest.slice(0, -1) : rest);
  const colon = authority.lastIndexOf(':');
  let host = authority;
  let port = null;
  // An IPv6 address has colons of its own: a port comes after its closing bracket.
  if (colon >= 0 && !authority.slice(colon + 1).includes(']')) {
    host = authority.slice(0, colon);
    port = authority.slice(colon + 1);
  }
  if (!isHost(host)) return null;
  if (port === null || port === defaultPort) return `${scheme}://${host}`;
  return isPort(port) ? `${scheme}://${host}:${port}` : null;
}

/** `origin::allowed_origins`: the list at embed.allowed_origins, canonical, each once. */
export function allowedOrigins(value) {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`must be a list of origins, e.g. ["${EXAMPLE}"].`);
  const origins = [];
  for (const item of value) {
    const origin = typeof item === 'string' ? canonical(item) : null;
    if (!origin) {
      throw new Error(
        `has ${JSON.stringify(item)}: expected an origin such as "${EXAMPLE}" (http or https, a host and an optional port; no path).`,
      );
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

function isHost(host) {
  if (host.startsWith('[') && host.endsWith(']') && host.length >= 2) {
    const inner = host.slice(1, -1);
    return inner.includes(':') && /^[0-9a-fA-F:.]*$/.test(inner);
  }
  return (
    host.length > 0 &&
    host.length <= 253 &&
    host.split('.').every((label) => label.length > 0 && !label.startsWith('-') && !label.endsWith('-') && /^[A-Za-z0-9-]+$/.test(label))
  );
}

function isPort(port) {
  return /^[0-9]{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;
}

/** Rust's `str::trim`: Unicode White_Space (unlike JS's trim, U+0085 but not U+FEFF). */
const RUST_WHITESPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const RUST_TRIM = new RegExp(`^${RUST_WHITESPACE}+|${RUST_WHITESPACE}+$`, 'g');
function rustTrim(text) {
  return text.replace(RUST_TRIM, '');
}

/** Rust's `to_ascii_lowercase`: only A-Z change, so offsets stay where they were. */
function asciiLower(text) {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

// --- backend/src/policy.rs ---------------------------------------------------------------------

/** `origin_of_url`: the origin of an absolute http(s) URL; null for a path on the app's origin. */
export function originOfUrl(url) {
  const trimmed = rustTrim(url);
  const at = trimmed.indexOf('://');
  if (at < 0) return null;
  const scheme = trimmed.slice(0, at);
  const authority = trimmed.slice(at + 3).split(/[/?#]/)[0];
  return canonical(`${scheme}://${authority}`);
}

/** `inline_elements`: the text of every `<script>` without `src`, or `<style>`, in `html`. */
export function inlineElements(html, name) {
  const lower = asciiLower(html);
  const open = `<${name}`;
  const closeTag = `</${name}`;
  const found = [];
  let from = 0;
  for (;;) {
    const start = lower.indexOf(open, from);
    if (start < 0) break;
    const gt = lower.indexOf('>', start);
    if (gt < 0) break;
    const openEnd = gt + 1;
    const close = lower.indexOf(closeTag, openEnd);
    if (close < 0) break;
    if (!lower.slice(start, openEnd).includes(' src=')) found.push(html.slice(openEnd, close));
    from = close;
  }
  return found;
}

/** `sha256_source`: the CSP source of a text, hashed as UTF-8 like the browser does. */
export function sha256Source(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** `BuildSources::read`: what the policy needs from the build in `dist`. */
export function readSources(dist) {
  const sources = { partners: [], backend: null, inlineScripts: [], inlineStyles: [] };
  const configPath = path.join(dist, 'config.json');
  if (existsSync(configPath)) {
    let root;
    try {
      root = JSON.parse(readFileSync(configPath, 'utf8'));
    } catch (e) {
      throw new Error(`${configPath}: is not valid JSON (${e.message})`);
    }
    try {
      sources.partners = allowedOrigins(pointer(root, ['embed', 'allowed_origins']));
    } catch (e) {
      throw new Error(`${configPath}: "embed.allowed_origins" ${e.message}`);
    }
    const baseUrl = pointer(root, ['backend', 'base_url']);
    sources.backend = typeof baseUrl === 'string' ? originOfUrl(baseUrl) : null;
  }
  const indexPath = path.join(dist, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath}: not found (build the app first: trunk build --release)`);
  const html = readFileSync(indexPath, 'utf8');
  sources.inlineScripts = inlineElements(html, 'script').map(sha256Source);
  sources.inlineStyles = inlineElements(html, 'style').map(sha256Source);
  return sources;
}

/** serde_json's `Value::pointer` over object keys. */
function pointer(value, keys) {
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** `header_value`: the policy of an embed page (`embed`) or of any other page. */
export function policy(embed, sources) {
  const directives = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'", ...sources.inlineScripts]],
    ['style-src', ["'self'", ...sources.inlineStyles]],
    ['img-src', ["'self'", 'https:', 'http:']],
    ['connect-src', ["'self'", ...(sources.backend ? [sources.backend] : [])]],
    ['font-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'self'", ...(embed ? sources.partners : [])]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** `PagePolicy::describe`, the text of `broadsheet-backend --print-csp`. */
export function describe(sources) {
  return `Pages under ${EMBED_PREFIX}:\n${policy(true, sources)}\n\nEvery other HTML page:\n${policy(false, sources)}`;
}

// --- backend/src/static_files.rs ---------------------------------------------------------------

/** `is_hashed_asset`: whether a file name carries Trunk's content hash. */
export function isHashedAsset(urlPath) {
  const name = urlPath.split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  if (dot < 0) return false;
  let stem = name.slice(0, dot);
  if (stem.endsWith('_bg')) stem = stem.slice(0, -3);
  const dash = stem.lastIndexOf('-');
  if (dash < 0) return false;
  const hash = stem.slice(dash + 1);
  return hash.length >= 12 && hash.length <= 20 && /^[0-9a-fA-F]+$/.test(hash);
}

/** The same test as a regular expression on the URL path, for nginx and Caddy. */
const HASHED_PATH = '-[0-9a-fA-F]{12,20}(_bg)?\\.[^./]+$';

// --- the files ---------------------------------------------------------------------------------

/** Every file of the build as a URL path under `base`, sorted; the generated and compressed
 *  copies left out. */
function files(dist, base, top = true) {
  const found = [];
  for (const name of readdirSync(dist).sort()) {
    const full = path.join(dist, name);
    // Prerendered article pages are the reader's pages /articles/<id>, not files of their own.
    if (top && name === ARTICLES) continue;
    if (statSync(full).isDirectory()) found.push(...files(full, `${base}${name}/`, false));
    else if (!(top && GENERATED.includes(name)) && !COMPRESSED.test(name)) found.push(`${base}${name}`);
  }
  return found;
}

/** `text` matched literally in a regular expression (nginx's PCRE, Caddy's RE2). */
function literal(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The hashed files of the build at `base`, as a regular expression on the URL path. */
const hashedUnder = (base) => `^${literal(base)}.*${HASHED_PATH}`;

const HEADER_NOTE = (comment) =>
  [
    `${comment} Generated by scripts/static-host.mjs from this build's index.html and config.json: after`,
    `${comment} editing config.json (or rebuilding), run \`node scripts/static-host.mjs dist\` again.`,
    `${comment} See docs/static-hosting.md.`,
  ].join('\n');

/**
 * Netlify / Cloudflare Pages. Both apply every rule whose path matches: Cloudflare joins the
 * values of a header set by two rules with a comma (for CSP: both policies are enforced), Netlify
 * keeps the later rule's. So `/*` carries the embed pages' policy (any page that is not a file
 * gets one: the app's not-found page) and the reader's pages add their stricter one after it;
 * Cache-Control is set file by file, never by two rules. Every path is under `base` (`/news/*`,
 * `/news/`, ...): for an app under a sub-path, the file goes to the root of the published folder.
 */
export function headersFile(dist, sources, base = '/') {
  const lines = [HEADER_NOTE('#'), ''];
  const rule = (urlPath, headers) => {
    lines.push(urlPath, ...headers.map(([name, value]) => `  ${name}: ${value}`), '');
  };
  rule(`${base}*`, [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', REFERRER_POLICY],
    ['Content-Security-Policy', policy(true, sources)],
  ]);
  for (const page of ['', 'index.html', 'articles/*'].map((page) => base + page)) {
    rule(page, [
      ['Content-Security-Policy', policy(false, sources)],
      ['X-Frame-Options', 'SAMEORIGIN'],
      ['Cache-Control', REVALIDATE],
    ]);
  }
  // A widget is a piece of a partner's page, not a page for search results.
  rule(`${base}embed/*`, [['Cache-Control', REVALIDATE], ['X-Robots-Tag', 'noindex']]);
  for (const file of files(dist, base).filter((file) => file !== `${base}index.html`)) {
    rule(file, [['Cache-Control', isHashedAsset(file) ? IMMUTABLE : REVALIDATE]]);
  }
  return lines.join('\n');
}

/**
 * Netlify / Cloudflare Pages: the app's routes get index.html. No catch-all `/*`: Cloudflare
 * applies a rule even where a file exists (it would answer the wasm with index.html), and serves
 * index.html for unknown paths by itself (a build without 404.html is a single-page app to it);
 * Netlify answers them with its 404 page. Under a sub-path, the rules are under it too (and the
 * file goes to the root of the published folder, like _headers).
 */
export function redirectsFile(base = '/', prerendered = []) {
  // Before the rule for every article: the first rule that matches is the one applied.
  const pages = prerendered
    .filter((id) => SEGMENT.test(id))
    .map((id) => `${base}articles/${id}  ${base}articles/${id}.html  200`);
  return [
    HEADER_NOTE('#'),
    '',
    ...(pages.length ? ['# The article pages broadsheet-prerender wrote.', ...pages, ''] : []),
    `${base}articles/*  ${base}index.html  200`,
    `${base}embed/*     ${base}index.html  200`,
    '',
  ].join('\n');
}

/**
 * An include for the deployer's `server` block (which sets `listen` and `root`). For an app under
 * a sub-path (`base` /news/), every location is under it and the block's `root` is the folder
 * that holds the build as news/: nginx maps /news/x to <root>/news/x, and the other paths of the
 * server stay the deployer's.
 */
export function nginxConf(sources, base = '/') {
  const common = [
    'add_header X-Content-Type-Options "nosniff" always;',
    `add_header Referrer-Policy "${REFERRER_POLICY}" always;`,
  ];
  const block = (head, body) => [`location ${head} {`, ...body.map((line) => `    ${line}`), '}', ''];
  const fallback = `try_files $uri ${base}index.html =404;`;
  // A page broadsheet-prerender wrote (articles/<id>.html) where there is one.
  const readerFallback = `try_files $uri $uri.html ${base}index.html =404;`;
  const example =
    base === '/'
      ? ['#       root /srv/broadsheet/dist;', '#       include /srv/broadsheet/dist/nginx.conf;']
      : [
          `#       root /srv/www;    # the site's folder: this build is its folder ${base.slice(1, -1)}/`,
          `#       include /srv/www${base}nginx.conf;`,
        ];
  return [
    HEADER_NOTE('#'),
    '#',
    `# The app is at ${base} (index.html's public URL). Include this file in the server block`,
    '# that serves it, e.g.',
    '#',
    '#   server {',
    '#       listen 80;',
    ...example,
    '#   }',
    '#',
    "# It needs nginx's usual http block, whose mime.types maps .wasm to application/wasm (Debian 12's does).",
    '# add_header lines are not inherited into a location that has its own, so each location lists',
    '# all of its headers.',
    '',
    '# The brotli and gzip copies scripts/compress-dist.mjs wrote next to the hashed files; the rest',
    '# compressed as it is sent. With the ngx_brotli module (Debian: libnginx-mod-http-brotli-static)',
    '# add `brotli_static on;` too.',
    'gzip_static on;',
    'gzip on;',
    'gzip_types application/javascript application/json application/wasm text/css image/svg+xml;',
    'gzip_vary on;',
    '',
    '# This file and its siblings are not part of the site.',
    ...block(`~ "^${literal(base)}(${GENERATED.map(literal).join('|')})$"`, ['return 404;']),
    '# Files whose names carry the build\'s content hash: a new build gives new names.',
    ...block(`~ "${hashedUnder(base)}"`, [`add_header Cache-Control "${IMMUTABLE}";`, ...common]),
    '# The configuration: a deployer may edit it at any time.',
    ...block(`= ${base}config.json`, [`add_header Cache-Control "${REVALIDATE}";`, ...common]),
    '# The widgets that partner sites frame (embed.allowed_origins).',
    ...block(`^~ ${base}embed/`, [
      fallback,
      `add_header Cache-Control "${REVALIDATE}";`,
      `add_header Content-Security-Policy "${policy(true, sources)}" always;`,
      'add_header X-Robots-Tag "noindex" always;',
      ...common,
    ]),
    `# The reader: its pages (${base}, ${base}articles/<id>, any other path under ${base} that is not a file)`,
    '# are index.html.',
    ...block(base, [
      readerFallback,
      `add_header Cache-Control "${REVALIDATE}";`,
      `add_header Content-Security-Policy "${policy(false, sources)}" always;`,
      'add_header X-Frame-Options "SAMEORIGIN" always;',
      ...common,
    ]),
  ].join('\n');
}

/** A Caddy site: `BROADSHEET_ADDRESS` (default :80) and `BROADSHEET_ROOT` (default: the
 *  working directory, so `cd dist && caddy run` serves this folder) from the environment. For an
 *  app under a sub-path (`base` /news/), every matcher is under it and `BROADSHEET_ROOT` is the
 *  folder that holds the build as news/ (Caddy maps /news/x to <root>/news/x). */
export function caddyfile(sources, base = '/') {
  const hashed = ['\t\t\tpath_regexp ' + hashedUnder(base), '\t\t\tfile'];
  const run =
    base === '/'
      ? [
          '# Run it from this folder (`caddy run` reads ./Caddyfile), or elsewhere with the folder named:',
          '#   BROADSHEET_ADDRESS=news.example BROADSHEET_ROOT=/srv/broadsheet/dist caddy run --config /srv/broadsheet/dist/Caddyfile',
        ]
      : [
          `# The app is at ${base} (index.html's public URL): BROADSHEET_ROOT is the site's folder, which holds`,
          `# this build as its folder ${base.slice(1, -1)}/, e.g.`,
          `#   BROADSHEET_ADDRESS=example.org BROADSHEET_ROOT=/srv/www caddy run --config /srv/www${base}Caddyfile`,
        ];
  return [
    HEADER_NOTE('#'),
    '#',
    ...run,
    '# BROADSHEET_ADDRESS is a Caddy site address: a domain name gets HTTPS automatically.',
    '',
    '{$BROADSHEET_ADDRESS::80} {',
    '\troot * {$BROADSHEET_ROOT:.}',
    '',
    `\theader ${base}* {`,
    '\t\tX-Content-Type-Options nosniff',
    `\t\tReferrer-Policy ${REFERRER_POLICY}`,
    '\t}',
    "\t# Files whose names carry the build's content hash (and exist: a missing one is not cached).",
    '\t@hashed {',
    ...hashed.map((line) => line.slice(1)),
    '\t}',
    `\theader @hashed Cache-Control "${IMMUTABLE}"`,
    '\t@revalidated {',
    `\t\tpath ${base}*`,
    '\t\tnot {',
    ...hashed,
    '\t\t}',
    '\t}',
    `\theader @revalidated Cache-Control ${REVALIDATE}`,
    '\t# The widgets that partner sites frame (embed.allowed_origins), and every other page.',
    `\t@embed path ${base}embed/*`,
    `\theader @embed Content-Security-Policy "${policy(true, sources)}"`,
    '\theader @embed X-Robots-Tag noindex',
    "\t# (A missing file with a hashed name gets index.html, so it gets the policy too.)",
    '\t@reader {',
    `\t\tpath ${base}*`,
    '\t\tnot {',
    ...hashed,
    '\t\t}',
    `\t\tnot path ${base}embed/*`,
    '\t}',
    `\theader @reader Content-Security-Policy "${policy(false, sources)}"`,
    '\theader @reader X-Frame-Options SAMEORIGIN',
    '',
    `\t# The article pages broadsheet-prerender wrote (${base}articles/<id>.html), where there is one.`,
    '\t@prerendered {',
    `\t\tpath ${base}articles/*`,
    '\t\tfile {path}.html',
    '\t}',
    '\trewrite @prerendered {path}.html',
    `\t# The app's pages (${base}, ${base}articles/<id>, ${base}embed/..., any other path under ${base} that is`,
    '\t# not a file).',
    '\t@app {',
    `\t\tpath ${base}*`,
    '\t\tnot file',
    '\t}',
    `\trewrite @app ${base}index.html`,
    '\tencode zstd gzip',
    '\tfile_server {',
    '\t\t# The brotli and gzip copies scripts/compress-dist.mjs wrote next to the hashed files.',
    '\t\tprecompressed br gzip',
    `\t\thide ${GENERATED.join(' ')}`,
    '\t}',
    '}',
    '',
  ].join('\n');
}

/** A segment of a public URL the generated files can carry as it is: no quoting, no placeholder. */
const SEGMENT = /^(?!\.\.?$)[A-Za-z0-9._~-]+$/;

/**
 * index.html's public URL as the app reads it (public/early.js): the href of the <base> in
 * <template id="public-url"> when it is an absolute path, with a final "/" added; else "/".
 */
export function publicUrl(dist) {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const match = /<template id=(?:"public-url"|'public-url'|public-url)>\s*<base href=("[^"]*"|'[^']*'|[^\s>]+)/.exec(html);
  const href = match ? match[1].replace(/^(["'])(.*)\1$/, '$2') : '/';
  if (!/^\/(?!\/)/.test(href)) return '/';
  const base = href.replace(/\/?$/, '/');
  if (!base.slice(1, -1).split('/').every((segment) => base === '/' || SEGMENT.test(segment))) {
    throw new Error(
      `index.html's public URL is ${JSON.stringify(href)}: expected "/" or a path such as "/news/" ` +
        '(letters, digits and . _ ~ - between the slashes)',
    );
  }
  return base;
}

function main(argv) {
  const named = argv.find((arg) => !arg.startsWith('--')) ?? 'dist';
  const dist = path.resolve(named);
  const sources = readSources(dist);
  const base = publicUrl(dist);
  if (argv.includes('--print-csp')) {
    console.log(describe(sources));
    return;
  }
  const outputs = {
    _headers: headersFile(dist, sources, base),
    _redirects: redirectsFile(base, prerenderedIds(dist)),
    'nginx.conf': nginxConf(sources, base),
    Caddyfile: caddyfile(sources, base),
  };
  for (const [name, text] of Object.entries(outputs)) writeFileSync(path.join(dist, name), text);
  const partners = sources.partners.length ? sources.partners.join(', ') : 'none';
  console.log(
    `static-host: wrote ${Object.keys(outputs).join(', ')} into ${named} for an app at ${base} ` +
      `(connect-src ${sources.backend ?? "'self' only"}; embed partners: ${partners})`,
  );
}

if (process.argv[1]?.endsWith('static-host.mjs')) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`static-host: ${e.message}`);
    process.exit(1);
  }
}
