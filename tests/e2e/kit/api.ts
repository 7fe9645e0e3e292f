// Reads the backend's own data over the contract, so specs assert what the reader should see
// instead of hard-coding demo content.
import { expect, type APIRequestContext } from '@playwright/test';

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; level: number; text: string }
  | { type: 'quote'; text: string; cite?: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'image'; url: string; alt?: string }
  | { type: 'html'; html: string };

export type Article = {
  id: string;
  title: string;
  summary?: string;
  url?: string;
  language?: string;
  section?: string;
  published_at: string;
  updated_at?: string;
  source?: { name: string; url?: string };
  authors?: { name: string }[];
  image?: { url: string; alt?: string; width?: number; height?: number; caption?: string };
  comments?: { enabled: boolean; count?: number };
  body: Block[];
};

export const API = '/api/v1';

export async function feedIds(request: APIRequestContext): Promise<string[]> {
  const response = await request.get(`${API}/articles?limit=100`);
  expect(response.ok()).toBeTruthy();
  const { items } = await response.json();
  return items.map((item: { id: string }) => item.id);
}

export async function article(request: APIRequestContext, id: string): Promise<Article> {
  const response = await request.get(`${API}/articles/${encodeURIComponent(id)}`);
  expect(response.ok()).toBeTruthy();
  return response.json();
}

/**
 * The first article (newest first, or oldest first) that matches, with its full body. Specs
 * that post comments look from the oldest, away from the articles other specs count on.
 */
export async function findArticle(
  request: APIRequestContext,
  matches: (article: Article) => boolean = () => true,
  from: 'newest' | 'oldest' = 'newest',
): Promise<Article> {
  const ids = await feedIds(request);
  for (const id of from === 'newest' ? ids : ids.reverse()) {
    const candidate = await article(request, id);
    if (matches(candidate)) return candidate;
  }
  throw new Error('no article in the feed matches');
}

export function firstParagraph(article: Article): string {
  const paragraph = article.body.find((block) => block.type === 'paragraph');
  if (!paragraph || paragraph.type !== 'paragraph') throw new Error(`article ${article.id} has no paragraph`);
  return paragraph.text;
}

/** The related articles the backend lists for an article. */
export async function relatedTo(request: APIRequestContext, id: string): Promise<{ id: string; title: string }[]> {
  const response = await request.get(`${API}/articles/${encodeURIComponent(id)}/related`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()).items;
}
