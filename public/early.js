// Starts the first requests while the app's wasm is still downloading: the configuration and, on
// an article page of a native backend, the article itself. The app (src/api/http.rs) takes each
// answer once instead of asking again; anything unexpected here just means the app asks itself.
(function () {
  'use strict';
  if (window.__broadsheetEarly || !window.fetch) return;
  var early = (window.__broadsheetEarly = {});
  var get = function (url) {
    var options = { headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    // The app's own time limit (TIMEOUT_MS in src/api/http.rs).
    if (window.AbortSignal && AbortSignal.timeout) options.signal = AbortSignal.timeout(8000);
    return fetch(url, options);
  };
  var article = /^\/articles\/([^/]+)\/?$/.exec(location.pathname);
  // The configuration is handed over only once the article request is registered, so the app
  // can never ask for the article before it could find this one.
  early['/config.json'] = get('/config.json').then(function (response) {
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
          early[url] = get(url);
        }
        return response;
      })
      .catch(function () {
        return response;
      });
  });
})();
