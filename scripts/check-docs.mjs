#!/usr/bin/env node
// Checks the relative links of every Markdown file in the repository (no dependencies, no network):
//   node scripts/check-docs.mjs
// Files: `git ls-files '*.md'`, plus new files git does not ignore (so a doc is checked before
// its first commit). Links: inline links and images (`[x](path)`, `[x](path#anchor)`, `[x](#anchor)`),
// reference definitions (`[x]: path`), and `href`, `src` and `srcset` in HTML tags. Each must name a
// file or folder inside the repository that git tracks or would track (a link to build output such
// as dist/ breaks on a fresh clone), and an `#anchor` into a Markdown file must match one of its
// headings as GitHub writes their ids. Skipped: fenced code blocks, inline code, absolute URLs
// (http:, https:, mailto:, //host). Exits 1 listing each broken link as `file:line: link — reason`.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Repository paths git knows or would add (tracked, or untracked and not ignored), still on disk. */
function repositoryFiles() {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = new Set(out.split('\0').filter((file) => file && existsSync(path.join(ROOT, file))));
  const folders = new Set(['']);
  for (const file of files) {
    for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) {
      if (folders.has(dir)) break;
      folders.add(dir);
    }
  }
  return { files, folders };
}

/** Lines with fenced code blocks blanked out (so nothing inside them counts as a link or heading). */
function withoutFences(lines) {
  const out = [];
  let fence = null; // { char, length } of the open fence
  for (const line of lines) {
    const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      if (match && match[1][0] === fence.char && match[1].length >= fence.length && !match[2].trim()) {
        fence = null;
      }
      out.push('');
    } else if (match && !(match[1][0] === '`' && match[2].includes('`'))) {
      fence = { char: match[1][0], length: match[1].length };
      out.push('');
    } else {
      out.push(line);
    }
  }
  return out;
}

/**
 * Text with its inline code spans blanked (same length, newlines kept, so lines and columns stay
 * put). A span may run over several lines of a paragraph, never past a blank line.
 */
function withoutInlineCode(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\\' && i + 1 < text.length) {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (text[i] !== '`') {
      out += text[i++];
      continue;
    }
    let run = 0;
    while (text[i + run] === '`') run++;
    const close = closingRun(text, i + run, run);
    if (close === -1) {
      out += '`'.repeat(run);
      i += run;
      continue;
    }
    out += text.slice(i, close + run).replace(/[^\n]/g, ' ');
    i = close + run;
  }
  return out;
}

/** Where a run of exactly `run` backticks closes a code span opened before `from`, or -1. */
function closingRun(text, from, run) {
  const blank = /\n[ \t]*\n/g;
  blank.lastIndex = from;
  const paragraphEnd = blank.exec(text)?.index ?? text.length;
  for (let i = from; i < paragraphEnd; ) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let length = 0;
    while (text[i + length] === '`') length++;
    if (length === run) return i;
    i += length;
  }
  return -1;
}

/** GitHub's id for a heading's text: lowercase, punctuation but `-` and `_` dropped, spaces to `-`. */
function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** A heading's text as GitHub renders it: no markup, links and code as their text. */
function headingText(raw) {
  return raw
    .replace(/\s+#+\s*$/, '') // closing hashes
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1') // reference links
    .replace(/<[^>]+>/g, '') // HTML tags
    .replace(/`+/g, '') // code spans keep their text
    .replace(/(^|[^\p{L}\p{N}])_{1,2}(?=\S)|(?<=\S)_{1,2}(?=[^\p{L}\p{N}]|$)/gu, '$1') // _emphasis_
    .trim();
}

const anchorCache = new Map();

/** The ids a Markdown file's headings (and its explicit `id`/`name` anchors) get on GitHub. */
function anchorsOf(file) {
  if (anchorCache.has(file)) return anchorCache.get(file);
  const lines = withoutFences(readFileSync(path.join(ROOT, file), 'utf8').split(/\r?\n/));
  const ids = new Set();
  const seen = new Map();
  const add = (text) => {
    const base = slug(headingText(text));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  };
  lines.forEach((line, i) => {
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*))?$/.exec(line);
    if (atx) {
      add(atx[1] ?? '');
    } else if (/^ {0,3}(=+|-+)[ \t]*$/.test(line) && i > 0 && isParagraphLine(lines[i - 1])) {
      add(lines[i - 1].trim());
    }
    for (const match of line.matchAll(/<[a-z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']/gi)) {
      ids.add(match[1]);
    }
  });
  anchorCache.set(file, ids);
  return ids;
}

/** Whether a line can be the text of a setext heading (underlined with `===` or `---`). */
function isParagraphLine(line) {
  return (
    line.trim() !== '' &&
    !/^ {0,3}(#|>|[-*+] |\d+[.)] |\||<)/.test(line) &&
    !/^ {0,3}([-*_])( *\1){2,} *$/.test(line) &&
    !/^ {4}/.test(line)
  );
}

/** The destination of an inline link starting at `start` (just after `](`), or null. */
function inlineDestination(line, start) {
  let i = start;
  while (line[i] === ' ' || line[i] === '\t') i++;
  if (line[i] === '<') {
    const close = line.indexOf('>', i);
    return close === -1 ? null : line.slice(i + 1, close);
  }
  let depth = 0;
  let dest = '';
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      dest += line[++i];
      continue;
    }
    if (c === ' ' || c === '\t') break;
    if (c === '(') depth++;
    if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
    dest += c;
  }
  return dest;
}

/** Every link target on one line (already free of code), with what kind of link it is. */
function linksOn(line) {
  const links = [];
  const definition = /^ {0,3}\[[^\]]+\]:[ \t]*(<[^>]*>|\S+)/.exec(line);
  if (definition) {
    links.push(definition[1].replace(/^<|>$/g, ''));
  } else {
    for (let at = line.indexOf(']('); at !== -1; at = line.indexOf('](', at + 2)) {
      if (at > 0 && line[at - 1] === '\\') continue;
      const dest = inlineDestination(line, at + 2);
      if (dest !== null) links.push(dest);
    }
  }
  for (const tag of line.matchAll(/<(?:a|img|source)\b[^>]*>/gi)) {
    for (const attr of tag[0].matchAll(/\s(href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
      const value = attr[2] ?? attr[3];
      if (attr[1].toLowerCase() === 'srcset') {
        for (const candidate of value.split(',')) {
          const url = candidate.trim().split(/\s+/)[0];
          if (url) links.push(url);
        }
      } else {
        links.push(value);
      }
    }
  }
  return links;
}

/** Why `link` in `file` is broken, or null when it resolves. */
function problem(link, file, repo) {
  if (link === '') return 'empty link';
  if (/^(https?:|mailto:)/i.test(link) || link.startsWith('//')) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return `unsupported scheme (only http:, https: and mailto: links leave the repository)`;
  const hash = link.indexOf('#');
  const rawPath = (hash === -1 ? link : link.slice(0, hash)).replace(/\?.*$/, '');
  const anchor = hash === -1 ? null : link.slice(hash + 1);
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return 'malformed percent-encoding';
  }
  let target = file;
  if (decoded !== '') {
    const joined = decoded.startsWith('/')
      ? path.posix.normalize(decoded.slice(1))
      : path.posix.join(path.posix.dirname(file), decoded);
    if (joined === '..' || joined.startsWith('../') || path.posix.isAbsolute(joined)) {
      return 'leaves the repository';
    }
    target = joined.replace(/\/+$/, '') || '';
    if (target === '.') target = '';
    if (!repo.files.has(target) && !repo.folders.has(target)) {
      if (existsSync(path.join(ROOT, target))) return `${target} is not in the repository (ignored by git)`;
      return `no such file or folder: ${target}`;
    }
  }
  if (anchor === null || anchor === '') return null;
  if (!repo.files.has(target) || !/\.(md|markdown)$/i.test(target)) {
    // GitHub's line anchors on source files; other anchors into non-Markdown files are not checked.
    return null;
  }
  let wanted;
  try {
    wanted = decodeURIComponent(anchor).toLowerCase();
  } catch {
    return 'malformed percent-encoding in the anchor';
  }
  const ids = anchorsOf(target);
  if (ids.has(wanted) || [...ids].some((id) => id.toLowerCase() === wanted)) return null;
  return `no heading with the anchor #${anchor} in ${target}`;
}

function main() {
  const repo = repositoryFiles();
  const docs = [...repo.files].filter((file) => /\.md$/i.test(file) && statSync(path.join(ROOT, file)).isFile()).sort();
  const broken = [];
  let checked = 0;
  for (const file of docs) {
    const text = withoutFences(readFileSync(path.join(ROOT, file), 'utf8').split(/\r?\n/)).join('\n');
    withoutInlineCode(text).split('\n').forEach((line, i) => {
      for (const link of linksOn(line)) {
        checked++;
        const why = problem(link.trim(), file, repo);
        if (why) broken.push(`${file}:${i + 1}: ${link} — ${why}`);
      }
    });
  }
  if (broken.length) {
    console.log(broken.join('\n'));
    console.log(`check-docs: ${broken.length} broken link(s) of ${checked} in ${docs.length} Markdown files`);
    process.exit(1);
  }
  console.log(`check-docs: ${checked} links in ${docs.length} Markdown files, all resolve`);
}

main();
