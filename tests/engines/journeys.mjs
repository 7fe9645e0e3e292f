// The reader's journeys, run in each engine by run.mjs. Each reads the data it expects through
// the contract API (the backend's own answers), selects by role and accessible name (kit.mjs),
// and waits for states (`data-state`), never for time. Journeys that post use their own article
// and unique text: both engines share one database.
import { expectEqual, expectTrue, waitFor } from './kit.mjs';

const unique = (what) => `${what} ${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const squash = (text) => text.replace(/\s+/g, ' ').trim();

/** The article page's own section (its data-state says whether the article is shown). */
async function articleShown(browser, title) {
  // Asked afresh each time: after in-app navigation or Back the page shown a moment ago may still
  // be there, ready, until the new one replaces it (and a kept reference to it goes stale).
  await waitFor(`the article page "${title}", ready`, () =>
    browser.run(
      `const page = document.querySelector('.article-page');
       return !!page && page.getAttribute('data-state') === 'ready' && page.getAttribute('aria-busy') !== 'true'
         && page.querySelector('h1')?.textContent.replace(/\\s+/g, ' ').trim() === arguments[0];`,
      squash(title),
    ),
  );
  await browser.byRole('heading', { level: 1, name: title });
  // Related cards are articles too: the article is the one holding the headline.
  const articles = await browser.allByRole('article', { within: await browser.byRole('main') });
  for (const article of articles) {
    if (await browser.run(`return !!arguments[0].querySelector('h1');`, article)) return article;
  }
  throw new Error('no article holds the headline');
}

async function openArticle(browser, reader, article) {
  await browser.open(`${reader}/articles/${encodeURIComponent(article.id)}`);
  return articleShown(browser, article.title);
}

async function commentsRegion(browser) {
  const region = await browser.byRole('region', { name: /^Comments/ });
  await browser.settled(region, /^(ready|empty)$/);
  return region;
}

/** Fills the form (the new-comment form unless `form` is given) and presses its post button. */
async function postComment(browser, form, name, body) {
  await browser.typeInto(await browser.field('Name', form), name);
  await browser.typeInto(await browser.field('Comment', form), body);
  await browser.click(await browser.byRole('button', { name: 'Post comment', within: form }));
}

/** The comment list entries whose text includes `text`. */
async function commentsWith(browser, region, text) {
  const items = await browser.allByRole('listitem', { within: region });
  const found = [];
  for (const item of items) if ((await browser.text(item)).includes(text)) found.push(item);
  return found;
}

async function allComments(api, id) {
  const all = [];
  let cursor = null;
  do {
    const page = await api(`/api/v1/articles/${encodeURIComponent(id)}/comments?sort=oldest&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

async function findArticle(api, matches) {
  const { items } = await api('/api/v1/articles?limit=100');
  for (const item of items) {
    const article = await api(`/api/v1/articles/${encodeURIComponent(item.id)}`);
    if (matches(article)) return article;
  }
  throw new Error('no article matches');
}


/** The widget kinds, with their iframe titles and the names of their outermost regions. */
const WIDGETS = {
  card: { region: 'Article' },
  related: { region: 'Related articles' },
  comments: { region: /^Comments/ },
};

/** The iframe of a widget on the partner page (the top frame must be current). */
async function widgetFrame(browser, kind) {
  return waitFor(`the ${kind} iframe`, () => browser.run(`return document.querySelector('[data-broadsheet="' + arguments[0] + '"] iframe');`, kind));
}

/** Switches into a widget's iframe, waits for it to be ready, and returns its region. */
async function enterWidget(browser, kind) {
  const frame = await widgetFrame(browser, kind);
  await browser.run('arguments[0].scrollIntoView();', frame);
  await browser.frame(frame);
  const main = await browser.byRole('main');
  const region = await browser.byRole('region', { name: WIDGETS[kind].region, within: main });
  await browser.settled(region, 'ready');
  return region;
}

/** Waits until the widget's iframe is as tall as its content, from the partner page's side. */
async function expectFitted(browser, kind) {
  const frame = await widgetFrame(browser, kind);
  await waitFor(`the ${kind} iframe to fit its content`, async () => {
    const outer = await browser.run('return arguments[0].getBoundingClientRect().height;', frame);
    await browser.frame(frame);
    const inner = await browser.run('return Math.ceil(document.documentElement.getBoundingClientRect().height);');
    await browser.frame(null);
    return inner > 40 && Math.abs(outer - inner) <= 1;
  });
}

const colorScheme = (browser) => browser.run('return getComputedStyle(document.documentElement).colorScheme;');

/** The comments each engine posts on: its own, so the engines never count each other's. */
const POSTS_ON = {
  firefox: { post: 'tidal-battery-prototype', fail: 'rooftop-honey-pollen' },
  webkit: { post: 'night-shift-choir-prize', fail: 'soil-fungi-old-oaks' },
};

export const journeys = [
  {
    title: 'the article page shows every block, sanitised HTML and its time',
    async run({ browser, reader, api }) {
      const article = await findArticle(
        api,
        (a) => ['heading', 'quote', 'list', 'html'].every((t) => a.body.some((b) => b.type === t)) && a.body.some((b) => b.type === 'html' && b.html.includes('href="http')),
      );
      const view = await openArticle(browser, reader, article);
      // "Headline – Site", the English catalogue's `head.title`.
      const title = await browser.driver.getTitle();
      expectEqual(title.startsWith(`${article.title} – `), true, `the document title (${title})`);
      const heading = article.body.find((b) => b.type === 'heading');
      await browser.byRole('heading', { level: heading.level, name: heading.text, within: view });
      const paragraph = article.body.find((b) => b.type === 'paragraph');
      const paragraphs = await browser.run(`return [...arguments[0].querySelectorAll('.article-body p')].map((p) => p.textContent);`, view);
      expectTrue(paragraphs.map(squash).includes(squash(paragraph.text)), `the first paragraph is shown: ${paragraph.text}`);
      const list = article.body.find((b) => b.type === 'list');
      const items = await browser.allByRole('listitem', { within: view });
      const texts = await Promise.all(items.map((i) => browser.text(i)));
      expectTrue(texts.some((t) => t.includes(squash(list.items[0]))), 'the list block is shown');
      const quote = article.body.find((b) => b.type === 'quote');
      const quotes = await browser.run(`return [...arguments[0].querySelectorAll('blockquote')].map((q) => q.textContent);`, view);
      expectTrue(quotes.some((q) => squash(q).includes(squash(quote.text))), 'the quote is shown');
      // The sanitiser's output: links off-site cannot reach the opener, no script or handlers.
      const html = await browser.run(
        `const blocks = [...arguments[0].querySelectorAll('.html-block')];
         return { blocks: blocks.length,
                  rel: blocks.flatMap((b) => [...b.querySelectorAll('a[href^="http"]')]).map((a) => a.getAttribute('rel')),
                  unsafe: blocks.flatMap((b) => [...b.querySelectorAll('script, [onclick], [onerror], [style]')]).length };`,
        view,
      );
      expectTrue(html.blocks > 0 && html.rel.length > 0, 'the html blocks and their links are shown');
      expectTrue(html.rel.every((rel) => rel === 'noopener noreferrer'), `off-site links have rel="noopener noreferrer": ${html.rel}`);
      expectEqual(html.unsafe, 0, 'script, handlers and styles in html blocks');
      // The published time: machine-readable, its full date in UTC on hover, a relative text.
      const time = await browser.run(`return arguments[0].querySelector('time[datetime="' + arguments[1] + '"]');`, view, article.published_at);
      expectTrue(time, `a <time datetime="${article.published_at}">`);
      expectTrue(/UTC$/.test(await time.getAttribute('title')), 'the time has its UTC date as title');
      expectTrue(/ago|just now|yesterday|\d{4}/.test(await browser.text(time)), `the time reads as a time: ${await browser.text(time)}`);
      await browser.expectNoAxeViolations('the article page');
    },
  },
  {
    title: 'a right-to-left article sets its language and direction',
    async run({ browser, reader, api }) {
      const article = await findArticle(api, (a) => a.language === 'ar');
      const view = await openArticle(browser, reader, article);
      expectEqual(await view.getAttribute('lang'), 'ar', 'the article language');
      expectEqual(await view.getAttribute('dir'), 'rtl', 'the article direction');
      const direction = await browser.run(`return getComputedStyle(arguments[0].querySelector('.article-body p')).direction;`, view);
      expectEqual(direction, 'rtl', 'the computed direction of the body');
      await browser.expectNoAxeViolations('a right-to-left article');
    },
  },
  {
    title: 'related articles open in place, and back and forward return',
    async run({ browser, reader, api }) {
      const article = await findArticle(api, () => true);
      const related = (await api(`/api/v1/articles/${encodeURIComponent(article.id)}/related`)).items.filter((r) => r.id !== article.id);
      expectTrue(related.length > 0, 'the article has related articles');
      await openArticle(browser, reader, article);
      const region = await browser.byRole('region', { name: 'Related articles' });
      await browser.settled(region, 'ready');
      const link = await browser.byRole('link', { name: related[0].title, within: region });
      // A marker that survives only while the page is not reloaded: navigation stays in the app.
      await browser.run('window.__stayed = true;');
      await browser.click(link);
      await articleShown(browser, related[0].title);
      expectEqual(new URL(await browser.url()).pathname, `/articles/${encodeURIComponent(related[0].id)}`, 'the address after following the card');
      expectEqual(await browser.run('return window.__stayed === true;'), true, 'the app followed the link without a reload');
      await browser.driver.navigate().back();
      await articleShown(browser, article.title);
      expectEqual(new URL(await browser.url()).pathname, `/articles/${encodeURIComponent(article.id)}`, 'the address after Back');
      await browser.driver.navigate().forward();
      await articleShown(browser, related[0].title);
      expectEqual(new URL(await browser.url()).pathname, `/articles/${encodeURIComponent(related[0].id)}`, 'the address after Forward');
    },
  },
  {
    title: 'a reader reads comments, posts one and a reply, and both are there after a reload',
    async run({ browser, reader, api, engine }) {
      const id = POSTS_ON[engine].post;
      const article = await api(`/api/v1/articles/${id}`);
      expectTrue(article.comments?.enabled, `comments are open on ${id}`);
      const before = await allComments(api, id);
      await openArticle(browser, reader, article);
      const region = await commentsRegion(browser);
      const heading = await browser.byRole('heading', { level: 2, within: region });
      expectEqual(await browser.text(heading), `Comments (${before.length})`, 'the comments heading');
      if (before.length) expectTrue((await commentsWith(browser, region, before[0].body.split('\n')[0])).length > 0, 'the first comment is shown');

      const name = unique('Ada');
      const body = unique('Read in another engine');
      const form = await browser.byRole('form', { name: 'Write a comment', within: region });
      await postComment(browser, form, name, body);
      await waitFor('the posted comment', async () => (await commentsWith(browser, region, body)).length === 1);
      const status = await browser.byRole('status', { within: region });
      await waitFor('"Your comment was posted."', async () => (await browser.text(status)) === 'Your comment was posted.');
      expectEqual(await browser.value(await browser.field('Comment', form)), '', 'the comment field after posting');

      const replyBody = unique('A reply');
      await browser.click(await browser.byRole('button', { name: `Reply to ${name}`, within: region }));
      const replyForm = await browser.byRole('form', { name: `Reply to ${name}`, within: region });
      await postComment(browser, replyForm, unique('Ben'), replyBody);
      await waitFor('the reply', async () => (await commentsWith(browser, region, replyBody)).length === 1);

      const stored = await allComments(api, id);
      const comment = stored.filter((c) => c.body === body);
      expectEqual(comment.length, 1, 'comments stored with that text');
      expectEqual(stored.filter((c) => c.body === replyBody).map((c) => c.parent_id), [comment[0].id], 'the reply is stored under the comment');

      await browser.driver.navigate().refresh();
      await articleShown(browser, article.title);
      const again = await commentsRegion(browser);
      const sort = await browser.field('Sort comments', again);
      await browser.click(sort);
      await browser.click(await browser.run(`return arguments[0].querySelector('option[value="newest"]');`, sort));
      await waitFor('the comment after a reload', async () => (await commentsWith(browser, again, body)).length > 0);
      const reply = await waitFor('the reply after a reload', async () => (await commentsWith(browser, again, replyBody))[0]);
      expectEqual(await reply.getAttribute('data-depth'), '1', 'the reply depth');
      await browser.expectNoAxeViolations('the comments');
    },
  },
  {
    title: 'more comments load on request, focus moves to the first new one, and a thread collapses',
    async run({ browser, reader, api }) {
      const id = 'harbour-tram-trial';
      const all = await allComments(api, id);
      const first = await api(`/api/v1/articles/${id}/comments?sort=oldest&limit=5`);
      expectTrue(first.next_cursor, `${id} has a second page of comments`);
      await openArticle(browser, reader, await api(`/api/v1/articles/${id}`));
      const region = await commentsRegion(browser);
      const items = () => browser.allByRole('listitem', { within: region });
      let shown = 0;
      await waitFor('the first page of comments', async () => (shown = (await items()).length) === first.items.length).catch((error) => {
        throw new Error(`${error.message} (${shown} shown, ${first.items.length} on the first page)`);
      });
      await browser.click(await browser.byRole('button', { name: 'Load more comments', within: region }));
      await waitFor('every comment', async () => (await items()).length === all.length);
      const firstNew = all.find((c) => !first.items.some((f) => f.id === c.id) && !c.parent_id);
      const target = (await items())[first.items.length];
      expectTrue((await browser.text(target)).includes(squash(firstNew.body)), 'the first new comment follows the first page');
      await waitFor('focus on the first new comment', () => browser.run('return document.activeElement === arguments[0];', target));
      await browser.expectNoRole('button', { name: 'Load more comments', within: region });
      const toggle = (await browser.allByRole('button', { name: 'Hide replies', within: region }))[0];
      expectTrue(toggle, 'a thread with replies');
      await browser.click(toggle);
      await waitFor('the replies hidden', async () => (await items()).length < all.length);
      const collapsed = await browser.run(`return [...arguments[0].querySelectorAll('button[aria-expanded="false"]')];`, region);
      expectEqual(collapsed.length, 1, 'collapsed threads');
      await browser.click(collapsed[0]);
      await waitFor('the replies shown again', async () => (await items()).length === all.length);
    },
  },
  {
    title: 'a failed post keeps the text, and Retry does not post it twice',
    async run({ browser, reader, api, faults, engine }) {
      const id = POSTS_ON[engine].fail;
      const article = await api(`/api/v1/articles/${id}`);
      await openArticle(browser, reader, article);
      const region = await commentsRegion(browser);
      // The post reaches the backend, but its answer is lost: the reader sees a failure, and the
      // retry must be recognised as the same comment (its idempotency key).
      const path = `/api/v1/articles/${id}/comments`;
      const lift = faults.arm((r) => r.method === 'POST' && r.url.startsWith(path), { status: 503, body: '{"error":{"code":"unavailable","message":"down"}}', forward: true });
      const name = unique('Cleo');
      const body = unique('Bees like the rooftops');
      const form = await browser.byRole('form', { name: 'Write a comment', within: region });
      await postComment(browser, form, name, body);
      const alert = await browser.byRole('alert', { within: form });
      await waitFor('the failure message', async () => (await browser.text(alert)).includes('wasn’t posted'));
      expectEqual(await browser.value(await browser.field('Comment', form)), body, 'the comment field after the failure');
      expectEqual(await browser.value(await browser.field('Name', form)), name, 'the name field after the failure');
      expectEqual((await commentsWith(browser, region, body)).length, 0, 'the failed comment shown as posted');
      expectEqual((await allComments(api, id)).filter((c) => c.body === body).length, 1, 'the backend holds the comment whose answer was lost');

      lift();
      await browser.click(await browser.byRole('button', { name: 'Retry', within: alert }));
      await waitFor('the comment after Retry', async () => (await commentsWith(browser, region, body)).length === 1);
      await browser.expectNoRole('alert', { within: form });
      expectEqual((await allComments(api, id)).filter((c) => c.body === body).length, 1, 'comments stored after Retry');
    },
  },
  {
    title: 'the front page lists the newest articles and Load more adds the next ones',
    async run({ browser, reader, api }) {
      const all = (await api('/api/v1/articles?limit=100')).items;
      await browser.open(`${reader}/`);
      await browser.byRole('heading', { level: 1, name: 'Latest news' });
      const feed = await browser.byRole('region', { name: 'Latest news' });
      await browser.settled(feed, 'ready');
      const cardTitles = async () => {
        const headings = await browser.run(`return [...arguments[0].querySelectorAll('li h2 a, li h3 a')];`, feed);
        return Promise.all(headings.map((h) => browser.nameOf(h)));
      };
      const first = await waitFor('the first page of cards', async () => {
        const titles = await cardTitles();
        return titles.length === Math.min(10, all.length) && titles;
      });
      expectEqual(first, all.slice(0, 10).map((a) => a.title), 'the first page, newest first');
      for (const title of first.slice(0, 3)) await browser.byRole('link', { name: title, within: feed });
      await browser.expectNoAxeViolations('the front page');
      if (all.length <= 10) return;
      await browser.click(await browser.byRole('button', { name: 'Load more' }));
      await waitFor('the next page of cards', async () => (await cardTitles()).length === Math.min(20, all.length));
      expectEqual(await cardTitles(), all.slice(0, 20).map((a) => a.title), 'both pages, in order');
      const status = await browser.byRole('status', { within: feed });
      await waitFor('the announcement', async () => /loaded/.test(await browser.text(status)));
      if (all.length <= 20) await browser.expectNoRole('button', { name: 'Load more' });
      // A card opens its article.
      await browser.click(await browser.byRole('link', { name: all[10].title, within: feed }));
      await articleShown(browser, all[10].title);
    },
  },
  {
    title: 'each widget on a partner page on another origin fits its content, takes its theme and opens links outside',
    async run({ browser, partner, reader, api }) {
      const id = 'salt-and-silver-film-week';
      const story = await api(`/api/v1/articles/${id}`);
      const related = (await api(`/api/v1/articles/${id}/related`)).items.filter((r) => r.id !== id);
      const comments = await allComments(api, id);
      await browser.open(`${partner}/?w=card:${id}:light&w=related:${id}&w=comments:${id}:dark`);
      for (const kind of Object.keys(WIDGETS)) {
        const frame = await widgetFrame(browser, kind);
        expectTrue((await frame.getAttribute('src')).startsWith(`${reader}/embed/`), `the ${kind} iframe shows the reader's widget`);
        const region = await enterWidget(browser, kind);
        // A widget has none of the full reader's chrome.
        expectEqual((await browser.allByRole('banner')).length + (await browser.allByRole('contentinfo')).length, 0, `the ${kind} widget's header and footer`);
        if (kind === 'card') await browser.byRole('link', { name: story.title, within: region });
        if (kind === 'related') {
          const links = await browser.allByRole('link', { within: region });
          const names = await Promise.all(links.map((l) => browser.nameOf(l)));
          for (const r of related) expectTrue(names.includes(r.title), `the related widget lists "${r.title}"`);
        }
        if (kind === 'comments') {
          const heading = await browser.byRole('heading', { level: 2, within: region });
          expectEqual(await browser.text(heading), `Comments (${comments.length})`, 'the comments widget heading');
        }
        expectEqual(await colorScheme(browser), kind === 'comments' ? 'dark' : 'light', `the ${kind} widget's theme`);
        await browser.expectNoAxeViolations(`the ${kind} widget`);
        // Screen readers on the partner's page hear the widget's own title, in its language.
        const title = await browser.run('return document.title;');
        expectTrue(title && title !== 'Broadsheet', `the ${kind} widget has a title of its own: ${title}`);
        await browser.frame(null);
        await waitFor(`the ${kind} iframe titled "${title}"`, async () => (await (await widgetFrame(browser, kind)).getAttribute('title')) === title);
        expectEqual(await (await widgetFrame(browser, kind)).getAttribute('lang'), 'en', `the ${kind} iframe's language`);
        await expectFitted(browser, kind);
      }
      // The partner changes the theme live.
      await browser.run(`window.Broadsheet.setTheme('dark', document.querySelector('[data-broadsheet="card"]'));`);
      const cardFrame = await widgetFrame(browser, 'card');
      // In view from the top page too: WebKit's driver clicks frames' content off screen astray.
      await browser.run('arguments[0].scrollIntoView({ block: "center" });', cardFrame);
      await browser.frame(cardFrame);
      await waitFor('the card to turn dark', async () => (await colorScheme(browser)) === 'dark');
      // Links leave the iframe: the article opens in a new tab of the reader, not in the frame.
      const link = await browser.byRole('link', { name: story.title });
      const before = await browser.driver.getAllWindowHandles();
      await browser.click(link);
      const tab = await waitFor('a new tab', async () => (await browser.driver.getAllWindowHandles()).find((h) => !before.includes(h)));
      await browser.driver.switchTo().window(tab);
      let seen = '';
      await waitFor('the article in the new tab', async () => {
        seen = await browser.url();
        return seen.startsWith('http') && new URL(seen).pathname === `/articles/${id}`;
      }).catch((error) => {
        throw new Error(`${error.message} (the tab shows ${seen})`);
      });
      expectEqual(new URL(await browser.url()).origin, reader, 'the new tab\'s origin');
      await articleShown(browser, story.title);
      await browser.driver.close();
      await browser.driver.switchTo().window(browser.home);
      await browser.frame(null);
      expectEqual(new URL(await browser.url()).origin, partner, 'the partner page stays');
      await browser.expectNoAxeViolations('the partner page');
    },
  },
  {
    title: 'a widget follows its element when a single-page partner changes its data-article, and goes and comes back with it',
    async run({ browser, partner, api }) {
      const [from, to] = ['salt-and-silver-film-week', 'harbour-tram-trial'];
      const [before, after] = [await api(`/api/v1/articles/${from}`), await api(`/api/v1/articles/${to}`)];
      await browser.open(`${partner}/?w=card:${from}`);
      await browser.byRole('link', { name: before.title, within: await enterWidget(browser, 'card') });
      await browser.frame(null);
      await expectFitted(browser, 'card');
      const history = await browser.run('return history.length;');

      await browser.run(`document.querySelector('[data-broadsheet="card"]').setAttribute('data-article', arguments[0]);`, to);
      // The old iframe goes and a new one comes: wait for it before going in.
      await waitFor('the iframe of the other article', () =>
        browser.run(`return [...document.querySelectorAll('[data-broadsheet] iframe')].map((f) => new URL(f.src).pathname).join() === arguments[0];`, `/embed/articles/${to}/card`),
      );
      await browser.byRole('link', { name: after.title, within: await enterWidget(browser, 'card') });
      await browser.frame(null);
      await expectFitted(browser, 'card');
      expectEqual(await browser.run('return history.length;'), history, 'the partner tab\'s history entries');

      // Taken off the page, the element takes its widget with it; put back, it gets a new one.
      await browser.run(`window.__widget = document.querySelector('[data-broadsheet="card"]'); window.__widget.remove();`);
      expectEqual(await browser.run('return document.querySelectorAll("iframe").length;'), 0, 'iframes once the element is gone');
      await browser.run(`window.__widget.setAttribute('data-article', arguments[0]); document.querySelector('main').append(window.__widget);`, from);
      await waitFor('one iframe of the first article again', () =>
        browser.run(`return [...document.querySelectorAll('[data-broadsheet] iframe')].map((f) => new URL(f.src).pathname).join() === arguments[0];`, `/embed/articles/${from}/card`),
      );
      await browser.byRole('link', { name: before.title, within: await enterWidget(browser, 'card') });
      await browser.frame(null);
      await expectFitted(browser, 'card');
    },
  },
  {
    title: 'a site that is not allowed gets no widget, even where the framing policy is not enforced',
    async run({ browser, evil, faults }) {
      const id = 'ashgrove-library-night-hours';
      faults.withoutFramingPolicy();
      await browser.open(`${evil}/?w=card:${id}`);
      await browser.frame(await widgetFrame(browser, 'card'));
      const alert = await browser.byRole('alert');
      await waitFor('the refusal', async () => (await browser.text(alert)) === 'This site isn’t allowed to show content from Broadsheet.');
      expectEqual((await browser.allByRole('region', { name: 'Article' })).length, 0, 'the card on a site that is not allowed');
      await browser.frame(null);
    },
  },
  {
    title: 'a site that frames a widget naming an allowed partner it is not gets no widget',
    async run({ browser, evil, faults }) {
      const id = 'ashgrove-library-night-hours';
      // Where the browser cannot say who frames the page (Firefox: no ancestorOrigins), only the
      // partner's answer shows the widget; the framing policy is off, as other servers may send none.
      faults.withoutFramingPolicy();
      await browser.open(`${evil}/forged?w=card:${id}`);
      await browser.frame(await widgetFrame(browser, 'card'));
      const alert = await browser.byRole('alert');
      await waitFor('the refusal', async () => (await browser.text(alert)) === 'This site isn’t allowed to show content from Broadsheet.');
      expectEqual((await browser.allByRole('region', { name: 'Article' })).length, 0, 'the card on a forged page');
      await browser.frame(null);
    },
  },
  {
    title: 'embed.js finds its own script on a page that clobbers document.currentScript',
    async run({ browser, partner, reader }) {
      const id = 'harbour-tram-trial';
      await browser.open(`${partner}/?w=card:${id}&clobber=1`);
      expectEqual(await browser.run(`return document.currentScript && document.currentScript.tagName;`), 'IMG', 'the page clobbers currentScript');
      const frame = await widgetFrame(browser, 'card');
      expectEqual(new URL(await frame.getAttribute('src')).origin, reader, 'the widget comes from the reader');
      await enterWidget(browser, 'card');
      await browser.frame(null);
    },
  },
  {
    title: 'the reader tools: a summary from the article, and a text size that is remembered',
    async run({ browser, reader, api }) {
      const prose = (a) => a.body.flatMap((b) => (b.type === 'paragraph' || b.type === 'heading' || b.type === 'quote' ? [b.text] : b.type === 'list' ? b.items : []));
      const article = await findArticle(api, (a) => (a.language ?? 'en').startsWith('en') && !a.body.some((b) => b.type === 'html') && prose(a).join(' ').split(/[.!?]\s/).length >= 6);
      const view = await openArticle(browser, reader, article);
      const toolbar = await browser.byRole('group', { name: 'Reader tools' });
      await browser.expectNoRole('region', { name: 'Summary' });
      await browser.click(await browser.byRole('button', { name: /summary/i, within: toolbar }));
      const summary = await browser.byRole('region', { name: 'Summary' });
      // The summariser is a part of its own (src/parts.rs): its sentences come once its code has.
      const items = await waitFor('the summary\'s sentences', async () => {
        const found = await browser.allByRole('listitem', { within: summary });
        return found.length ? found : false;
      });
      const sentences = await Promise.all(items.map((i) => browser.text(i)));
      expectTrue(sentences.length >= 3 && sentences.length <= 5, `3 to 5 sentences: ${sentences.length}`);
      const text = squash(prose(article).join(' '));
      const positions = sentences.map((s) => text.indexOf(s));
      expectTrue(positions.every((p) => p >= 0), `each is a sentence of the article: ${sentences.join(' | ')}`);
      expectEqual([...positions].sort((a, b) => a - b), positions, 'the sentences in the article\'s order');
      await browser.expectNoAxeViolations('the summary');

      const size = () => browser.run(`return parseFloat(getComputedStyle(arguments[0].querySelector('.article-body p')).fontSize);`, view);
      const before = await size();
      const select = await browser.field('Text size', toolbar);
      await browser.click(select);
      await browser.click(await browser.run(`return arguments[0].querySelector('option[value="x-large"]');`, select));
      await waitFor('a larger text', async () => (await size()) > before * 1.2);
      await browser.driver.navigate().refresh();
      const again = await articleShown(browser, article.title);
      expectEqual(await browser.value(await browser.field('Text size')), 'x-large', 'the text size after a reload');
      await waitFor('the larger text after a reload', async () => (await browser.run(`return parseFloat(getComputedStyle(arguments[0].querySelector('.article-body p')).fontSize);`, again)) > before * 1.2);
    },
  },
  {
    title: 'unknown articles and addresses show the not-found page',
    async run({ browser, reader }) {
      await browser.open(`${reader}/articles/no-such-article-anywhere`);
      await browser.byRole('heading', { level: 1, name: 'Page not found' });
      const main = await browser.byRole('main');
      await waitFor('the not-found message', async () => (await browser.text(main)).includes('We couldn’t find that article.'));
      await browser.expectNoAxeViolations('the not-found page');
      await browser.click(await browser.byRole('link', { name: 'Go to the front page' }));
      await browser.byRole('heading', { level: 1, name: 'Latest news' });
      await browser.open(`${reader}/no/such/page`);
      await browser.byRole('heading', { level: 1, name: 'Page not found' });
    },
  },
  {
    title: 'a broken config.json shows the set-up page, naming the key',
    async run({ browser, reader, faults }) {
      const broken = JSON.stringify({ site: { name: 'Broken' }, backend: { kind: 'gopher' } });
      const lift = faults.arm((r) => r.method === 'GET' && r.url.split('?')[0] === '/config.json', { status: 200, body: broken });
      try {
        await browser.open(`${reader}/`);
        await browser.byRole('heading', { level: 1, name: 'Broadsheet is not set up yet' });
        const alert = await browser.byRole('alert');
        await waitFor('the message naming the file and the key', async () => /\/config\.json.*backend\.kind/s.test(await browser.text(alert)));
        await browser.expectNoAxeViolations('the set-up page');
      } finally {
        lift();
      }
    },
  },
  {
    title: 'without AbortSignal.any (WebKit before Safari 17.4) a request that never answers still times out',
    engines: ['webkit'],
    async run({ browser, reader, api, faults }) {
      const article = await findArticle(api, (a) => a.language !== 'ar');
      faults.withoutAbortSignal(['any']);
      // The related list's request carries the page-leave signal as well as the time limit.
      faults.arm((r) => r.method === 'GET' && r.url.startsWith(`/api/v1/articles/${encodeURIComponent(article.id)}/related`), { hold: true });
      await openArticle(browser, reader, article);
      expectEqual(await browser.run('return typeof AbortSignal.any;'), 'undefined', 'AbortSignal.any in the page');
      const region = await browser.byRole('region', { name: 'Related articles' });
      // The app's time limit is 8 s; without it, the section would wait for ever.
      await browser.settled(region, 'error');
      const alert = await browser.byRole('alert', { within: region });
      expectTrue(/taking too long/.test(await browser.text(alert)), `the related list says it took too long: ${await browser.text(alert)}`);
    },
  },
  {
    title: 'without AbortSignal.timeout (WebKit before Safari 16) articles, related lists and comments still load',
    engines: ['webkit'],
    async run({ browser, reader, api, faults }) {
      const article = await findArticle(api, (a) => a.comments?.enabled && a.language !== 'ar');
      faults.withoutAbortSignal(['timeout', 'any']);
      await openArticle(browser, reader, article);
      expectEqual(await browser.run('return typeof AbortSignal.timeout;'), 'undefined', 'AbortSignal.timeout in the page');
      await browser.settled(await browser.byRole('region', { name: 'Related articles' }), 'ready');
      await commentsRegion(browser);
    },
  },
];
