// A partner's page with Broadsheet's widgets on it, served from another origin by
// tests/e2e/partner/server.mjs: each widget's iframe and what is inside it, its height, its theme,
// and messages that other frames post to the partner page. Inside a widget, the usual page
// objects work (`comments(article)`, `related(article)`), selecting by role and name.
import { expect, type ElementHandle, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { CommentsSection } from './comments';
import { RelatedList } from './pages';
import { evilOrigin, partnerOrigin } from './partner';

export type WidgetKind = 'card' | 'related' | 'comments';
export type Theme = 'light' | 'dark' | 'auto';
/** `lang`: the widget's `data-lang`, its interface language over the site's. */
export type Widget = { kind: WidgetKind; article: string; theme?: Theme; lang?: string };

/** The accessible names of the widgets' outermost sections, which carry `data-state`. */
const ROOT_NAMES: Record<WidgetKind, RegExp> = {
  card: /^Article$/,
  related: /^Related articles$/,
  comments: /^Comments/,
};

/** What the partner page is made of, to check that embedding changed none of it. */
export type PartnerPage = { url: string; title: string; head: string; bodyStyle: string | null; styleSheets: number };

export class EmbedHost {
  constructor(
    readonly page: Page,
    readonly origin: string = partnerOrigin,
  ) {}

  /** The same pages on a site that no configuration allows. */
  static evil(page: Page): EmbedHost {
    return new EmbedHost(page, evilOrigin);
  }

  /** Opens a partner page with these widgets in its HTML; `scriptTwice`: with the script tag twice. */
  async open(widgets: Widget[], { scriptTwice = false } = {}): Promise<void> {
    const query = new URLSearchParams(widgets.map((w) => ['w', [w.kind, w.article, w.theme ?? '', w.lang ?? ''].join(':')]));
    if (scriptTwice) query.set('twice', '1');
    await this.page.goto(`${this.origin}/?${query}`);
  }

  /** Opens examples/partner.html, as docs/embedding.md ("Try it locally") tells partners to try it. */
  async openExample(): Promise<void> {
    await this.page.goto(`${this.origin}/example`);
  }

  /** Adds a widget to the loaded page, as the partner's own script would. */
  async addWidget({ kind, article, theme }: Widget): Promise<void> {
    await this.page.evaluate(
      ([kind, article, theme]) => {
        const element = document.createElement('div');
        element.dataset.broadsheet = kind;
        element.dataset.article = article;
        if (theme) element.dataset.theme = theme;
        document.querySelector('main')?.append(element);
      },
      [kind, article, theme ?? ''],
    );
  }

  /**
   * The partner changes a widget's element in place, as a single-page app does when it shows
   * another story: its `data-broadsheet`, `data-article` or `data-lang`.
   */
  async changeWidget(kind: WidgetKind, article: string, to: { kind?: WidgetKind; article?: string; lang?: string }): Promise<void> {
    await this.element(kind, article).evaluate((element, to) => {
      if (to.kind) element.setAttribute('data-broadsheet', to.kind);
      if (to.article) element.setAttribute('data-article', to.article);
      if (to.lang) element.setAttribute('data-lang', to.lang);
    }, to);
  }

  /** The partner takes a widget's element off the page, and keeps it to put back later. */
  async removeWidget(kind: WidgetKind, article: string): Promise<ElementHandle<Element>> {
    const element = await this.element(kind, article).elementHandle();
    if (!element) throw new Error(`no ${kind} widget of ${article}`);
    await element.evaluate((element) => element.remove());
    return element;
  }

  /** The partner puts an element it took off back on the page. */
  async putBack(element: ElementHandle<Element>): Promise<void> {
    await element.evaluate((element) => document.querySelector('main')?.append(element));
  }

  /** How many iframes are inside an element (one taken off the page, say). */
  async framesInside(element: ElementHandle<Element>): Promise<number> {
    return element.evaluate((element) => element.querySelectorAll('iframe').length);
  }

  /** The entries of the partner tab's history (an iframe navigated in place would add one). */
  async historyLength(): Promise<number> {
    return this.page.evaluate(() => history.length);
  }

  /** The root element of the widget's document: its `lang` is the widget's interface language. */
  documentRoot(kind: WidgetKind, article: string): Locator {
    return this.widget(kind, article).locator(':root');
  }

  /**
   * Marks the document in a widget's iframe; `reloadedSinceMark` says whether another document
   * has taken its place since (the iframe was reloaded or replaced).
   */
  async markWidget(kind: WidgetKind, article: string): Promise<void> {
    await this.documentRoot(kind, article).evaluate(() => ((window as unknown as { broadsheetMark: boolean }).broadsheetMark = true));
  }

  async reloadedSinceMark(kind: WidgetKind, article: string): Promise<boolean> {
    return this.documentRoot(kind, article).evaluate(() => (window as unknown as { broadsheetMark?: boolean }).broadsheetMark !== true);
  }

  /** The partner's element for a widget (`data-broadsheet`, `data-article`: the snippet's interface). */
  element(kind: WidgetKind, article: string): Locator {
    return this.page.locator(`[data-broadsheet="${kind}"][data-article="${article}"]`);
  }

  iframe(kind: WidgetKind, article: string): Locator {
    return this.element(kind, article).locator('iframe');
  }

  get iframes(): Locator {
    return this.page.locator('[data-broadsheet] iframe');
  }

  widget(kind: WidgetKind, article: string): FrameLocator {
    return this.iframe(kind, article).contentFrame();
  }

  /** The widget's outermost section: its `data-state` says whether it has loaded. */
  root(kind: WidgetKind, article: string): Locator {
    return this.widget(kind, article).getByRole('main').getByRole('region', { name: ROOT_NAMES[kind] });
  }

  comments(article: string): CommentsSection {
    return new CommentsSection(this.page, this.widget('comments', article));
  }

  related(article: string): RelatedList {
    return new RelatedList(this.page, this.widget('related', article));
  }

  /** The headline link of the card widget. */
  cardLink(article: string, title: string): Locator {
    return this.root('card', article).getByRole('link', { name: title, exact: true });
  }

  /** Every link inside a widget. */
  links(kind: WidgetKind, article: string): Locator {
    return this.widget(kind, article).getByRole('link');
  }

  /** The full reader's header, footer and skip link, should any of them be inside a widget. */
  chrome(kind: WidgetKind, article: string): Locator {
    const frame = this.widget(kind, article);
    return frame
      .getByRole('banner')
      .or(frame.getByRole('contentinfo'))
      .or(frame.getByRole('link', { name: 'Skip to content' }));
  }

  /** The message a widget shows instead of itself on a site it may not be shown on. */
  refusal(kind: WidgetKind, article: string): Locator {
    return this.widget(kind, article).getByRole('alert');
  }

  /** Clicks a link inside a widget and returns the tab it opened. */
  async openInNewTab(link: Locator): Promise<Page> {
    const [tab] = await Promise.all([this.page.context().waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    return tab;
  }

  /** The height of the widget's iframe on the partner page, in CSS pixels. */
  async height(kind: WidgetKind, article: string): Promise<number> {
    return this.iframe(kind, article).evaluate((frame) => frame.getBoundingClientRect().height);
  }

  /** The height of the widget's own content, inside its iframe. */
  async contentHeight(kind: WidgetKind, article: string): Promise<number> {
    return this.widget(kind, article)
      .locator(':root')
      .evaluate((root) => Math.ceil(root.getBoundingClientRect().height));
  }

  /**
   * Waits until the widget's iframe fits its content (and `fits(height)` holds), and returns
   * that height.
   */
  async waitForHeight(kind: WidgetKind, article: string, fits: (height: number) => boolean = () => true): Promise<number> {
    let height = 0;
    await expect
      .poll(
        async () => {
          const [outer, inner] = await Promise.all([this.height(kind, article), this.contentHeight(kind, article)]);
          height = outer;
          return outer === inner && fits(outer) ? 'fits' : `iframe ${outer}px, content ${inner}px`;
        },
        { message: `the ${kind} widget of ${article} fits its content` },
      )
      .toBe('fits');
    return height;
  }

  /** The colour scheme the widget is drawn in ("light" or "dark"). */
  async colorScheme(kind: WidgetKind, article: string): Promise<string> {
    return this.documentRoot(kind, article).evaluate((root) => getComputedStyle(root).colorScheme);
  }

  async expectColorScheme(kind: WidgetKind, article: string, scheme: 'light' | 'dark'): Promise<void> {
    await expect.poll(() => this.colorScheme(kind, article)).toBe(scheme);
  }

  /** The partner calls `Broadsheet.setTheme(theme[, element])`: every widget, or one. */
  async setTheme(theme: Theme, only?: { kind: WidgetKind; article: string }): Promise<void> {
    const element = only ? await this.element(only.kind, only.article).elementHandle() : null;
    await this.page.evaluate(
      ([theme, element]) => (window as unknown as { Broadsheet: { setTheme(t: string, e?: Element | null): void } }).Broadsheet.setTheme(theme, element),
      [theme, element] as const,
    );
  }

  /** The partner changes a widget's `data-theme` attribute. */
  async setThemeAttribute(kind: WidgetKind, article: string, theme: Theme): Promise<void> {
    await this.element(kind, article).evaluate((element, theme) => element.setAttribute('data-theme', theme), theme);
  }

  /** The partner moves a widget's element to the end of its parent, which reloads its iframe. */
  async moveWidget(kind: WidgetKind, article: string): Promise<void> {
    const path = `/embed/articles/${article}/${kind}`;
    const reloaded = this.page.waitForEvent('framenavigated', (frame) => new URL(frame.url()).pathname === path);
    await this.element(kind, article).evaluate((element) => element.parentElement?.append(element));
    await reloaded;
  }

  /** What the partner page is made of right now. */
  async partnerPage(): Promise<PartnerPage> {
    return this.page.evaluate(() => ({
      url: location.href,
      title: document.title,
      head: document.head.innerHTML,
      bodyStyle: document.body.getAttribute('style'),
      styleSheets: document.styleSheets.length,
    }));
  }

  /** The origin the widgets come from (the reader's). */
  async readerOrigin(kind: WidgetKind, article: string): Promise<string> {
    return new URL((await this.iframe(kind, article).getAttribute('src')) ?? '').origin;
  }

  /** The id embed.js gave a widget, which its messages carry. */
  async widgetId(kind: WidgetKind, article: string): Promise<string> {
    const src = (await this.iframe(kind, article).getAttribute('src')) ?? '';
    return new URL(src).searchParams.get('widget') ?? '';
  }

  /**
   * Posts `message` to the partner page from a frame at `url` that embed.js did not make (`*` as
   * the target: the sender is the attacker), and returns once the page has received it, so
   * embed.js has already had its say. With no `url`, the partner page posts it to itself.
   */
  async postFromAnotherFrame(message: Record<string, unknown>, url?: string): Promise<void> {
    const probe = `probe-${Date.now()}-${Math.random()}`;
    const received = this.page.evaluate(
      (probe) =>
        new Promise<void>((resolve) => {
          addEventListener('message', function seen(event) {
            if (event.data && event.data.probe === probe) {
              removeEventListener('message', seen);
              resolve();
            }
          });
        }),
      probe,
    );
    const sent = { ...message, probe };
    if (!url) {
      await this.page.evaluate((sent) => window.postMessage(sent, '*'), sent);
    } else {
      const name = `another-frame-${probe}`;
      await this.page.evaluate(
        ([url, name]) =>
          new Promise((loaded) => {
            const frame = document.createElement('iframe');
            frame.name = name;
            frame.title = 'Another frame';
            frame.addEventListener('load', loaded);
            frame.src = url;
            document.body.append(frame);
          }),
        [url, name],
      );
      const frame = this.page.frame({ name });
      if (!frame) throw new Error(`no frame named ${name}`);
      await frame.evaluate((sent) => parent.postMessage(sent, '*'), sent);
    }
    await received;
  }

  /** Sends the reader's embed pages without their Content-Security-Policy, to see what the app itself refuses. */
  async ignoreFramingPolicy(): Promise<void> {
    await this.page.route(
      (url) => url.pathname.startsWith('/embed/'),
      async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['content-security-policy'];
        await route.fulfill({ response, headers });
      },
    );
  }

  /** Changes the reader's `embed` settings in its config.json, for this page only. */
  async configureEmbeds(embed: Record<string, unknown>): Promise<void> {
    await this.page.route(
      (url) => url.pathname === '/config.json',
      async (route) => {
        const config = await (await route.fetch()).json();
        await route.fulfill({ json: { ...config, embed: { ...config.embed, ...embed } } });
      },
    );
  }
}
