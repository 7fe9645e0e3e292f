// Inlined into index.html by Trunk, so it runs before anything else loads. It reads where the
// app is (its base) for the loader and the app, and while the app's wasm is still downloading it:
// - starts the first requests: the configuration and, on an article page of a native backend,
//   the article itself. The app (src/api/http.rs) takes each answer once instead of asking
//   again; anything unexpected here just means the app asks itself.
// - paints a preview of that article (site name, headline, standfirst, byline, lead image and
//   the opening paragraphs) as plain text, so readers on slow connections read at once. The
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
        if (!data || !text(data.title)) return;
        var show = function () {
          // The app has already shown its own page, or another one is on screen, or the server
          // drew this preview into the page already (backend/src/article_page.rs).
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

  /** A string worth showing, or null: every field is untrusted and may be of any type. */
  function text(value) {
    return typeof value === 'string' && value.trim() ? value : null;
  }

  /** Only http(s) addresses (a relative one resolves against the page) are ever requested: the
   *  rule of the app's and the backend's `safe_url` (model/src/safety.rs). */
  function safeUrl(value) {
    if (!text(value) || /[\u0000-\u001f\u007f-\u009f]/.test(value)) return null;
    try {
      var url = new URL(value.trim(), location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function element(name, className, content) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  /** Text in its own direction, as the app shows headlines and names. */
  function line(name, className, content) {
    var node = element(name, className, content);
    node.dir = 'auto';
    return node;
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
    name.appendChild(document.createTextNode((text(site.name) || 'Broadsheet').trim()));
    var main = root.appendChild(element('div', 'early-main'));
    var page = main.appendChild(element('article', 'article'));
    var language = text(data.language) && data.language.trim();
    // The shape `is_language_tag` (model/src/article.rs) accepts.
    if (language && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(language)) {
      page.lang = language;
      page.dir = 'auto';
    }
    var head = page.appendChild(element('header', 'article-header'));
    if (text(data.section)) head.appendChild(line('p', 'kicker', data.section));
    head.appendChild(line('h1', '', data.title));
    if (text(data.summary)) head.appendChild(line('p', 'dek', data.summary));
    var authors = (Array.isArray(data.authors) ? data.authors : [])
      .map(function (author) {
        return author && text(author.name);
      })
      .filter(Boolean);
    if (authors.length) {
      var last = authors.pop();
      var names = authors.length ? authors.join(', ') + ' and ' + last : last;
      head.appendChild(element('p', 'byline', 'By ' + names));
    }
    // Where the app has its date line, sharing and reader tools.
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
