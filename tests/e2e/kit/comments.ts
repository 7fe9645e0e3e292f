// The comments section under an article, as a reader sees and uses it: selected by role and
// accessible name, with methods named after what the reader does.
import { expect, type APIRequestContext, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { comments as readComments, firstCommentsPage, type Comment } from './api';

export type { Comment };

export class CommentsSection {
  readonly root: Locator;

  /** `within`: the frame of an embedded comments widget (see `EmbedHost`), else the page. */
  constructor(
    readonly page: Page,
    within: Page | FrameLocator = page,
  ) {
    this.root = within.getByRole('region', { name: /^Comments/ });
  }

  async open(articleId: string): Promise<void> {
    await this.page.goto(`/articles/${encodeURIComponent(articleId)}`);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.root).toHaveAttribute('data-state', /^(ready|empty)$/);
  }

  get heading(): Locator {
    return this.root.getByRole('heading', { level: 2 });
  }

  /** The form for a new top-level comment. */
  get form(): Locator {
    return this.root.getByRole('form', { name: 'Write a comment' });
  }

  replyForm(toAuthor: string): Locator {
    return this.root.getByRole('form', { name: `Reply to ${toAuthor}` });
  }

  nameField(form: Locator = this.form): Locator {
    return form.getByLabel('Name', { exact: true });
  }

  commentField(form: Locator = this.form): Locator {
    return form.getByLabel('Comment', { exact: true });
  }

  /** The list entries (comments), in display order. */
  get comments(): Locator {
    return this.root.getByRole('listitem');
  }

  /** The comment whose text includes `text`. */
  comment(text: string): Locator {
    return this.comments.filter({ hasText: text });
  }

  get status(): Locator {
    return this.root.getByRole('status');
  }

  /** The "Posting…" badge of a comment still on its way to the backend. */
  pendingBadge(comment: Locator): Locator {
    return comment.getByText('Posting…');
  }

  postButton(form: Locator = this.form): Locator {
    return form.getByRole('button', { name: /^(Post comment|Posting…)$/ });
  }

  /** A failed post's message, with its Retry button. */
  formAlert(form: Locator = this.form): Locator {
    return form.getByRole('alert');
  }

  async retryPost(form: Locator = this.form): Promise<void> {
    await this.formAlert(form).getByRole('button', { name: 'Retry' }).click();
  }

  /** Why the comments could not be loaded, with its Retry button. */
  get loadAlert(): Locator {
    return this.root.getByRole('alert').filter({ hasNot: this.form });
  }

  async retryLoad(): Promise<void> {
    await this.loadAlert.getByRole('button', { name: 'Retry' }).click();
  }

  get sortSelect(): Locator {
    return this.root.getByLabel('Sort comments');
  }

  get loadMoreButton(): Locator {
    return this.root.getByRole('button', { name: 'Load more comments' });
  }

  get hideRepliesButtons(): Locator {
    return this.root.getByRole('button', { name: 'Hide replies' });
  }

  /** Toggles of threads that are collapsed. */
  get collapsedToggles(): Locator {
    return this.root.locator('button[aria-expanded="false"]');
  }

  get replyButtons(): Locator {
    return this.root.getByRole('button', { name: /^Reply/ });
  }

  get forms(): Locator {
    return this.root.getByRole('form');
  }

  get closedNotice(): Locator {
    return this.root.getByText('Comments are closed');
  }

  get emptyNotice(): Locator {
    return this.root.getByText('No comments yet');
  }

  async write(name: string, body: string, form: Locator = this.form): Promise<void> {
    await this.nameField(form).fill(name);
    await this.commentField(form).fill(body);
  }

  async postComment(name: string, body: string): Promise<void> {
    await this.write(name, body);
    await this.postButton().click();
  }

  /** Opens the reply form under the first comment by `toAuthor`. */
  async openReply(toAuthor: string): Promise<Locator> {
    await this.root.getByRole('button', { name: `Reply to ${toAuthor}` }).first().click();
    return this.replyForm(toAuthor);
  }

  async cancelReply(toAuthor: string): Promise<void> {
    await this.replyForm(toAuthor).getByRole('button', { name: 'Cancel' }).click();
  }

  async reply(toAuthor: string, name: string, body: string): Promise<void> {
    const form = await this.openReply(toAuthor);
    await this.write(name, body, form);
    await this.postButton(form).click();
  }

  async loadMore(): Promise<void> {
    await this.loadMoreButton.click();
  }

  async sortBy(order: 'newest' | 'oldest'): Promise<void> {
    await this.sortSelect.selectOption(order);
  }
}

/** Every comment the backend holds for an article, whatever the app shows (read through the
 *  deployment's own URLs: see api.ts). */
export async function allComments(request: APIRequestContext, articleId: string): Promise<Comment[]> {
  return readComments(request, articleId);
}

/** The first page the app asks for (5 top-level threads on a native backend), straight from the backend. */
export async function firstPage(
  request: APIRequestContext,
  articleId: string,
  sort: 'oldest' | 'newest',
): Promise<{ items: Comment[]; next_cursor?: string | null; total?: number }> {
  return firstCommentsPage(request, articleId, sort);
}
