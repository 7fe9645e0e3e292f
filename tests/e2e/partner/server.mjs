// A partner site for the embed specs, on origins other than the reader's: the allowed partner
// (PARTNER_PORT, listed in the app's embed.allowed_origins) and an "evil" site (EVIL_PORT, listed
// nowhere). Both serve the same pages, which load READER_ORIGIN/embed.js:
//   /?w=kind:article[:theme[:lang]]&w=...[&twice=1]  widgets written in the page, as a partner writes
//                                              them (twice: the script tag included twice;
//                                              clobber=1: an <img name="currentScript"> on the
//                                              page, which shadows document.currentScript)
//   /example                                   examples/partner.html, pointed at the reader
//   /frame                                     an empty page, for a foreign frame
//   /forged?w=kind:article                     the widget's page framed directly, its address
//                                              naming the allowed partner (a lie on EVIL_PORT)
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const reader = process.env.READER_ORIGIN;
const ports = [process.env.PARTNER_PORT, process.env.EVIL_PORT].map(Number);
if (!reader || ports.some((port) => !port)) {
  console.error('usage: READER_ORIGIN=http://127.0.0.1:8099 PARTNER_PORT=8300 EVIL_PORT=8301 node server.mjs');
  process.exit(2);
}
const example = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/partner.html');

const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function widget(spec) {
  const [kind = '', article = '', theme = '', lang = ''] = spec.split(':');
  const themed = theme ? ` data-theme="${escape(theme)}"` : '';
  const language = lang ? ` data-lang="${escape(lang)}"` : '';
  return `<div class="widget" data-broadsheet="${escape(kind)}" data-article="${escape(article)}"${themed}${language}></div>`;
}

function page(url) {
  const script = `<script src="${reader}/embed.js" async></script>`;
  // Named images become properties of the document, ahead of its own (DOM clobbering).
  const clobber = url.searchParams.has('clobber')
    ? `<img name="currentScript" src="http://127.0.0.1:${ports[1]}/x" alt="">\n`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Partner page</title>
<style>body { margin: 0; font: 16px/1.5 Georgia, serif; background: #fff; color: #111; } main { padding: 1rem; } .widget { margin-block: 1rem; }</style>
</head>
<body>
<main>
<h1>Partner page</h1>
<p>The partner's own story, with Broadsheet's widgets.</p>
${url.searchParams.getAll('w').map(widget).join('\n')}
</main>
${clobber}
${url.searchParams.has('twice') ? script + '\n' + script : script}
</body>
</html>
`;
}

function answer(request, response) {
  const url = new URL(request.url ?? '/', 'http://partner.invalid');
  const html = (body) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  switch (url.pathname) {
    case '/':
      return html(page(url));
    case '/example':
      return html(readFileSync(example, 'utf8').replaceAll('http://127.0.0.1:8080', reader));
    case '/frame':
      return html('<!doctype html><html lang="en"><title>Another frame</title><p>Another frame</p></html>');
    case '/forged': {
      // What a hostile site can write without embed.js: the address embed.js would have made for
      // the allowed partner. It never hears the widget's messages, which go to that origin only.
      const [kind = '', article = ''] = (url.searchParams.get('w') ?? '').split(':');
      const params = new URLSearchParams({ origin: `http://127.0.0.1:${ports[0]}`, widget: 'forged', theme: 'light' });
      const src = `${reader}/embed/articles/${encodeURIComponent(article)}/${encodeURIComponent(kind)}?${params}`;
      return html(`<!doctype html><html lang="en"><title>Forged page</title><main><div data-broadsheet="${escape(kind)}"><iframe title="Forged widget" src="${escape(src)}" style="width:100%;height:400px;border:0"></iframe></div></main></html>`);
    }
    default:
      return response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

for (const port of ports) http.createServer(answer).listen(port, '127.0.0.1');
