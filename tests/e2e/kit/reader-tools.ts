// The reader tools on an article page (summary, listen, text size) and their promo block, plus a
// stand-in for the browser's speech synthesis, replaced at the Web Speech API boundary only.
import { type Locator, type Page } from '@playwright/test';
import { catalogue } from './locale';

export class ReaderTools {
  constructor(readonly page: Page) {}

  get toolbar(): Locator {
    return this.page.getByRole('group', { name: 'Reader tools' });
  }

  get summaryButton(): Locator {
    return this.toolbar.getByRole('button', { name: /summary/i });
  }

  get summary(): Locator {
    return this.page.getByRole('region', { name: 'Summary' });
  }

  get summarySentences(): Locator {
    return this.summary.getByRole('listitem');
  }

  get listenControls(): Locator {
    return this.page.getByRole('group', { name: 'Listen to this article' });
  }

  /** What the toolbar says where the browser lists voices, none for the article's language. */
  get noVoiceNote(): Locator {
    return this.toolbar.getByRole('note').filter({ hasText: catalogue('en')['tools.no_voice'] });
  }

  listenButton(name: 'Listen' | 'Pause' | 'Resume' | 'Stop'): Locator {
    return this.listenControls.getByRole('button', { name, exact: true });
  }

  /** The body block being read aloud. */
  get speakingBlock(): Locator {
    return this.page.locator('.article-body > .speaking');
  }

  get textSize(): Locator {
    return this.toolbar.getByLabel('Text size');
  }

  get promo(): Locator {
    return this.page.getByRole('region', { name: 'Try our AI features' });
  }

  promoLink(name: 'Summary' | 'Listen' | 'Text size'): Locator {
    return this.promo.getByRole('link', { name, exact: true });
  }

  async openSummary(): Promise<void> {
    await this.summaryButton.click();
  }
}

export type SpeechLog = { spoken: { text: string; lang: string; voice: string | null }[]; calls: string[] };

/**
 * Replaces speech synthesis with a recorder that has an English and an Arabic voice (or the
 * voices given). Utterances never start by themselves: `startUtterance` and `endUtterance` play
 * the browser's part.
 */
export async function fakeSpeech(page: Page, voices: { name: string; lang: string; default?: boolean }[] = [
  { name: 'Test English', lang: 'en-GB', default: true },
  { name: 'Test Arabic', lang: 'ar-EG' },
]): Promise<void> {
  await page.addInitScript((voiceList) => {
    const w = window as any;
    if (!('SpeechSynthesisVoice' in w)) w.SpeechSynthesisVoice = class {};
    if (!('SpeechSynthesis' in w)) {
      w.SpeechSynthesis = class extends EventTarget {};
      w.speechSynthesis = new w.SpeechSynthesis();
    }
    for (const field of ['name', 'lang', 'default', 'voiceURI', 'localService']) {
      Object.defineProperty(w.SpeechSynthesisVoice.prototype, field, {
        configurable: true,
        get() {
          return this.__fields[field];
        },
      });
    }
    const voices = voiceList.map((v: any) => {
      const voice = Object.create(w.SpeechSynthesisVoice.prototype);
      voice.__fields = { name: v.name, lang: v.lang, default: !!v.default, voiceURI: v.name, localService: true };
      return voice;
    });
    const log = { queue: [] as any[], spoken: [] as any[], calls: [] as string[] };
    w.__speech = log;
    Object.defineProperty(w.SpeechSynthesisUtterance.prototype, 'voice', {
      configurable: true,
      get() {
        return this.__voice ?? null;
      },
      set(voice) {
        this.__voice = voice;
      },
    });
    const proto = w.SpeechSynthesis.prototype;
    proto.getVoices = () => voices;
    proto.speak = (u: any) => {
      log.queue.push(u);
      log.spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null });
    };
    proto.cancel = () => {
      log.calls.push('cancel');
      log.queue = [];
    };
    proto.pause = () => log.calls.push('pause');
    proto.resume = () => log.calls.push('resume');
  }, voices);
}

export async function speechLog(page: Page): Promise<SpeechLog> {
  return page.evaluate(() => ({ spoken: (window as any).__speech.spoken, calls: (window as any).__speech.calls }));
}

/** The browser starts reading the n-th queued utterance. */
export async function startUtterance(page: Page, n: number): Promise<void> {
  await page.evaluate((i) => (window as any).__speech.queue[i].dispatchEvent(new Event('start')), n);
}

/** The browser finishes the n-th queued utterance. */
export async function endUtterance(page: Page, n: number): Promise<void> {
  await page.evaluate((i) => (window as any).__speech.queue[i].dispatchEvent(new Event('end')), n);
}

/** A browser without speech synthesis. */
export async function noSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    delete (window as any).speechSynthesis;
    delete (Window.prototype as any).speechSynthesis;
  });
}
