// Page objects: what a reader sees and does, selected by role and accessible name. Specs use
// these instead of their own selectors (`kit.spec.ts` checks that no selector is repeated), so a
// team pointing the kit at its own deployment has one place to adapt.
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { catalogue, say } from './locale';
import { escapeRegExp } from './patterns';

/** The states every section exposes as `data-state` (see docs/testing-in-your-ci.md, "What the app promises to tests"). */
export type SectionState = 'loading' | 'ready' | 'empty' | 'error';

/** Waits until a section has settled: loaded, empty or failed, and no longer busy. */
export async function expectSettled(section: Locator, state: SectionState | RegExp = /^(ready|empty|error)$/): Promise<void> {
  await expect(section).toHaveAttribute('data-state', state);
  await expect(section).not.toHaveAttribute('aria-busy', 'true');
}

/** The times in `within` (an article's header, a comment list). */
export function timesIn(within: Locator): Locator {
  return within.locator('time');
}

export class ReaderApp {
  constructor(readonly page: Page) {}

  /** Collects uncaught errors and Rust panics, to assert that none happened. */
  watchForCrashes(): string[] {
    const crashes: string[] = [];
    this.page.on('pageerror', (error) => crashes.push(error.message));
    this.page.on('console', (message) => {
      if (message.type() === 'error' && /panicked|unreachable|RuntimeError/.test(message.text())) {
        crashes.push(message.text());
      }
    });
    return crashes;
  }

  /** Expects the document title of an article's page: "Headline – Site", in the English
   *  catalogue's pattern (`head.title`), whatever the site is called. */
  async expectArticleTitle(headline: string): Promise<void> {
    const [before, after] = catalogue('en')['head.title'].split('{{site}}');
    const pattern = new RegExp(`^${escapeRegExp(say(before, { page: headline }))}.+${escapeRegExp(after)}$`);
    await expect(this.page).toHaveTitle(pattern);
  }

  get headline(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** What the page says is wrong (the set-up page's problem, a section's failure). */
  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  get banner(): Locator {
    return this.page.getByRole('banner');
  }

  get homeLink(): Locator {
    return this.banner.getByRole('link');
  }

  get main(): Locator {
    return this.page.getByRole('main');
  }

  get skipLink(): Locator {
    return this.page.getByRole('link', { name: 'Skip to content' });
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  get retry(): Locator {
    return this.page.getByRole('button', { name: 'Retry' });
  }

  /** The footer's invitation to install the apps (shown only when app links are configured). */
  get appPromo(): Locator {
    return this.page.getByRole('contentinfo').getByRole('heading', { name: 'Get started now: download the app' });
  }

  /** Placeholder lines shown while a section loads. */
  get skeletonLines(): Locator {
    return this.page.locator('.skeleton > *');
  }

  /** Every relative or absolute time on the page, in document order. */
  get times(): Locator {
    return this.page.locator('time');
  }

  async expectFrontPage(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Latest news' })).toBeVisible();
  }

  async expectNotFound(): Promise<void> {
    await expect(this.headline).toHaveText('Page not found');
  }

  async backToFrontPage(): Promise<void> {
    await this.page.getByRole('link', { name: 'Go to the front page' }).click();
    await this.expectFrontPage();
  }

  async expectSetupError(message: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Broadsheet is not set up yet' })).toBeVisible();
    await expect(this.alert).toContainText(message);
  }
}

export class FrontPage extends ReaderApp {
  async open(section?: string): Promise<void> {
    await this.page.goto(section ? `/?section=${encodeURIComponent(section)}` : '/');
    await this.expectFrontPage();
  }

  async openArticle(title: string): Promise<ArticlePage> {
    await this.page.getByRole('link', { name: title, exact: true }).click();
    return new ArticlePage(this.page);
  }

  get feed(): Locator {
    return this.page.getByRole('region', { name: 'Latest news' });
  }

  get cardLinks(): Locator {
    return this.feed.getByRole('listitem').getByRole('heading').getByRole('link');
  }

  get loadMoreButton(): Locator {
    return this.page.getByRole('button', { name: 'Load more' });
  }

  /** The polite announcement after more articles load. */
  get loadedAnnouncement(): Locator {
    return this.feed.getByRole('status');
  }

  sectionLink(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
  }

  async loadMore(): Promise<void> {
    await this.loadMoreButton.click();
  }

  async filterBySection(name: string): Promise<void> {
    await this.sectionLink(name).click();
  }
}

export class RelatedList {
  /** `within`: the frame of an embedded related widget (see `EmbedHost`), else the page. */
  constructor(
    readonly page: Page,
    readonly within: Page | FrameLocator = page,
  ) {}

  get section(): Locator {
    return this.within.getByRole('region', { name: 'Related articles' });
  }

  get cardLinks(): Locator {
    return this.section.getByRole('heading', { level: 3 }).getByRole('link');
  }

  card(title: string): Locator {
    return this.section.getByRole('link', { name: title, exact: true });
  }

  get alert(): Locator {
    return this.section.getByRole('alert');
  }

  async retry(): Promise<void> {
    await this.section.getByRole('button', { name: 'Retry' }).click();
  }

  async openRelated(title: string): Promise<ArticlePage> {
    await this.card(title).click();
    return new ArticlePage(this.page);
  }
}

export class ArticlePage extends ReaderApp {
  async open(id: string): Promise<void> {
    await this.page.goto(`/articles/${encodeURIComponent(id)}`);
  }

  /** The preview `early.js` paints from the article's JSON before the app runs. It is hidden
   *  from assistive technology (they get the app's page, announced as loading), so it has no
   *  role to find it by. */
  get preview(): Locator {
    return this.page.locator('#early-preview');
  }

  /** The preview's headline. */
  get previewHeadline(): Locator {
    return this.preview.locator('h1');
  }

  /** The article page's own section: `data-state` tells whether the article is shown. */
  get state(): Locator {
    return this.page.locator('.article-page');
  }

  /** The note under a body too long to show in full. */
  get truncationNote(): Locator {
    return this.article.getByRole('note').filter({ hasText: 'too long to show in full' });
  }

  /** The note on an article whose backend gives no body (a password-protected post). */
  get withheldNote(): Locator {
    return this.article.getByRole('note').filter({ hasText: catalogue('en')['article.withheld'] });
  }

  /** Asks for the article again after it failed to load. */
  async retryArticle(): Promise<void> {
    await this.state.getByRole('button', { name: 'Retry' }).click();
  }

  /** The article itself (related cards are articles too: this is the one with the headline). */
  get article(): Locator {
    return this.main.getByRole('article').filter({ has: this.headline });
  }

  get related(): RelatedList {
    return new RelatedList(this.page);
  }

  /** Text anywhere in the article, matched exactly. */
  text(text: string): Locator {
    return this.article.getByText(text, { exact: true });
  }

  publishedTime(datetime: string): Locator {
    return this.article.locator(`time[datetime="${datetime}"]`);
  }

  get readingTime(): Locator {
    return this.article.getByText(/\d+ min read/);
  }

  image(alt: string): Locator {
    return this.article.getByRole('img', { name: alt });
  }

  get bodyImages(): Locator {
    return this.article.locator('.article-body img');
  }

  get bodyParagraphs(): Locator {
    return this.article.locator('.article-body p');
  }

  /** List items in the article, or within one part of it. */
  listItems(within: Locator = this.article): Locator {
    return within.getByRole('listitem');
  }

  get quotes(): Locator {
    return this.article.locator('blockquote');
  }

  /** Markup from `html` blocks, after the sanitiser. */
  get htmlBlocks(): Locator {
    return this.article.locator('.html-block');
  }

  get shareButton(): Locator {
    return this.page.getByRole('button', { name: 'Share' });
  }

  get shareStatus(): Locator {
    return this.page.locator('.share').getByRole('status');
  }

  get metaDescription(): Locator {
    return this.page.locator('meta[name="description"]');
  }

  /** What the head tells link unfurlers and search engines, as data: its `<meta>` tags by name
   *  or property (sorted; not the page's own viewport, colour scheme or robots), its canonical
   *  link and its JSON-LD. */
  async headDescription(): Promise<{ meta: string[]; canonical: string | null; jsonLd: unknown[] }> {
    return this.page.evaluate(() => {
      const own = ['viewport', 'color-scheme', 'robots'];
      const meta = [...document.head.querySelectorAll('meta[name], meta[property]')]
        .filter((tag) => !own.includes(tag.getAttribute('name') ?? ''))
        .map((tag) => {
          const key = tag.hasAttribute('property') ? `property=${tag.getAttribute('property')}` : `name=${tag.getAttribute('name')}`;
          return `${key} ${tag.getAttribute('content')}`;
        })
        .sort();
      const canonical = document.head.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
      const jsonLd = [...document.head.querySelectorAll('script[type="application/ld+json"]')].map((script) => JSON.parse(script.textContent ?? 'null'));
      return { meta, canonical, jsonLd };
    });
  }

  /** The page's `<meta name="robots">`, which widget pages carry (noindex). */
  get robotsMeta(): Locator {
    return this.page.locator('meta[name="robots"]');
  }

  get canonicalLink(): Locator {
    return this.page.locator('link[rel="canonical"]');
  }

  async expectHeadline(title: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  /** A part of an article's header, by its class (model/src/header.rs), in the article or in
   *  the preview (`within`). */
  headerPart(part: 'byline' | 'meta', within: Locator = this.article): Locator {
    return within.locator(`.${part}`);
  }

  /** "By Mira Okafor and Sam Lee". */
  get byline(): Locator {
    return this.article.getByText(/^By /);
  }

  /** The article's section, above the headline. */
  get kicker(): Locator {
    return this.article.locator('.kicker');
  }
}
