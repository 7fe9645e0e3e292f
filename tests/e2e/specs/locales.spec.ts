// The interface in the site's language (site.locale) or a widget's (data-lang), with the article,
// comments and related stories in their own. The pseudo-locale (en-XA) shows any interface text
// that is not from a catalogue: every message is in brackets, everything else is article data.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../kit/axe';
import { deploymentOf, requireArticles } from '../kit/deployment';
import { EmbedHost } from '../kit/embed';
import {
  catalogue,
  expectNoEnglishInterface,
  expectOnlyCatalogueText,
  messagePattern,
  pseudo,
  PSEUDO,
  useSiteLocale,
  widgetSettled,
} from '../kit/locale';
import { routeTarget } from '../kit/faults';
import { escapeRegExp } from '../kit/patterns';
import { ArticlePage, expectSettled, ReaderApp, timesIn } from '../kit/pages';

requireArticles(['harbour-tram-trial', 'ferry-fare-cap', 'oud-nights-old-port', 'schwimmende-bibliothek']);

/** An article with threads of replies, in English. */
const WITH_REPLIES = 'harbour-tram-trial';
const ENGLISH_ARTICLE = 'ferry-fare-cap';
const ARABIC_ARTICLE = 'oud-nights-old-port';
const GERMAN_ARTICLE = 'schwimmende-bibliothek';

const english = catalogue('en');

async function siteNameOf(request: APIRequestContext): Promise<string> {
  return (await deploymentOf(request)).config.site?.name ?? 'Broadsheet';
}

/** Opens an article and waits for it, its related list and its comments to be drawn. */
async function openArticle(page: Page, id: string, messages: Record<string, string>): Promise<ArticlePage> {
  const reader = new ArticlePage(page);
  await reader.open(id);
  await expectSettled(reader.state, 'ready');
  await expectSettled(page.getByRole('region', { name: messages['related.heading'] }));
  await expectSettled(page.getByRole('region', { name: messagePattern(messages['comments.heading_with_count_other']) }));
  return reader;
}

test('in the pseudo-locale, every interface text on the article page comes from a catalogue', async ({ page, request }) => {
  await useSiteLocale(page, PSEUDO);
  const messages = Object.fromEntries(Object.entries(english).map(([key, message]) => [key, pseudo(message)]));
  const reader = await openArticle(page, WITH_REPLIES, messages);
  const crashes = reader.watchForCrashes();
  // The reader tools' summary, and the form's messages for a comment sent empty.
  await page.getByRole('button', { name: messages['tools.summary'], exact: true }).click();
  await expect(page.getByRole('region', { name: messages['tools.summary'] }).getByRole('listitem').first()).toBeVisible();
  await page.getByRole('button', { name: messages['comments.post'] }).first().click();
  await expect(page.getByText(messages['comments.name_missing'], { exact: true }).first()).toBeVisible();
  await expectOnlyCatalogueText(page, await siteNameOf(request));
  expect(crashes).toEqual([]);
});

test('in the pseudo-locale, the front page and the not-found page come from the catalogue', async ({ page, request }) => {
  await useSiteLocale(page, PSEUDO);
  const siteName = await siteNameOf(request);
  await page.goto('/');
  await expectSettled(page.getByRole('region', { name: pseudo(english['front.heading']) }));
  await expectOnlyCatalogueText(page, siteName);
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: pseudo(english['not_found.title']) })).toBeVisible();
  await expectOnlyCatalogueText(page, siteName);
});

test('in the pseudo-locale, each widget on a partner page comes from the catalogue', async ({ page, request }) => {
  const host = new EmbedHost(page);
  const widgets = [
    { kind: 'card', article: WITH_REPLIES, lang: PSEUDO },
    { kind: 'related', article: WITH_REPLIES, lang: PSEUDO },
    { kind: 'comments', article: WITH_REPLIES, lang: PSEUDO },
  ] as const;
  await host.open([...widgets]);
  const siteName = await siteNameOf(request);
  for (const { kind, article } of widgets) {
    await expectOnlyCatalogueText(await widgetSettled(host.iframe(kind, article)), siteName);
  }
});

test('a German site reading a German article shows no English interface text anywhere', async ({ page }) => {
  await useSiteLocale(page, 'de');
  const de = catalogue('de');
  const reader = await openArticle(page, GERMAN_ARTICLE, de);
  await expect(reader.article).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('link', { name: de['app.skip_to_content'] })).toBeAttached();
  await expect(page.getByRole('button', { name: de['share.button'] })).toBeVisible();
  await expectNoEnglishInterface(page, 'de');
  await page.goto('/');
  await expectSettled(page.getByRole('region', { name: de['front.heading'] }));
  await expectNoEnglishInterface(page, 'de');
});

test('an Arabic site is laid out right to left around an English article that stays left to right', async ({ page }) => {
  await useSiteLocale(page, 'ar');
  const ar = catalogue('ar');
  const reader = await openArticle(page, ENGLISH_ARTICLE, ar);
  await expectNoEnglishInterface(page, 'ar', 'rtl');
  const direction = (element: Element) => getComputedStyle(element).direction;
  expect(await reader.banner.evaluate(direction)).toBe('rtl');
  expect(await page.getByRole('contentinfo').evaluate(direction)).toBe('rtl');
  await expect(reader.article).toHaveAttribute('lang', 'en');
  expect(await reader.article.evaluate(direction)).toBe('ltr');
  await expectNoAxeViolations(page);
});

test('an Arabic article on an English site reads right to left inside a left-to-right page', async ({ page }) => {
  const reader = await openArticle(page, ARABIC_ARTICLE, english);
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(reader.article).toHaveAttribute('lang', 'ar');
  expect(await reader.article.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
});

test('a Japanese site shows counts and relative times in Japanese', async ({ page }) => {
  await useSiteLocale(page, 'ja');
  const ja = catalogue('ja');
  await openArticle(page, WITH_REPLIES, ja);
  const comments = page.getByRole('region', { name: messagePattern(ja['comments.heading_with_count_other']) });
  await expect(comments.getByRole('heading', { level: 2 })).toHaveText(messagePattern(ja['comments.heading_with_count_other']));
  // Intl's Japanese: "3 日前", "昨日", or a date written 2026年11月24日.
  const times = timesIn(comments);
  await expect(times.first()).toHaveText(/[前昨今年]/);
  await expectNoEnglishInterface(page, 'ja');
  await expectNoAxeViolations(page);
});

test('a widget with data-lang speaks its own language on a partner page in another', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open([
    { kind: 'comments', article: WITH_REPLIES, lang: 'de' },
    { kind: 'card', article: ENGLISH_ARTICLE, lang: 'ja' },
    { kind: 'related', article: ENGLISH_ARTICLE },
  ]);
  const de = catalogue('de');
  const ja = catalogue('ja');
  await expectNoEnglishInterface(await widgetSettled(host.iframe('comments', WITH_REPLIES)), 'de');
  await expect(host.widget('comments', WITH_REPLIES).getByRole('button', { name: de['comments.post'] })).toBeVisible();
  // The iframe's title for screen readers on the partner's page: the widget's, in German, and
  // marked as German.
  const comments = host.iframe('comments', WITH_REPLIES);
  await expect(comments).toHaveAttribute('lang', 'de');
  await expect(comments).toHaveAttribute('title', new RegExp(`^${escapeRegExp(de['embed.comments_title'].split('{{')[0])}`));
  await widgetSettled(host.iframe('card', ENGLISH_ARTICLE));
  await expect(host.widget('card', ENGLISH_ARTICLE).getByRole('region', { name: ja['embed.article'] })).toBeVisible();
  // Without data-lang, the site's language (English here).
  await widgetSettled(host.iframe('related', ENGLISH_ARTICLE));
  await expect(host.related(ENGLISH_ARTICLE).section).toBeVisible();
});

test('a comment is in its own language on an Arabic site, or in none: never in the interface’s', async ({ page, request }) => {
  const deployment = await deploymentOf(request);
  test.skip(deployment.kind !== 'native', 'gives a comment a language in the contract’s shape (Comment.language, 1.2.0)');
  // The reference backend sends no language: the first comment of the first answer says it is
  // English, as a backend that knows would; the second stays without.
  let ids: string[] = [];
  await routeTarget(page, 'comments', WITH_REPLIES, async (route) => {
    const answer = await (await route.fetch()).json();
    if (!ids.length) ids = answer.items.slice(0, 2).map((c: { id: string }) => c.id);
    const items = answer.items.map((c: { id: string }) => (c.id === ids[0] ? { ...c, language: 'en' } : c));
    await route.fulfill({ json: { ...answer, items } });
  });
  await useSiteLocale(page, 'ar');
  await openArticle(page, WITH_REPLIES, catalogue('ar'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  expect(ids).toHaveLength(2);
  const comment = (id: string) => page.locator(`[id="comment-${id}"]`);
  const inEnglish = comment(ids[0]).locator('.comment-body');
  await expect(inEnglish).toHaveAttribute('lang', 'en');
  await expect(inEnglish).toHaveAttribute('dir', 'ltr');
  expect(await inEnglish.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
  // No language given: unknown (the Arabic page's is not its), its direction from its text.
  const inNone = comment(ids[1]).locator('.comment-body');
  await expect(inNone).toHaveAttribute('lang', '');
  await expect(inNone).toHaveAttribute('dir', 'auto');
  // Commenters' names are in no known language either.
  for (const id of ids) {
    await expect(comment(id).locator('.comment-author')).toHaveAttribute('lang', '');
    await expect(comment(id).locator('.comment-author')).toHaveAttribute('dir', 'auto');
  }
});

test('the set-up page speaks the language a wrong configuration names, the problem itself in English', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { site: { locale: 'ar' }, backend: { kind: 'gopher', base_url: '/api/v1' } } }),
  );
  await page.goto('/');
  const ar = catalogue('ar');
  await expect(page.getByRole('heading', { level: 1, name: ar['setup.heading'] })).toBeVisible();
  await expect(page.getByText(ar['setup.explanation'])).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const problem = new ReaderApp(page).alert.locator('code');
  await expect(problem).toContainText('"backend.kind" is "gopher"');
  await expect(problem).toHaveAttribute('lang', 'en');
});

test.describe('with a browser in French', () => {
  test.use({ locale: 'fr-FR' });

  test('the set-up page for a configuration that cannot be read speaks the reader’s language', async ({ page }) => {
    await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto('/');
    const fr = catalogue('fr');
    await expect(page.getByRole('heading', { level: 1, name: fr['setup.heading'] })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(new ReaderApp(page).alert).toContainText('/config.json');
  });
});

test('a Spanish byline joins names as Spanish does: "e" before an i-sound', async ({ page, request }) => {
  const deployment = await deploymentOf(request);
  test.skip(deployment.kind !== 'native', 'gives an article authors in the contract’s shape');
  const authors = [{ name: 'Ana Ruiz' }, { name: 'Luis Gil' }, { name: 'Inés Soto' }];
  await routeTarget(page, 'article', ENGLISH_ARTICLE, async (route) => {
    const answer = await (await route.fetch()).json();
    await route.fulfill({ json: { ...answer, authors } });
  });
  await useSiteLocale(page, 'es');
  const es = catalogue('es');
  const reader = await openArticle(page, ENGLISH_ARTICLE, es);
  // The catalogue's words would say "y Inés"; the browser's Intl.ListFormat knows better.
  await expect(reader.headerPart('byline')).toHaveText(`${es['article.by']}Ana Ruiz, Luis Gil e Inés Soto`);
});
