import { defineConfig } from '@playwright/test';
// The runner, its workers and every core they spawn share one pinned clock; the
// browser gets the same time from tests/e2e/fixtures.ts.
import './tests/clock/pin-clock.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './bench/chromium.js';

// End-to-end tests drive the real core (spawned per worker by tests/e2e/fixtures.ts)
// and the built UI in Debian's Chromium. Browsers are never downloaded.

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Each worker runs its own core; two fit this machine.
  workers: process.env.CI ? 2 : undefined,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 860 },
    locale: 'es-AR',
    timezoneId: 'America/Argentina/Buenos_Aires',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },
});
