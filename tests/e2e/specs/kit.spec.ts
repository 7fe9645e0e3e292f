// The page objects in tests/e2e/kit are the one place selectors live: every spec goes through
// them, and no selector is written out in two spec files.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const specs = readdirSync(__dirname).filter((name) => name.endsWith('.spec.ts'));
const SELECTOR = /\b(getBy(?:Role|Label|Text|Placeholder|TestId|AltText|Title)|locator)\(([^)]*)\)/g;

test('every spec uses the kit, and no selector is repeated across spec files', () => {
  const seen = new Map<string, string>();
  const repeated: string[] = [];
  for (const spec of specs) {
    const source = readFileSync(path.join(__dirname, spec), 'utf8');
    if (spec !== 'kit.spec.ts') expect(source, `${spec} imports the kit`).toMatch(/from '\.\.\/kit\//);
    for (const [, method, args] of source.matchAll(SELECTOR)) {
      const selector = `${method}(${args.replace(/\s+/g, ' ')})`;
      const first = seen.get(selector);
      if (first && first !== spec) repeated.push(`${selector} in ${first} and ${spec}`);
      if (!first) seen.set(selector, spec);
    }
  }
  expect(repeated).toEqual([]);
});
