// Page objects: what a reader sees and does, selected by role and accessible name.
import { expect, type Locator, type Page } from '@playwright/test';

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

  get headline(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get homeLink(): Locator {
    return this.page.getByRole('banner').getByRole('link');
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  get retry(): Locator {
    return this.page.getByRole('button', { name: 'Retry' });
  }

  async expectSetupError(message: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Broadsheet is not set up yet' })).toBeVisible();
    await expect(this.alert).toContainText(message);
  }
}

export class FrontPage extends ReaderApp {
  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Latest news' })).toBeVisible();
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

  async loadMore(): Promise<void> {
    await this.loadMoreButton.click();
  }

  async filterBySection(name: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
  }
}

export class RelatedList {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Related articles' });
  }

  get cardLinks(): Locator {
    return this.section.getByRole('heading', { level: 3 }).getByRole('link');
  }

  async openRelated(title: string): Promise<ArticlePage> {
    await this.section.getByRole('link', { name: title, exact: true }).click();
    return new ArticlePage(this.page);
  }
}

export class ArticlePage extends ReaderApp {
  async open(id: string): Promise<void> {
    await this.page.goto(`/articles/${encodeURIComponent(id)}`);
  }

  get article(): Locator {
    return this.page.getByRole('article');
  }

  get related(): RelatedList {
    return new RelatedList(this.page);
  }

  get shareButton(): Locator {
    return this.page.getByRole('button', { name: 'Share' });
  }

  get shareStatus(): Locator {
    return this.page.locator('.share').getByRole('status');
  }

  async expectHeadline(title: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  /** "By Mira Okafor and Sam Lee". */
  get byline(): Locator {
    return this.article.getByText(/^By /);
  }

  /** The article's section, above the headline. */
  get kicker(): Locator {
    return this.article.locator('.kicker');
  }

  /** A time shown on the article, by its machine-readable value. */
  time(datetime: string): Locator {
    return this.article.locator(`time[datetime="${datetime}"]`);
  }

  /** The blocks of HTML from the backend, after sanitising. */
  get htmlBlocks(): Locator {
    return this.article.locator('.html-block');
  }
}
