/*! Broadsheet embeds. On a partner page:
 *   <div data-broadsheet="card|related|comments" data-article="ID" data-theme="light|dark|auto"
 *        data-lang="de"></div>
 *   <script src="https://READER-ORIGIN/embed.js" async></script>
 * Each element (also ones added later) gets an iframe of the reader's /embed/ page, sized to its
 * content; it follows the element's attributes, and goes when the element does.
 * Broadsheet.setTheme('dark'[, element]) changes the theme. See the README. */
(function (w, d) {
  'use strict';
  // Included twice: the first copy does the work.
  if (w.Broadsheet && w.Broadsheet.setTheme) return;
  // The document's own getter: partner HTML can shadow d.currentScript with a named element
  // (<img name="currentScript" src="https://evil.example/">), which would point the widgets there.
  var current = Object.getOwnPropertyDescriptor(Document.prototype, 'currentScript');
  var script = (current && current.get.call(d)) || Document.prototype.querySelector.call(d, 'script[src$="/embed.js"]');
  var home, reader;
  try {
    // The reader's /embed/ pages are in the folder this script is served from (the app's base).
    home = new URL(script.src, location.href);
    reader = home.origin;
  } catch (e) {
    return;
  }
  // kind: height before the first size message
  var HEIGHTS = { card: 160, related: 480, comments: 640 };
  var MIN = 40, MAX = 20000;
  var widgets = [], byElement = new WeakMap(), count = 0;
  // What an element's iframe shows: a change of any of these gives it another iframe.
  var SHOWN = ['data-broadsheet', 'data-article', 'data-lang'];
  var dark = w.matchMedia ? w.matchMedia('(prefers-color-scheme: dark)') : null;

  function resolve(theme) {
    return theme === 'light' || theme === 'dark' ? theme : dark && dark.matches ? 'dark' : 'light';
  }

  // Only to the reader's origin: nothing is ever posted with "*".
  function sendTheme(widget) {
    var win = widget.frame.contentWindow;
    if (widget.live && win) win.postMessage({ type: 'broadsheet:theme', theme: resolve(widget.theme) }, reader);
  }

  function themeOf(el) {
    var theme = el.getAttribute('data-theme');
    return theme === 'light' || theme === 'dark' ? theme : 'auto';
  }

  function shown(el) {
    return SHOWN.map(function (name) { return el.getAttribute(name); }).join(' ');
  }

  // theme: that of the element's widget before (Broadsheet.setTheme may have set it).
  function mount(el, theme) {
    var name = el.getAttribute('data-broadsheet');
    var start = HEIGHTS.hasOwnProperty(name) && HEIGHTS[name];
    var article = el.getAttribute('data-article');
    if (!start || !article || byElement.has(el) || !el.isConnected) return;
    var widget = { el: el, key: 'bs' + ++count, shown: shown(el), theme: theme || themeOf(el), frame: d.createElement('iframe') };
    var frame = widget.frame;
    byElement.set(el, widget);
    // The partner's title, in its page's language; else a name in none until the widget says
    // its own title in its own language (see the message listener).
    widget.titled = el.getAttribute('data-title');
    frame.title = widget.titled || 'Broadsheet';
    frame.loading = 'lazy';
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups ' +
      'allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation');
    frame.style.cssText = 'display:block;width:100%;border:0;height:' + start + 'px';
    var params = new URLSearchParams({ origin: location.origin, widget: widget.key, theme: resolve(widget.theme) });
    // The widget's interface language, over the site's (a BCP 47 tag; the widget checks it).
    var lang = el.getAttribute('data-lang');
    if (lang) params.set('lang', lang);
    frame.src = new URL('embed/articles/' + encodeURIComponent(article) + '/' + name + '?' + params, home).href;
    widgets.push(widget);
    el.appendChild(frame);
  }

  // The element left the page or shows something else: its iframe goes, and nothing keeps it.
  function unmount(widget) {
    widgets.splice(widgets.indexOf(widget), 1);
    byElement.delete(widget.el);
    widget.frame.remove();
  }

  function scan() {
    var found = d.querySelectorAll('[data-broadsheet]');
    for (var i = 0; i < found.length; i++) mount(found[i]);
  }

  function setTheme(theme, el) {
    for (var i = 0; i < widgets.length; i++) {
      var widget = widgets[i];
      if (!el || widget.el === el) {
        widget.theme = theme === 'light' || theme === 'dark' ? theme : 'auto';
        sendTheme(widget);
      }
    }
  }

  // Heights come only from the reader's origin and only from one of these iframes.
  w.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== reader || !data || data.type !== 'broadsheet:height') return;
    for (var i = 0; i < widgets.length; i++) {
      var widget = widgets[i];
      if (widget.key === data.widget && widget.frame.contentWindow === event.source) {
        // Its document's title, in the language of its interface, which may not be this page's.
        if (!widget.titled && typeof data.title == 'string' && data.title) {
          widget.frame.title = data.title.slice(0, 300);
          widget.frame.lang = /^[a-z]{2,8}(-[a-z\d]{1,8})*$/i.test(data.lang) ? data.lang : '';
        }
        var height = Math.ceil(+data.height);
        if (!(height >= 0)) return;
        widget.frame.style.height = Math.min(MAX, Math.max(MIN, height)) + 'px';
        widget.live = true;
        // A widget's first message (also after its iframe reloads) says it listens: send the
        // theme, which may have changed since the iframe's address was written.
        if (data.first) sendTheme(widget);
      }
    }
  });

  if (dark) {
    var follow = function () {
      for (var i = 0; i < widgets.length; i++) if (widgets[i].theme === 'auto') sendTheme(widgets[i]);
    };
    dark.addEventListener ? dark.addEventListener('change', follow) : dark.addListener(follow);
  }

  // Later changes. A new data-theme is posted to the widget; a new kind, article or language
  // gets a new iframe (a new src would add an entry to the partner's history). Widgets whose
  // elements left the page go; new ones come.
  new MutationObserver(function (changes) {
    var nodes = false;
    for (var i = 0; i < changes.length; i++) {
      var target = changes[i].target, widget = byElement.get(target);
      if (changes[i].type === 'childList') nodes = true;
      else if (changes[i].attributeName === 'data-theme') setTheme(themeOf(target), target);
      else if (!widget || widget.shown !== shown(target)) {
        if (widget) unmount(widget);
        mount(target, widget && widget.theme);
      }
    }
    if (nodes) {
      for (i = widgets.length; i--; ) if (!widgets[i].el.isConnected) unmount(widgets[i]);
      scan();
    }
  }).observe(d.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: SHOWN.concat('data-theme') });

  w.Broadsheet = { setTheme: setTheme };
  scan();
})(window, document);
