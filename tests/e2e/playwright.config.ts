// End-to-end tests: Debian's Chromium drives the release build served by the reference backend,
// and by fixture sites that stand in for a WordPress site and a JSON Feed (kit/sites.ts).
// Set BROADSHEET_BASE_URL to test a deployment that is already running instead.
import { defineConfig } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS } from './kit/chromium.mjs';
import { evilPort, partnerOrigin, partnerPort } from './kit/partner';
import { fixturePorts, type BackendKind } from './kit/sites';

const root = path.resolve(__dirname, '../..');
const port = Number(process.env.E2E_PORT ?? 8099);
const external = process.env.BROADSHEET_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${port}`;
// A fresh database for every run, so tests never see another run's comments.
const dataDir = mkdtempSync(path.join(tmpdir(), 'broadsheet-e2e-'));
const dist = process.env.E2E_DIST ?? 'dist';

/** A fixture site for one kind of backend, serving the same build. */
const fixtureSite = (kind: BackendKind) => ({
  command: `node tests/e2e/fixture-backend.mjs --kind ${kind} --port ${fixturePorts[kind]} --dist ${dist}`,
  cwd: root,
  url: `http://127.0.0.1:${fixturePorts[kind]}/config.json`,
  reuseExistingServer: false,
  timeout: 30_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

/**
 * The build the backend serves: a copy of dist/ (or E2E_DIST) whose config.json allows the
 * partner site of the embed specs (embed.allowed_origins), whatever port it runs on. Made once,
 * by the main process (workers load this file too).
 */
function distAllowingPartner(): string {
  const source = path.resolve(root, dist);
  const copy = path.join(tmpdir(), `broadsheet-e2e-dist-${port}`);
  if (process.env.TEST_WORKER_INDEX === undefined && existsSync(path.join(source, 'config.json'))) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(source, copy, { recursive: true });
    const config = JSON.parse(readFileSync(path.join(source, 'config.json'), 'utf8'));
    config.embed = { ...config.embed, allowed_origins: [partnerOrigin] };
    writeFileSync(path.join(copy, 'config.json'), JSON.stringify(config, null, 2));
  }
  return copy;
}

export default defineConfig({
  testDir: './specs',
  outputDir: path.join(root, 'test-results'),
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { open: 'never', outputFolder: path.join(root, 'playwright-report') }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
    },
  },
  webServer: [
    ...(external
      ? []
      : [
          {
            command: `target/server/broadsheet-backend --port ${port} --dist ${distAllowingPartner()} --data-dir ${dataDir} --posts-per-minute 1000`,
            cwd: root,
            url: `${baseURL}/api/v1/articles?limit=1`,
            reuseExistingServer: false,
            timeout: 30_000,
            stdout: 'ignore' as const,
            stderr: 'pipe' as const,
          },
          fixtureSite('wordpress'),
          fixtureSite('json_feed'),
        ]),
    // The partner sites of the embed specs, on two more ports.
    {
      command: 'node tests/e2e/partner/server.mjs',
      cwd: root,
      env: { READER_ORIGIN: new URL(baseURL).origin, PARTNER_PORT: String(partnerPort), EVIL_PORT: String(evilPort) },
      url: `${partnerOrigin}/frame`,
      reuseExistingServer: false,
      timeout: 10_000,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
    },
  ],
});
