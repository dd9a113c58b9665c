// Pins the clock of every test process to one fixed instant that then runs at real
// speed, so no test depends on today's date, weekday or holidays (a suite that passed
// on Monday failed in the week of 8 December). Plain JavaScript on purpose: spawned
// cores load it with `node --import` before any of Recepta's code, so the core, luxon,
// SQLite timestamps written by our code and the tests all share one clock — the core
// cannot read the real date through a path someone forgot to inject.
//
// This file lives under tests/ and is never part of a build users run: production has
// no setting that moves its clock.
//
//   RECEPTA_TEST_NOW=2026-12-07T12:00:00Z npm test    the whole suite on another day
//
// The first process to load it fixes the offset and hands it down through the
// environment (RECEPTA_TEST_CLOCK_OFFSET, NODE_OPTIONS), so a vitest worker, a spawned
// core and the Playwright runner that reads the browser's start time all agree to the
// millisecond.

/** A Wednesday in an ordinary week (no holiday in Argentina, Spain or Chile near it). */
export const DEFAULT_TEST_NOW = '2026-11-18T13:00:00.000Z';

function readOffset() {
  const inherited = process.env.RECEPTA_TEST_CLOCK_OFFSET;
  if (inherited !== undefined && /^-?\d+$/.test(inherited)) return Number(inherited);
  const wanted = process.env.RECEPTA_TEST_NOW || DEFAULT_TEST_NOW;
  const start = Date.parse(wanted);
  if (Number.isNaN(start)) throw new Error(`RECEPTA_TEST_NOW is not an ISO instant: ${wanted}`);
  const offset = start - Date.now();
  process.env.RECEPTA_TEST_CLOCK_OFFSET = String(offset);
  return offset;
}

/**
 * Replaces `scope.Date` with one that runs `offset` ms away from the real clock.
 * Self-contained on purpose: the e2e fixture hands this very function to the browser
 * (`addInitScript`), so the page and the core move by the same offset.
 */
export function shiftDate(scope, offset) {
  const marker = Symbol.for('recepta.test.pinnedClock');
  if (scope[marker]) return;
  const RealDate = scope.Date;
  const realNow = RealDate.now.bind(RealDate);
  const now = () => realNow() + offset;
  // A function rather than a subclass so that `Date()` called without `new` also tells
  // the pinned time, as the real one does.
  function PinnedDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  PinnedDate.prototype = RealDate.prototype;
  PinnedDate.now = now;
  PinnedDate.parse = RealDate.parse;
  PinnedDate.UTC = RealDate.UTC;
  Object.defineProperty(PinnedDate, 'name', { value: 'Date' });
  scope.Date = PinnedDate;
  scope[marker] = { offset };
}

const offset = readOffset();
shiftDate(globalThis, offset);

// Every Node process a test starts (a core under `node dist/main/app/cli.js`, a
// script) loads this file first and inherits the same offset.
const self = `--import=${new URL(import.meta.url).href}`;
const options = process.env.NODE_OPTIONS ?? '';
if (!options.includes(self)) process.env.NODE_OPTIONS = `${options} ${self}`.trim();

/** How far the pinned clock runs from the real one, in milliseconds. */
export function testClockOffset() {
  return offset;
}

/** The pinned "now", in milliseconds since the epoch (the same as `Date.now()` here). */
export function testNow() {
  return Date.now();
}
