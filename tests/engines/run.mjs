// The engines layer: the reader's journeys in Firefox ESR and WebKitGTK (Debian's), driven over
// W3C WebDriver, against the reference backend serving the release build over real HTTP.
//
//   node tests/engines/run.mjs                    both engines
//   node tests/engines/run.mjs --engine webkit    one engine (or ENGINE=webkit)
//   node tests/engines/run.mjs --grep comments    the journeys whose title includes "comments"
//
// It starts, on ports 9600-9699 by default (ENGINES_PORT moves the block): the backend
// (target/server/broadsheet-backend, or ENGINES_BACKEND) with a copy of dist/ (or ENGINES_DIST)
// whose config.json allows the partner site; in this process a pass-through proxy in front of it,
// which is the reader's origin and can fail chosen requests (the fault injection that page.route
// does for the Chromium specs); the partner sites of tests/e2e/partner/; geckodriver and
// WebKitWebDriver (under xvfb-run: WebKitGTK's MiniBrowser has no headless mode). One browser
// session per engine serves every journey. Ends with "N passed" and "N failed" lines, which
// scripts/test.sh counts.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Browser } from './kit.mjs';
import { journeys } from './journeys.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const ENGINES = ['firefox', 'webkit'];
const chosen = option('engine') ?? process.env.ENGINE ?? 'all';
const engines = chosen === 'all' ? ENGINES : chosen.split(',');
if (engines.some((e) => !ENGINES.includes(e))) {
  console.error(`unknown engine "${chosen}": firefox, webkit or all`);
  process.exit(2);
}
const grep = option('grep');

const base = Number(process.env.ENGINES_PORT ?? 9600);
const ports = { backend: base, reader: base + 1, partner: base + 2, evil: base + 3, firefox: base + 10, webkit: base + 11 };
const origin = (port) => `http://127.0.0.1:${port}`;
const readerOrigin = origin(ports.reader);
const partnerOrigin = origin(ports.partner);

// geckodriver comes from crates.io (scripts/setup.sh), wherever cargo installs.
process.env.PATH = `${process.env.PATH}:${path.join(process.env.HOME ?? '', '.cargo/bin')}`;

const children = [];
const temporary = [];

function start(command, argv, env = {}) {
  const child = spawn(command, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors = (errors + chunk).slice(-4000);
  });
  child.errors = () => errors;
  children.push(child);
  return child;
}

function stopAll() {
  for (const child of children) {
    // Each child leads its own process group (detached): xvfb-run's Xvfb and the browsers too.
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
    }
  }
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
}

async function ready(url, child, what, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${child.errors()}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not answer ${url} within ${timeout / 1000} s`);
}

/** A copy of the build whose config.json allows the partner site, as playwright.config.ts makes. */
function distAllowingPartner() {
  const source = path.resolve(root, process.env.ENGINES_DIST ?? 'dist');
  const copy = mkdtempSync(path.join(tmpdir(), 'broadsheet-engines-dist-'));
  temporary.push(copy);
  cpSync(source, copy, { recursive: true });
  const config = JSON.parse(readFileSync(path.join(source, 'config.json'), 'utf8'));
  config.embed = { ...config.embed, allowed_origins: [partnerOrigin] };
  writeFileSync(path.join(copy, 'config.json'), JSON.stringify(config, null, 2));
  return copy;
}

/**
 * The reader's origin: forwards every request to the backend as it is, unless a fault armed by a
 * journey matches it. `faults.arm(matches, answer)` returns the function that lifts it.
 */
function startProxy() {
  const armed = new Set();
  const held = new Set();
  // The APIs removed from AbortSignal before the app starts, to play an older engine.
  let missing = [];
  // Whether the reader's /embed/ pages go without their CSP (frame-ancestors), until cleared.
  let noFramingPolicy = false;
  const faults = {
    /** Sends the /embed/ pages without their Content-Security-Policy, to see what the app refuses. */
    withoutFramingPolicy() {
      noFramingPolicy = true;
    },
    /** Plays an engine without these static methods of AbortSignal ('timeout', 'any'), until cleared. */
    withoutAbortSignal(names) {
      missing = names;
    },
    arm(matches, answer) {
      const fault = { matches, answer, hits: 0 };
      armed.add(fault);
      return () => armed.delete(fault);
    },
    clear() {
      armed.clear();
      missing = [];
      noFramingPolicy = false;
      for (const response of held) response.destroy();
      held.clear();
    },
  };
  const server = http.createServer((request, response) => {
    if (request.url === '/__engines/blank') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end('<!doctype html><title>Blank</title>');
      return;
    }
    if (request.url === '/__engines/older-engine.js') {
      const script = `for (const name of ${JSON.stringify(missing)}) delete AbortSignal[name];`;
      response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(script);
      return;
    }
    for (const fault of armed) {
      if (fault.matches(request)) {
        fault.hits++;
        const { status = 503, type = 'application/json', body = '', forward = false, hold = false } = fault.answer;
        if (hold) {
          // No answer at all, until the journey ends.
          held.add(response);
          return;
        }
        const fail = () => response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
        if (!forward) {
          request.resume();
          fail();
          return;
        }
        // The request reaches the backend, but its answer is lost on the way back.
        const upstream = http.request({ host: '127.0.0.1', port: ports.backend, method: request.method, path: request.url, headers: request.headers }, (answer) => {
          answer.resume();
          answer.on('end', fail);
        });
        upstream.on('error', fail);
        request.pipe(upstream);
        return;
      }
    }
    const inject = missing.length > 0 && request.method === 'GET' && /text\/html/.test(request.headers.accept ?? '');
    const headers = inject ? { ...request.headers, 'accept-encoding': 'identity' } : request.headers;
    const upstream = http.request(
      { host: '127.0.0.1', port: ports.backend, method: request.method, path: request.url, headers },
      (answer) => {
        if (!inject || !/text\/html/.test(answer.headers['content-type'] ?? '')) {
          const { 'content-security-policy': policy, ...others } = answer.headers;
          const bare = noFramingPolicy && request.url.startsWith('/embed/');
          response.writeHead(answer.statusCode ?? 502, bare ? others : answer.headers);
          answer.pipe(response);
          return;
        }
        // The page, with a script (from 'self', as the CSP allows) that runs before the app's.
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', () => {
          const page = Buffer.concat(chunks).toString('utf8').replace(/<head[^>]*>/i, (head) => `${head}<script src="/__engines/older-engine.js"></script>`);
          const { 'content-length': _, etag: __, 'last-modified': ___, ...rest } = answer.headers;
          response.writeHead(answer.statusCode ?? 502, { ...rest, 'cache-control': 'no-store' }).end(page);
        });
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(ports.reader, '127.0.0.1', () => resolve({ server, faults })));
}

async function startEngine(engine) {
  if (engine === 'firefox') {
    const driver = start(process.env.GECKODRIVER ?? 'geckodriver', ['--host', '127.0.0.1', '--port', String(ports.firefox), '--log', 'error']);
    await ready(`${origin(ports.firefox)}/status`, driver, 'geckodriver');
    return origin(ports.firefox);
  }
  const driver = start('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', process.env.WEBKIT_DRIVER ?? 'WebKitWebDriver', `--port=${ports.webkit}`]);
  await ready(`${origin(ports.webkit)}/status`, driver, 'WebKitWebDriver');
  return origin(ports.webkit);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

async function main() {
  const began = Date.now();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'broadsheet-engines-data-'));
  temporary.push(dataDir);
  const backendBinary = process.env.ENGINES_BACKEND ?? 'target/server/broadsheet-backend';
  const backend = start(backendBinary, ['--port', String(ports.backend), '--dist', distAllowingPartner(), '--data-dir', dataDir, '--posts-per-minute', '1000']);
  const partner = start('node', ['tests/e2e/partner/server.mjs'], {
    READER_ORIGIN: readerOrigin,
    PARTNER_PORT: String(ports.partner),
    EVIL_PORT: String(ports.evil),
  });
  const { server, faults } = await startProxy();
  await ready(`${origin(ports.backend)}/api/v1/articles?limit=1`, backend, 'the backend');
  await ready(`${partnerOrigin}/frame`, partner, 'the partner site');

  const api = async (url) => {
    const response = await fetch(new URL(url, origin(ports.backend)), { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`${url} answers ${response.status}`);
    return response.json();
  };
  const context = { reader: readerOrigin, partner: partnerOrigin, evil: origin(ports.evil), api, faults };
  const selected = journeys.filter((j) => !grep || j.title.includes(grep));

  let passed = 0;
  const failures = [];
  for (const engine of engines) {
    let browser;
    try {
      browser = await Browser.start(engine, await startEngine(engine));
    } catch (error) {
      for (const journey of selected) failures.push({ title: `${engine} › ${journey.title}`, error });
      console.log(`  ✘  ${engine}: could not start a session: ${error.message}`);
      continue;
    }
    for (const journey of selected) {
      const title = `${engine} › ${journey.title}`;
      if (journey.engines && !journey.engines.includes(engine)) continue;
      const t0 = Date.now();
      try {
        // Each journey starts as a new reader: nothing remembered from the one before.
        await browser.open(`${readerOrigin}/__engines/blank`);
        await browser.run('localStorage.clear(); sessionStorage.clear();');
        await journey.run({ ...context, browser, engine });
        passed++;
        console.log(`  ✓  ${title} (${seconds(Date.now() - t0)})`);
      } catch (error) {
        failures.push({ title, error });
        console.log(`  ✘  ${title} (${seconds(Date.now() - t0)})\n       ${String(error.stack ?? error).split('\n').slice(0, 4).join('\n       ')}`);
        // Back to the session's first window and the top frame for the next journey.
        try {
          for (const handle of await browser.driver.getAllWindowHandles()) {
            if (handle !== browser.home) {
              await browser.driver.switchTo().window(handle);
              await browser.driver.close();
            }
          }
          await browser.driver.switchTo().window(browser.home);
          await browser.frame(null);
        } catch {}
      } finally {
        faults.clear();
      }
    }
    await browser.quit().catch(() => {});
  }
  server.close();

  console.log('');
  if (failures.length) {
    console.log('Failed:');
    for (const f of failures) console.log(`  ${f.title}`);
    console.log('');
  }
  console.log(`  ${passed} passed (${seconds(Date.now() - began)})`);
  if (failures.length) console.log(`  ${failures.length} failed`);
  return failures.length === 0 && passed > 0;
}

// The children lead their own process groups: take them along on Ctrl-C.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(error.stack ?? error);
} finally {
  stopAll();
}
process.exit(ok ? 0 : 1);
