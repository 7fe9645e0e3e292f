// The fixture sites that stand in for other kinds of backend (tests/e2e/fixture-backend.mjs):
// each serves the release build configured for its kind, and plays that backend from the
// fixtures in tests/e2e/fixtures/. Ports can be moved with E2E_WORDPRESS_PORT and
// E2E_JSON_FEED_PORT when the defaults are taken.

export type BackendKind = 'wordpress' | 'json_feed';

export const fixturePorts: Record<BackendKind, number> = {
  wordpress: Number(process.env.E2E_WORDPRESS_PORT ?? 8097),
  json_feed: Number(process.env.E2E_JSON_FEED_PORT ?? 8098),
};

/** Where the app of a fixture site is (its backend is at http://localhost on the same port). */
export function fixtureSite(kind: BackendKind): string {
  return `http://127.0.0.1:${fixturePorts[kind]}`;
}

/** Where the app's configuration says the fixture backend is: another origin, so CORS applies. */
export function fixtureBackend(kind: BackendKind): string {
  return `http://localhost:${fixturePorts[kind]}`;
}

/** Fixture sites run on this machine: not when the specs point at a deployment elsewhere. */
export const fixtureSitesRun = !process.env.BROADSHEET_BASE_URL;
