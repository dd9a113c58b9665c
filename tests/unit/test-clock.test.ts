// The pinned test clock itself (tests/clock/pin-clock.mjs): if it silently stopped
// pinning, every date-dependent test would go back to depending on today.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_NOW, shiftDate, testClockOffset, testNow } from '../clock/pin-clock.mjs';

const wanted = Date.parse(process.env.RECEPTA_TEST_NOW || DEFAULT_TEST_NOW);

describe('the pinned test clock', () => {
  it('starts this process at the pinned instant and keeps running', async () => {
    // The whole vitest run has been going for at most some minutes.
    expect(Date.now() - wanted).toBeGreaterThanOrEqual(0);
    expect(Date.now() - wanted).toBeLessThan(60 * 60_000);
    const before = Date.now();
    await new Promise((r) => setTimeout(r, 20));
    expect(Date.now()).toBeGreaterThan(before);
    expect(testNow()).toBeGreaterThanOrEqual(before);
  });

  it('answers every way of asking for now, and leaves explicit dates alone', () => {
    expect(Math.abs(new Date().getTime() - Date.now())).toBeLessThan(1_000);
    expect(Date.parse(Date())).toBeGreaterThan(wanted - 1_000);
    expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new Date(2026, 1, 3).getMonth()).toBe(1);
    expect(new Date() instanceof Date).toBe(true);
    expect(Date.UTC(2028, 1, 29)).toBe(Date.parse('2028-02-29T00:00:00Z'));
  });

  it('hands the same clock to a node process a test spawns (a core under `node dist/…`)', () => {
    const child = Number(
      execFileSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], { encoding: 'utf8' }),
    );
    expect(Math.abs(child - Date.now())).toBeLessThan(5_000);
  });

  it('shifts a page by the same offset (the function the e2e fixture sends to the browser)', () => {
    const page = { Date: globalThis.Date } as { Date: DateConstructor };
    // In a page, the global Date is the real one: simulate it with an unshifted copy.
    const realNow = Date.now() - testClockOffset();
    page.Date = class extends Date {} as DateConstructor;
    page.Date.now = () => realNow;
    shiftDate(page, testClockOffset());
    expect(Math.abs(page.Date.now() - Date.now())).toBeLessThan(1_000);
  });
});
