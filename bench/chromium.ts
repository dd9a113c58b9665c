// Debian's Chromium, as both the e2e tests (playwright.config.ts) and the browser benchmark
// (bench/browser-latency.ts) launch it: browsers are never downloaded.
export const chromiumPath = (): string => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
