// The parts of the app outside its core (src/parts.rs): which ones a page fetched, a part's code
// withheld to see its place fail, and that place's message and Retry.
import { type Locator, type Page, type Route } from '@playwright/test';

/** A part's file (`split_<part>-<hash>.wasm`, as scripts/split-wasm.mjs names it). */
const PART_FILE = /\/split_(\w+)-[0-9a-f]+\.wasm$/;

/** What a part's place says when its code could not be fetched. */
export const PART_UNAVAILABLE = /couldn’t load/;

/** The parts the page (and its frames) asked for from now on, by name (`comments_part`). */
export function partRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request) => {
    const part = PART_FILE.exec(new URL(request.url()).pathname);
    if (part) asked.push(part[1]);
  });
  return asked;
}

/** Fails every request for a part's code until `release` is called; `asked` counts them. */
export async function withholdPart(page: Page, part: string): Promise<{ asked: () => number; release: () => Promise<void> }> {
  let asked = 0;
  const pattern = new RegExp(`/split_${part}-[0-9a-f]+\\.wasm$`);
  const handler = (route: Route) => {
    asked += 1;
    return route.abort('connectionfailed');
  };
  await page.route(pattern, handler);
  return { asked: () => asked, release: () => page.unroute(pattern, handler) };
}

/** The message in a part's place (a section, a widget's frame) when it could not be drawn. */
export function partFailure(place: Locator): Locator {
  return place.getByRole('alert');
}

/** Presses the Retry in a part's place. */
export async function retryPart(place: Locator): Promise<void> {
  await place.getByRole('button', { name: 'Retry' }).click();
}
