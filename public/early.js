// Inlined into index.html by Trunk, so it runs before anything else loads. It reads where the
// app is (its base) for the loader and the app, and while the app's wasm is still downloading it:
// - starts the first requests: the configuration and, on an article page of a native backend,
//   the article itself. The app (src/api/http.rs) takes each answer once instead of asking
//   again; anything unexpected here just means the app asks itself.
// - paints a preview of that article (site name, the article header, lead image and the opening
//   paragraphs) as inert text, so readers on slow connections read at once. The
//   preview is inert and hidden from assistive technology (the app's page, announced as loading,
//   is what they use); the app removes it when it shows the article or anything else
//   (src/early_preview.rs).
(function () {
  'use strict';
  // The app's base: "/", or "/news/" for an app at https://example.com/news/. index.html keeps it
  // (Trunk's public URL) in <template id="public-url">, where a <base> is not the page's base
  // URL. The loader (Trunk.toml) and the app (src/router.rs) take it from here.
  var template = document.getElementById('public-url');
  var href = template && template.content && template.content.firstElementChild;
  href = (href && href.getAttribute('href')) || '/';
  var base = (window.__broadsheetBase = /^\/(?!\/)/.test(href) ? href.replace(/\/?$/, '/') : '/');
  // The site's icon is one of the app's files too.
  var icon = document.querySelector('link[rel=icon]');
  if (icon) icon.href = base + 'favicon.svg';
  if (window.__broadsheetEarly || !window.fetch) return;
  var early = (window.__broadsheetEarly = {});
  var get = function (url) {
    var options = { headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    // The app's own time limit (TIMEOUT_MS in src/api/http.rs).
    if (window.AbortSignal && AbortSignal.timeout) options.signal = AbortSignal.timeout(8000);
    return fetch(url, options);
  };
  var path = location.pathname;
  var article = path.indexOf(base) === 0 && /^articles\/([^/]+)\/?$/.exec(path.slice(base.length));
  // The configuration is handed over only once the article request is registered, so the app
  // can never ask for the article before it could find this one.
  var config = base + 'config.json';
  early[config] = get(config).then(function (response) {
    if (!article || !response.ok) return response;
    return response
      .clone()
      .json()
      .then(function (config) {
        var backend = config && config.backend;
        var native = backend && backend.kind === 'native' && typeof backend.base_url === 'string';
        // With custom path templates the URL is the app's to build.
        if (native && !backend.paths) {
          var url = backend.base_url.trim().replace(/\/+$/, '') + '/articles/' + article[1];
          var answer = (early[url] = get(url));
          answer.then(function (response) {
            // Read from a copy: the app reads the answer itself.
            if (response.ok) preview(config, response.clone());
          }, function () {});
        }
        return response;
      })
      .catch(function () {
        return response;
      });
  });

  /** Paints the preview once the article has arrived and the page can show it. */
  function preview(config, response) {
    response
      .json()
      .then(function (data) {
        if (!data || !trimmed(data.title)) return;
        var show = function () {
          // The app has already shown its own page, or another one is on screen, or the server
          // drew this preview into the page already (publish/src/page.rs).
          if (window.__broadsheetPreviewDone || !document.body || document.getElementById('early-preview')) return;
          try {
            document.body.appendChild(build(config, data));
          } catch (e) {
            // No preview, then: the app shows the article (or why not) itself.
          }
        };
        if (document.body) show();
        else document.addEventListener('DOMContentLoaded', show);
      })
      .catch(function () {});
  }

  // Every field is untrusted and may be of any type. Texts are judged as the model does (Rust's
  // `trim`: Unicode White_Space), and addresses by its `safe_url` (model/src/safety.rs).

  /** A string with something to show, trimmed; or null. */
  function trimmed(value) {
    return (typeof value === 'string' && value.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '')) || null;
  }

  /** A string with something to show, as it is; or null. */
  function text(value) {
    return trimmed(value) && value;
  }

  /** An address that may be followed or loaded, trimmed: http(s) or relative; or null. */
  function safeUrl(value) {
    var url = trimmed(value);
    return url && !/[\u0000-\u001f\u007f-\u009f]/.test(url) && (!/^[^:/?#]*:/.test(url) || /^https?:/i.test(url)) ? url : null;
  }

  function element(name, className, content) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  // The article header as model/src/header.rs describes it: the app and the backend's preview
  // draw it from there, this is its one copy in JavaScript, and tests/e2e/specs/article-header.spec.ts
  // checks that the three draw the same parts, in the same order and words.

  var MINUTE = 6e4;
  var HOUR = 36e5;

  /** Milliseconds of an RFC 3339 timestamp, or null: `time::parse_rfc3339` (model/src/time.rs).
   *  The date and time must read back as they are (no 30 February, no 24:00). */
  function moment(value) {
    var m = /^(\d{4}-\d\d-\d\d)[Tt ](\d\d:\d\d):(\d\d)(\.\d+)?(?:[Zz]|([+-]\d\d):(\d\d))$/.exec(value);
    var at = m ? Date.parse(m[1] + 'T' + m[2] + 'Z') : NaN;
    return at === at && new Date(at).toISOString().slice(0, 16) === m[1] + 'T' + m[2] && m[3] < 61 && !(m[5] > 23 || m[5] < -23 || m[6] > 59)
      ? at + Math.min(m[3], 59) * 1e3 + +((m[4] || '.') + '00').slice(1, 4) - (m[5] ? (m[5][0] + 1) * (Math.abs(m[5]) * 60 + +m[6]) : 0) * MINUTE
      : null;
  }

  /** "24 Nov 2026" (UTC): `time::date`. */
  function date(ms) {
    var day = new Date(ms);
    return day.getUTCDate() + ' ' + 'JanFebMarAprMayJunJulAugSepOctNovDec'.substr(day.getUTCMonth() * 3, 3) + ' ' + day.getUTCFullYear();
  }

  /** A moment of the article, worded by `time::relative` at the reader's clock, as in the app:
   *  "just now", "5 minutes ago", "2 days ago", the date after a week or ahead of the clock; in
   *  the interface's language `tag` (not English) by the browser's Intl, as the app words it. */
  function time(datetime, ms, tag) {
    var elapsed = Date.now() - ms;
    var n = function (unit) {
      return Math.max(Math.floor(elapsed / unit + 0.5), 2);
    };
    var dated = elapsed < -5 * MINUTE || elapsed >= 168 * HOUR;
    // [count, unit, the English words when they are not "<count> <unit>s ago"]
    var ago = elapsed < 45e3 ? [0, 'second', 'just now']
      : elapsed < 90e3 ? [1, 'minute', 'a minute ago']
      : elapsed < 45 * MINUTE ? [n(MINUTE), 'minute']
      : elapsed < 90 * MINUTE ? [1, 'hour', 'an hour ago']
      : elapsed < 22 * HOUR ? [n(HOUR), 'hour']
      : elapsed < 36 * HOUR ? [1, 'day', 'a day ago']
      : [n(24 * HOUR), 'day'];
    var utc = { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' };
    var node = element('time', '', !tag ? (dated ? date(ms) : ago[2] || ago[0] + ' ' + ago[1] + 's ago')
      : dated ? new Intl.DateTimeFormat(tag, utc).format(ms)
      : new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }).format(-ago[0], ago[1]));
    node.dateTime = datetime;
    // `time::date_time`: "24 Nov 2026, 08:30 UTC".
    utc.hour = utc.minute = '2-digit';
    node.title = (tag ? new Intl.DateTimeFormat(tag, utc).format(ms) : date(ms) + ', ' + new Date(ms).toISOString().slice(-13, -8)) + ' UTC';
    node.dir = 'auto';
    return node;
  }

  /** Minutes to read the body: `Article::reading_minutes` (model/src/article.rs), over the
   *  blocks the model keeps (`RawBlock::into_block`). */
  function minutes(body) {
    var spaced = 0;
    var ideographs = 0;
    var count = function (text) {
      if (typeof text !== 'string') return;
      ideographs += text.split(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/).length - 1;
      text.split(/\p{White_Space}/u).forEach(function (word) {
        if (/(?![\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])[\p{Alphabetic}\p{N}]/u.test(word)) spaced++;
      });
    };
    list(body).forEach(function (block) {
      var type = block && block.type;
      if (type === 'paragraph' || type === 'quote' || (type === 'heading' && block.level >>> 0 === block.level && block.level < 256)) count(block.text);
      if (type === 'list' && block.ordered === !!block.ordered && 'items' in block) list(block.items).forEach(count);
      // Markup out (`strip_tags`): a tag is a space, a tag left open runs to the end.
      if (type === 'html') count(typeof block.html === 'string' && block.html.replace(/<[^>]*>/g, ' ').replace(/<[\s\S]*/, ''));
    });
    return Math.max(Math.ceil(spaced / 230 + ideographs / 500), 1);
  }

  /** A list of the contract, as the model reads one: the first 10,000 entries of an array. */
  function list(value) {
    return Array.isArray(value) ? value.slice(0, 1e4) : [];
  }

  /** A name from the article in its own direction, a link where its address is safe; or null. */
  function name(person) {
    var label = person && trimmed(person.name);
    var href = label && safeUrl(person.url);
    var node = label && element(href ? 'a' : 'span', '', label);
    if (href) {
      node.setAttribute('href', href);
      node.rel = 'noopener noreferrer';
    }
    if (node) node.dir = 'auto';
    return node;
  }

  /** A language tag of the shape `is_language_tag` (model/src/article.rs) accepts; or null. */
  function languageTag(value) {
    var tag = trimmed(value);
    return tag && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : null;
  }

  /** `text_direction` (model/src/article.rs): an explicit script decides, else the language. */
  function direction(tag) {
    var script = /-(\w{4})(?=-|$)/.exec(tag);
    return (script ? /^(arab|hebr|syrc|thaa|nkoo|adlm|rohg|samr)$/i.test(script[1]) : /^(ar|arc|ckb|dv|fa|he|iw|ku|ps|sd|syr|ug|ur|yi)-/i.test(tag + '-')) ? 'rtl' : 'ltr';
  }

  /** The header's parts, into `head`; `tag`: the interface's language when it is not English. */
  function drawHeader(head, data, tag) {
    // `own`: the part is one text of the article, in its own direction; the others (byline,
    // meta line) are in the interface's language (model::header). This script has no catalogue:
    // in another language than English it leaves the header's own words out ("By", "Updated",
    // "min read") and lets Intl list the names and word the times.
    var part = function (name, className, pieces, own) {
      var node = head.appendChild(element(name, className));
      if (own) node.dir = 'auto';
      else if (className) {
        node.lang = tag || 'en';
        node.dir = tag ? direction(tag) : 'ltr';
      }
      node.append.apply(node, pieces);
    };
    var section = trimmed(data.section);
    var summary = trimmed(data.summary);
    if (section) part('p', 'kicker', [section], 1);
    part('h1', '', [trimmed(data.title)], 1);
    if (summary) part('p', 'dek', [summary], 1);
    var names = list(data.authors).map(name).filter(Boolean);
    var byline = [];
    if (!tag) {
      names.forEach(function (node, i) {
        byline.push(i ? (i < names.length - 1 ? ', ' : ' and ') : 'By ', node);
      });
    } else if (names.length) {
      // The names in the places Intl.ListFormat gives them ("Ana, Bo und Cy").
      byline = Intl.ListFormat
        ? new Intl.ListFormat(tag).formatToParts(names.map(function (_, i) { return '' + i; })).map(function (piece) {
            return piece.type === 'element' ? names[piece.value] : piece.value;
          })
        : names;
    }
    if (byline.length) part('p', 'byline', byline);
    var meta = [];
    var item = function () {
      if (meta.length) {
        var separator = element('span', '', ' · ');
        separator.setAttribute('aria-hidden', 'true');
        meta.push(separator);
      }
      meta.push.apply(meta, arguments);
    };
    var source = name(data.source);
    var published = trimmed(data.published_at);
    var updated = trimmed(data.updated_at);
    var at = moment(published);
    var later = moment(updated);
    if (source) item(source);
    if (at !== null) {
      item(time(published, at, tag));
      // An update within a minute of publishing is the publishing itself.
      if (!tag && later !== null && later - at >= MINUTE) item('Updated ', time(updated, later));
    }
    if (!tag) item(minutes(data.body) + ' min read');
    part('p', 'meta', meta);
  }

  // Mirrors the app's article page (src/pages/article.rs, src/components/figure.rs) closely
  // enough to sit where it will be, with the same classes, so taking over shows no jump.
  function build(config, data) {
    var root = element('div', 'early-preview');
    root.id = 'early-preview';
    root.setAttribute('aria-hidden', 'true');
    root.inert = true;
    var header = root.appendChild(element('header', 'site-header'));
    var name = header.appendChild(element('span', 'site-name'));
    var site = config.site || {};
    var logo = safeUrl(site.logo_url);
    if (logo) {
      var mark = name.appendChild(element('img', 'logo'));
      mark.alt = '';
      mark.setAttribute('height', '32');
      mark.src = logo;
    }
    name.appendChild(document.createTextNode(trimmed(site.name) || 'Broadsheet'));
    var main = root.appendChild(element('div', 'early-main'));
    var page = main.appendChild(element('article', 'article'));
    var language = languageTag(data.language);
    if (language) {
      page.lang = language;
      page.dir = direction(language);
    }
    var head = page.appendChild(element('header', 'article-header'));
    // The interface's language (`site.locale`), unless English; one Intl cannot read is none.
    var tag = languageTag(site.locale);
    try {
      if (/^en(-|$)/i.test(tag) && !/^en-xa$/i.test(tag)) tag = null;
      else if (tag) new Intl.RelativeTimeFormat(tag);
    } catch (e) {
      tag = null;
    }
    drawHeader(head, data, tag);
    // Where the app has its sharing and reader tools.
    head.appendChild(element('div', 'early-tools'));
    var image = data.image;
    var src = image && safeUrl(image.url);
    if (src) {
      var figure = page.appendChild(element('figure', 'figure lead'));
      var img = figure.appendChild(document.createElement('img'));
      ['width', 'height'].forEach(function (name) {
        var value = image[name];
        if (Number.isInteger(value) && value >= 0 && value <= 4294967295) img.setAttribute(name, value);
      });
      img.alt = text(image.alt) || '';
      img.setAttribute('fetchpriority', 'high');
      img.src = src;
    }
    // The opening paragraphs, up to the first block of another kind: a screenful or two, as text
    // (a hostile or huge first paragraph is cut, the app shows it whole).
    var body = page.appendChild(element('div', 'article-body'));
    var blocks = Array.isArray(data.body) ? data.body : [];
    for (var i = 0, left = 3000; i < blocks.length && left > 0; i++) {
      var block = blocks[i];
      if (!block || block.type !== 'paragraph') break;
      var words = text(block.text);
      if (words) {
        body.appendChild(element('p', '', words.length > left ? words.slice(0, left) + '…' : words));
        left -= words.length;
      }
    }
    return root;
  }
})();
