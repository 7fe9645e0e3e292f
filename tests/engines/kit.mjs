// The engines layer's kit: a browser session over W3C WebDriver (selenium-webdriver, connected to
// a driver this layer started itself, so nothing is ever downloaded), with what a reader sees
// selected by role and accessible name. Roles and names are computed in the page by axe-core's
// own accessibility engine (the same one the audits use), so a query means the same in Firefox
// and WebKit as in the Chromium specs' getByRole.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Builder } from 'selenium-webdriver';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.2 AA rule set, as tests/e2e/kit/axe.ts audits it. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** How long a state may take to arrive before a journey fails. */
export const WAIT_MS = Number(process.env.ENGINES_WAIT_MS ?? 15_000);

/** Polls `check` until it returns a truthy value (returned) or WAIT_MS pass (throws `what`). */
export async function waitFor(what, check, timeout = WAIT_MS) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Fails with `message` unless `actual` deep-equals `expected`. */
export function expectEqual(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}: expected ${e}, got ${a}`);
}

export function expectTrue(value, message) {
  if (!value) throw new Error(message);
}

// Runs in the page: the elements under `scope` (or the document) with `role` whose accessible
// name matches, visible to assistive technology. Injects axe-core once per document.
const QUERY = `
const [scope, role, name, level] = arguments;
try { axe.teardown(); } catch (e) {}
axe.setup(document);
const normal = (text) => (text || '').replace(/\\s+/g, ' ').trim();
const matches = (text) => {
  if (name === null) return true;
  if (typeof name === 'string') return normal(text) === name;
  return new RegExp(name.source, name.flags).test(normal(text));
};
const found = [];
for (const el of (scope || document).querySelectorAll('*')) {
  if (axe.commons.aria.getRole(el) !== role) continue;
  if (!axe.commons.dom.isVisibleToScreenReaders(el)) continue;
  if (level !== null) {
    const own = el.getAttribute('aria-level') || (/^H([1-6])$/.exec(el.tagName) || [])[1];
    if (Number(own) !== level) continue;
  }
  if (!matches(axe.commons.text.accessibleText(el))) continue;
  found.push(el);
}
return found;`;

const asName = (name) => (name instanceof RegExp ? { source: name.source, flags: name.flags } : name ?? null);

export class Browser {
  /** `engine`: 'firefox' or 'webkit'; `server`: the URL of its running WebDriver. */
  constructor(engine, driver) {
    this.engine = engine;
    this.driver = driver;
  }

  static async start(engine, server) {
    const capabilities =
      engine === 'firefox'
        ? {
            browserName: 'firefox',
            'moz:firefoxOptions': {
              binary: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
              args: ['-headless', '-width=1280', '-height=900'],
              prefs: { 'intl.accept_languages': 'en-GB,en', 'ui.prefersReducedMotion': 1 },
            },
          }
        : { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { args: ['--automation'] } };
    const driver = await new Builder().usingServer(server).withCapabilities(capabilities).build();
    const browser = new Browser(engine, driver);
    await driver.manage().setTimeouts({ script: 30_000, pageLoad: 30_000 });
    await driver.manage().window().setRect({ width: 1280, height: 900 }).catch(() => {});
    browser.home = await driver.getWindowHandle();
    return browser;
  }

  async quit() {
    await this.driver.quit();
  }

  async open(url) {
    await this.driver.get(url);
  }

  async url() {
    return this.driver.getCurrentUrl();
  }

  /** Runs `script` (a function body; `arguments` as usual) in the current frame. */
  async run(script, ...args) {
    return this.driver.executeScript(script, ...args);
  }

  /** Every element with this role (and name, and heading level) under `within`, now. */
  async allByRole(role, { name, level, within } = {}) {
    await this.ensureAxe();
    return this.driver.executeScript(QUERY, within ?? null, role, asName(name), level ?? null);
  }

  /** Puts axe-core into the current document, unless it is there (a page load removes it). */
  async ensureAxe() {
    if (!(await this.driver.executeScript('return !!window.axe;'))) await this.driver.executeScript(AXE_SOURCE);
  }

  /** Waits for exactly one element with this role and name, and returns it. */
  async byRole(role, options = {}) {
    const label = `${role}${options.name !== undefined ? ` "${options.name}"` : ''}${options.level ? ` (level ${options.level})` : ''}`;
    return waitFor(`one ${label} in ${this.engine}`, async () => {
      const found = await this.allByRole(role, options);
      if (found.length > 1) throw new Error(`${found.length} match`);
      return found[0];
    });
  }

  /** Waits until no element with this role and name is there. */
  async expectNoRole(role, options = {}) {
    await waitFor(`no ${role} "${options.name ?? ''}"`, async () => (await this.allByRole(role, options)).length === 0);
  }

  /** The element's accessible name, as the queries compute it. */
  async nameOf(element) {
    await this.ensureAxe();
    return this.run(
      `try { axe.teardown(); } catch (e) {} axe.setup(document);
       return axe.commons.text.accessibleText(arguments[0]).replace(/\\s+/g, ' ').trim();`,
      element,
    );
  }

  /** A form field by its label (a textbox, combobox...), within `within`. */
  async field(label, within) {
    return waitFor(`the field "${label}"`, async () => {
      const fields = await this.run(
        `return [...(arguments[0] || document).querySelectorAll('input, textarea, select')].filter((f) => f.labels && [...f.labels].some((l) => l.textContent.replace(/\\s+/g, ' ').trim() === arguments[1]));`,
        within ?? null,
        label,
      );
      if (fields.length > 1) throw new Error(`${fields.length} fields`);
      return fields[0];
    });
  }

  async attribute(element, name) {
    return element.getAttribute(name);
  }

  async value(element) {
    return this.run('return arguments[0].value;', element);
  }

  async text(element) {
    return this.run(`return arguments[0].textContent.replace(/\\s+/g, ' ').trim();`, element);
  }

  /** Waits until the section's data-state matches and it is no longer busy. */
  async settled(section, state = /^(ready|empty|error)$/) {
    return waitFor(`data-state ${state}`, async () => {
      const [now, busy] = await this.run(`return [arguments[0].getAttribute('data-state'), arguments[0].getAttribute('aria-busy')];`, section);
      return (state instanceof RegExp ? state.test(now ?? '') : now === state) && busy !== 'true';
    });
  }

  async typeInto(element, text) {
    await element.clear();
    await element.sendKeys(text);
  }

  /** Clicks as a reader does (the driver's own pointer click). */
  async click(element) {
    await this.driver.executeScript('arguments[0].scrollIntoView({ block: "center" });', element);
    await element.click();
  }

  /** Switches into an iframe (element) or back to the top page (null). */
  async frame(element) {
    if (element === null) await this.driver.switchTo().defaultContent();
    else await this.driver.switchTo().frame(element);
  }

  /** Runs axe-core's WCAG 2.2 AA rules on the current frame; returns "rule: targets" lines. */
  async axeViolations() {
    await this.ensureAxe();
    const results = await this.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       try { axe.teardown(); } catch (e) {}
       axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, iframes: false })
         .then((r) => done(r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '))),
               (e) => done(['axe failed: ' + e.message]));`,
      WCAG_TAGS,
    );
    return results;
  }

  async expectNoAxeViolations(where) {
    expectEqual(await this.axeViolations(), [], `axe violations on ${where} in ${this.engine}`);
  }
}
