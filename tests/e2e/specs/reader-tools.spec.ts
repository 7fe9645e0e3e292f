// Reader tools: a summary picked from the article, listening with the browser's voices, and a
// remembered text size; the promo lists them and can be switched off.
import { expect, test } from '@playwright/test';
import { findArticle, type Article } from '../kit/api';
import { expectNoAxeViolations } from '../kit/axe';
import { requireBackend } from '../kit/deployment';
import { ArticlePage } from '../kit/pages';
import { endUtterance, fakeSpeech, noSpeech, ReaderTools, speechLog, startUtterance } from '../kit/reader-tools';

requireBackend({ kinds: ['native'] }, 'picks articles by their native contract blocks and language');

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The article's prose as the reader sees it, one string per paragraph, quote or list item. */
function prose(article: Article): string[] {
  return article.body.flatMap((block) => {
    switch (block.type) {
      case 'paragraph':
      case 'quote':
        return [squash(block.text)];
      case 'list':
        return block.items.map(squash);
      default:
        return [];
    }
  });
}

const hasLongProse = (article: Article) =>
  !article.body.some((b) => b.type === 'html') && prose(article).join(' ').split(/[.!?؟]\s/).length >= 6;

for (const language of ['en', 'ar']) {
  test(`the summary picks 3 to 5 sentences from the article, in order (${language})`, async ({ page, request }) => {
    const article = await findArticle(request, (a) => (a.language ?? 'en').startsWith(language) && hasLongProse(a));
    const reader = new ArticlePage(page);
    const tools = new ReaderTools(page);
    const crashes = reader.watchForCrashes();
    await reader.open(article.id);
    await reader.expectHeadline(article.title);
    await expect(tools.summary).toBeHidden();
    await tools.openSummary();
    await expect(tools.summary).toBeVisible();
    await expect(tools.summary).toContainText('picked automatically from the article');
    const sentences = (await tools.summarySentences.allInnerTexts()).map(squash);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(5);
    // Each is a sentence of the article, and they come in the article's order.
    const text = prose(article).join(' ');
    const positions = sentences.map((sentence) => text.indexOf(sentence));
    expect(positions.every((p) => p >= 0), `${sentences.join(' | ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    await tools.summaryButton.click();
    await expect(tools.summary).toBeHidden();
    expect(crashes).toEqual([]);
  });
}

test('Listen reads the article block by block with a voice for its language, and pauses and stops', async ({ page, request }) => {
  await fakeSpeech(page);
  const article = await findArticle(request, (a) => a.language === 'ar');
  const reader = new ArticlePage(page);
  const tools = new ReaderTools(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  await tools.listenButton('Listen').click();
  await expect(tools.listenButton('Pause')).toBeVisible();

  const log = await speechLog(page);
  const firstParagraph = prose(article)[0];
  expect(log.spoken.map((u) => u.text)).toContain(firstParagraph);
  expect(log.spoken.every((u) => u.voice === 'Test Arabic' && u.lang === article.language)).toBe(true);

  const index = log.spoken.findIndex((u) => u.text === firstParagraph);
  await startUtterance(page, index);
  await expect(tools.speakingBlock).toHaveCount(1);
  await expect(tools.speakingBlock).toHaveText(firstParagraph);

  await tools.listenButton('Pause').click();
  await expect(tools.listenButton('Resume')).toBeVisible();
  await tools.listenButton('Resume').click();
  expect((await speechLog(page)).calls).toEqual(expect.arrayContaining(['pause', 'resume']));

  await tools.listenButton('Stop').click();
  await expect(tools.listenButton('Listen')).toBeVisible();
  await expect(tools.speakingBlock).toHaveCount(0);
});

test('Listen returns to its start when the last block has been read', async ({ page, request }) => {
  await fakeSpeech(page);
  const article = await findArticle(request, (a) => (a.language ?? 'en') === 'en');
  const reader = new ArticlePage(page);
  const tools = new ReaderTools(page);
  await reader.open(article.id);
  await tools.listenButton('Listen').click();
  const count = (await speechLog(page)).spoken.length;
  expect(count).toBeGreaterThan(1);
  await startUtterance(page, count - 1);
  await expect(tools.speakingBlock).toHaveCount(1);
  await endUtterance(page, count - 1);
  await expect(tools.listenButton('Listen')).toBeVisible();
  await expect(tools.speakingBlock).toHaveCount(0);
});

test('Listen is hidden where the browser has no speech synthesis, and says so where it has no voice for the language', async ({ page, request }) => {
  await noSpeech(page);
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  const tools = new ReaderTools(page);
  const crashes = reader.watchForCrashes();
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  await expect(tools.toolbar).toBeVisible();
  await expect(tools.listenControls).toHaveCount(0);
  await expect(tools.noVoiceNote).toHaveCount(0);
  await expect(tools.promoLink('Listen')).toBeHidden();
  expect(crashes).toEqual([]);

  const other = await page.context().newPage();
  await fakeSpeech(other, [{ name: 'Only French', lang: 'fr-FR', default: true }]);
  const english = await findArticle(request, (a) => (a.language ?? 'en') === 'en');
  await new ArticlePage(other).open(english.id);
  await new ArticlePage(other).expectHeadline(english.title);
  await expect(new ReaderTools(other).listenControls).toHaveCount(0);
  await expect(new ReaderTools(other).noVoiceNote).toBeVisible();
});

test('the text size is applied to the article and remembered', async ({ page, request }) => {
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  const tools = new ReaderTools(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  const size = () => reader.bodyParagraphs.first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  const before = await size();
  await tools.textSize.selectOption({ label: 'Extra large' });
  await expect.poll(size).toBeGreaterThan(before * 1.2);
  await page.reload();
  await reader.expectHeadline(article.title);
  await expect(tools.textSize).toHaveValue('x-large');
  await expect.poll(size).toBeGreaterThan(before * 1.2);
});

test('the promo lists the tools and takes the reader to each', async ({ page, request }) => {
  await fakeSpeech(page);
  const article = await findArticle(request, hasLongProse);
  const reader = new ArticlePage(page);
  const tools = new ReaderTools(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  await expect(tools.promo).toContainText(/Reading time: about \d+ min/);
  await expect(tools.promoLink('Listen')).toBeVisible();
  await tools.promoLink('Summary').click();
  await expect(tools.summary).toBeVisible();
  await expect(tools.summary).toBeFocused();
  await expectNoAxeViolations(page);
  await tools.promoLink('Listen').click();
  await expect(tools.listenButton('Listen')).toBeFocused();
  await tools.promoLink('Text size').click();
  await expect(tools.textSize).toBeFocused();
});

test('the promo can be switched off in config', async ({ page, request }) => {
  await page.route('**/config.json', async (route) => {
    const config = await (await route.fetch()).json();
    await route.fulfill({ json: { ...config, features: { ...config.features, promo: false } } });
  });
  const article = await findArticle(request);
  const reader = new ArticlePage(page);
  const tools = new ReaderTools(page);
  await reader.open(article.id);
  await reader.expectHeadline(article.title);
  await expect(tools.toolbar).toBeVisible();
  await expect(tools.promo).toHaveCount(0);
});
