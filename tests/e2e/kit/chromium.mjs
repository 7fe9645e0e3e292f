// Debian's Chromium as the end-to-end tests and the benchmark harness (bench/lib.mjs) launch it.

export const CHROMIUM = process.env.CHROMIUM_PATH || process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * Flags that keep Chromium working as root in a container (no sandbox, no GPU, no /dev/shm) and
 * quiet on a machine with no way out: without the background-networking ones it keeps trying to
 * reach Google's update and sync services, refused at every start.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];
