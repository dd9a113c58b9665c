// Playwright's `test`, with the browser on the same pinned clock as the runner and the
// core (tests/clock/pin-clock.mjs): the agenda's "this week", the inbox's "hace 5 min"
// and the core's availability all read one date, whatever today is.
import { test as base } from '@playwright/test';
import { shiftDate, testClockOffset } from '../clock/pin-clock.mjs';

export const test = base.extend({
  context: async ({ context }, use) => {
    // The page's Date moves by the very offset the runner and the core use, and keeps
    // running at real speed, so timers and "hace N s" behave as for a receptionist.
    // Not Playwright's `clock.install`: it replays its log against the runner's
    // `Date.now()`, which is pinned itself, and would move the page by the offset twice.
    await context.addInitScript(`(${shiftDate.toString()})(globalThis, ${testClockOffset()})`);
    await use(context);
  },
});
