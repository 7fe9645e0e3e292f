// Watches a page for any sign that injected content ran: dialogs, calls to `top.__xss()`,
// requests to the attacker's host (other than images, which articles may load from anywhere),
// navigation away from the app, and Content-Security-Policy violations in any frame.
import { expect, type Page } from '@playwright/test';
import { EVIL_HOST } from './xss';

export class AttackWatch {
  readonly dialogs: string[] = [];
  readonly calls: string[] = [];
  readonly requests: string[] = [];
  readonly navigations: string[] = [];
  readonly violations: string[] = [];

  private constructor(readonly page: Page) {}

  /** Starts watching; call before the first navigation. `origins`: where the app may go. */
  static async start(page: Page, origins: string[]): Promise<AttackWatch> {
    const watch = new AttackWatch(page);
    page.on('dialog', (dialog) => {
      watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.hostname === EVIL_HOST && request.resourceType() !== 'image') {
        watch.requests.push(`${request.resourceType()} ${request.url()}`);
      }
    });
    page.on('framenavigated', (frame) => {
      const url = frame.url();
      if (url === 'about:blank' || url === 'about:srcdoc') return;
      if (!origins.includes(new URL(url).origin)) watch.navigations.push(url);
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Trusted Type/i.test(message.text())) watch.violations.push(message.text());
    });
    await page.exposeFunction('__xss', () => watch.calls.push(page.url()));
    await page.exposeFunction('__cspViolation', (text: string) => watch.violations.push(text));
    await page.addInitScript(() => {
      const report = (window as unknown as { __cspViolation: (text: string) => void }).__cspViolation;
      document.addEventListener('securitypolicyviolation', (event) => {
        report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    return watch;
  }

  /** Nothing ran, nothing left, nothing was refused. */
  expectNothing(): void {
    expect(
      { dialogs: this.dialogs, calls: this.calls, requests: this.requests, navigations: this.navigations, violations: this.violations },
    ).toEqual({ dialogs: [], calls: [], requests: [], navigations: [], violations: [] });
  }

  /**
   * Elements and attributes in the page that could run script or load active content: any
   * `on*` attribute, a script-capable URL in any attribute, or an element that has no place in
   * a reader's page. Returns descriptions; empty is safe.
   */
  async dangerousMarkup(): Promise<string[]> {
    return this.page.evaluate(() => {
      const banned = ['iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'meta', 'link', 'style', 'template', 'portal', 'math', 'noscript', 'xmp', 'listing', 'noembed'];
      const urlAttributes = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'data', 'cite', 'ping'];
      const found: string[] = [];
      for (const element of Array.from(document.body.querySelectorAll('*'))) {
        const tag = element.localName;
        // index.html's own message for browsers without JavaScript.
        if (tag === 'noscript' && element.parentElement === document.body) continue;
        if (tag === 'script' || banned.includes(tag)) found.push(`<${tag}> in body`);
        for (const attribute of Array.from(element.attributes)) {
          const value = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
          if (attribute.name.toLowerCase().startsWith('on')) found.push(`${tag}[${attribute.name}]`);
          if (urlAttributes.includes(attribute.name.toLowerCase()) && /^(javascript|vbscript|data|livescript|jar|blob|filesystem):/.test(value)) {
            found.push(`${tag}[${attribute.name}=${attribute.value}]`);
          }
        }
      }
      return found;
    });
  }
}
