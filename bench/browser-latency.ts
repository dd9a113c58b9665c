// Interaction latency in the real browser (issue 15): the built UI in Debian's Chromium,
// driven by Playwright, against a spawned core on the 10,000-chat / 1M-message database
// with two weeks of 700 appointments each. Three interactions, each timed from its input
// event to the first frame painted with the result on screen (bench/browser-probe.ts):
// - opening a chat from the list until its newest message is painted (p95 ≤ 100 ms);
// - typing a search until the list shows only its results (p95 ≤ 150 ms);
// - switching agenda weeks until the 700 appointments are drawn, or counted in a slot's "+N más" (p95 ≤ 200 ms).
// The reference is the frame floor: a click on something that does nothing, to the next
// painted frame, in the same page.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { closeDatabase, openDatabase } from '../db/client.js';
import { Booking } from '../main/agenda/booking.js';
import { AgendaCatalogue } from '../main/agenda/catalogue.js';
import type { WeeklyHours } from '../main/agenda/weekly-hours.js';
import { AppEvents } from '../main/http/app-events.js';
import { SettingsService } from '../main/http/app-settings.js';
import { paths } from '../main/kernel/paths.js';
import { copyBigDatabaseInto, type BigDatabase } from './big-database.js';
import { PROBE_SCRIPT, type Done } from './browser-probe.js';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';
import { BENCH_TOKEN, coreCliPath, coreEnv, READY_MARKER, spawnUntil, stopProcess } from './spawn-core.js';
import { info, percentile, report } from './stats.js';

const ZONE = 'America/Argentina/Buenos_Aires';
const APPOINTMENTS_PER_WEEK = 700;
const PRACTITIONERS = 10;
const ROUNDS = Number(process.env.BENCH_BROWSER_ROUNDS ?? 40);
const WARMUP = 5;
/** `BENCH_BROWSER_STEPS=agenda` (or chat, search: comma-separated) measures only those interactions. */
const STEPS = (process.env.BENCH_BROWSER_STEPS ?? 'chat,search,agenda').split(',').map((s) => s.trim());
const TARGETS = { openChat: 100, search: 150, weekSwitch: 200 };
/** Searches a receptionist types: names, a finished word, a phone fragment (the generator's vocabulary). */
const SEARCHES = ['martin', 'lucia', 'gomez', 'blanqueamiento', 'sofia fernandez', '11 4000', 'limpieza', 'valentina'];
const TYPING_DELAY_MS = 60;

/** Clinic hours every day, so every day of both weeks can hold its share of the 700. */
const HOURS: WeeklyHours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));

/**
 * Sets the clinic up (zone, hours, name: a clinic past any first-run screen) and books
 * `APPOINTMENTS_PER_WEEK` into this week and the next through the real booking rules,
 * spread over 10 practitioners. Returns the two Mondays ('YYYY-MM-DD', clinic zone).
 */
export function seedAgenda(file: string): string[] {
  const db = openDatabase(file);
  try {
    db.$client.pragma('synchronous = OFF'); // a throw-away copy: durability buys nothing here
    const events = new AppEvents();
    const settings = new SettingsService(db, events, {});
    settings.update({
      'clinic.name': 'Clínica Benchmark',
      'clinic.timeZone': ZONE,
      'clinic.openingHours': HOURS,
      'clinic.slotMinutes': 30,
    });
    const catalogue = new AgendaCatalogue({ db, events });
    const practitionerIds = Array.from(
      { length: PRACTITIONERS },
      (_, i) => catalogue.addPractitioner({ name: `Profesional ${i + 1}`, specialty: '', color: '#336699' }).id,
    );
    const serviceId = catalogue.addService({
      name: 'Consulta',
      durationMinutes: 30,
      priceCents: 1_500_000,
      currency: 'ARS',
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minNoticeMinutes: 0,
      maxAdvanceDays: 90,
      practitionerIds,
      active: true,
      preparation: '',
    }).id;
    const monday = DateTime.now().setZone(ZONE).startOf('week');
    const booking = new Booking({ db, settings, events, now: () => monday.minus({ days: 1 }).toMillis() });
    const mondays = [monday, monday.plus({ weeks: 1 })];
    let patient = 0;
    for (const week of mondays) {
      let booked = 0;
      // Half-hour turns from 08:00, every practitioner, day by day; a refused turn (a holiday) is skipped.
      for (let slot = 0; slot < 24 && booked < APPOINTMENTS_PER_WEEK; slot++) {
        for (let day = 0; day < 7 && booked < APPOINTMENTS_PER_WEEK; day++) {
          for (const practitionerId of practitionerIds) {
            if (booked >= APPOINTMENTS_PER_WEEK) break;
            const start = week.plus({ days: day, hours: 8, minutes: 30 * slot }).toMillis();
            try {
              booking.book(
                { patientId: (patient++ % 10_000) + 1, practitionerId, serviceId, start },
                { source: 'staff', by: 'bench' },
              );
              booked += 1;
            } catch {
              // Closed that day: the week still gets its 700 from the other days.
            }
          }
        }
      }
      if (booked < APPOINTMENTS_PER_WEEK)
        throw new Error(`only ${booked} appointments fit the week of ${week.toISODate()}`);
    }
    return mondays.map((d) => d.toISODate()!);
  } finally {
    closeDatabase(db);
  }
}

/** The probe PROBE_SCRIPT installs on the page's window (typed here: the bench compiles without the DOM; casts only, as page functions are serialized). */
interface Probe {
  isDone(done: Done): boolean;
  arm(trigger: 'click' | 'input', done: Done): void;
  result(): Promise<number>;
}
type ProbeWindow = { __receptaBench: Probe };

/** The little of the page's document these waits read (the bench compiles without the DOM's types). */
interface PageWindow {
  document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): { length: number };
  };
}

/** Runs one interaction: arm the probe, act, and read the milliseconds to the painted result. */
async function timed(page: Page, trigger: 'click' | 'input', done: Done, act: () => Promise<void>): Promise<number> {
  await page.evaluate(([t, d]) => (globalThis as unknown as ProbeWindow).__receptaBench.arm(t, d), [
    trigger,
    done,
  ] as const);
  await act();
  return page.evaluate(() => (globalThis as unknown as ProbeWindow).__receptaBench.result());
}

async function samples(rounds: number, one: (i: number) => Promise<number>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await one(i);
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) out.push(await one(WARMUP + i));
  return out;
}

interface Api {
  get<T>(p: string): Promise<T>;
}

function apiClient(origin: string): Api {
  return {
    async get<T>(p: string) {
      const res = await fetch(origin + p, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
      if (!res.ok) throw new Error(`GET ${p} → ${res.status}`);
      return (await res.json()) as T;
    },
  };
}

interface Message {
  id: number;
  createdAt: string;
}

async function measureOpenChat(page: Page, api: Api): Promise<number[]> {
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /Conversaciones/ })
    .click();
  await page.locator('main a[href^="/conversaciones/"]').nth(3).waitFor();
  const ids = await page
    .locator('main a[href^="/conversaciones/"]')
    .evaluateAll((links) => links.slice(0, 8).map((a) => Number(/\/(\d+)/.exec(a.getAttribute('href') ?? '')?.[1])));
  const newest = new Map<number, number>();
  for (const id of ids) {
    const messages = await api.get<Message[]>(`/api/conversations/${id}/messages?limit=50`);
    const last = messages.reduce((a, b) =>
      b.createdAt > a.createdAt || (b.createdAt === a.createdAt && b.id > a.id) ? b : a,
    );
    newest.set(id, last.id);
  }
  return samples(ROUNDS, (i) => {
    const id = ids[i % ids.length]!;
    return timed(page, 'click', { kind: 'message', messageId: newest.get(id)! }, () =>
      page.locator(`main a[href^="/conversaciones/${id}"]`).first().click(),
    );
  });
}

async function measureSearch(page: Page, api: Api): Promise<number[]> {
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /Conversaciones/ })
    .click();
  const box = page.locator('main input[type="search"]');
  const expected = new Map<string, number[]>();
  for (const q of SEARCHES) {
    const found = await api.get<{ id: number }[]>(`/api/conversations?q=${encodeURIComponent(q)}&limit=1000`);
    if (found.length === 0) throw new Error(`the search "${q}" finds nothing in the big database`);
    expected.set(
      q,
      found.map((c) => c.id),
    );
  }
  const unfiltered = await api.get<{ id: number }[]>('/api/conversations?limit=200');
  return samples(ROUNDS, async (i) => {
    // Start from the full list each time (not timed), so every search really changes the rows.
    await box.fill('');
    // A function, not a string: the page's CSP refuses eval.
    await page.waitForFunction(
      (first) =>
        (globalThis as unknown as PageWindow).document
          .querySelector('main a[href^="/conversaciones/"]')
          ?.getAttribute('href')
          ?.startsWith(`/conversaciones/${first}`),
      unfiltered[0]!.id,
    );
    const q = SEARCHES[i % SEARCHES.length]!;
    const ids = expected.get(q)!;
    return timed(page, 'input', { kind: 'list', ids, min: Math.min(ids.length, 5), query: q }, () =>
      box.pressSequentially(q, { delay: TYPING_DELAY_MS }),
    );
  });
}

async function measureWeekSwitch(page: Page, mondays: string[]): Promise<number[]> {
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /Agenda/ })
    .click();
  await page.getByRole('button', { name: 'Semana', exact: true }).click();
  await page.waitForFunction((done) => (globalThis as unknown as ProbeWindow).__receptaBench.isDone(done), {
    kind: 'week',
    monday: mondays[0]!,
    events: APPOINTMENTS_PER_WEEK,
  } satisfies Done);
  const next = page.getByRole('button', { name: 'Semana siguiente' });
  const prev = page.getByRole('button', { name: 'Semana anterior' });
  return samples(ROUNDS, (i) => {
    const forward = i % 2 === 0;
    return timed(
      page,
      'click',
      { kind: 'week', monday: mondays[forward ? 1 : 0]!, events: APPOINTMENTS_PER_WEEK },
      () => (forward ? next : prev).click(),
    );
  });
}

function print(name: string, values: number[], target: number, floor: number, note: string): void {
  report({
    name: `${name}_p50_ms`,
    value: percentile(values, 50),
    unit: 'ms',
    reference: { label: 'frame floor p50', value: floor },
    note,
  });
  report({ name: `${name}_p95_ms`, value: percentile(values, 95), unit: 'ms', target: { value: target, kind: 'max' } });
}

export async function runBrowserLatency(llmBaseUrl: string, big: BigDatabase): Promise<void> {
  console.log(
    `# browser: Chromium (${chromiumPath()}) at 1366×800 on the 1M-message DB, ${ROUNDS} rounds each (+${WARMUP} warm-up), input event → first painted frame with the result`,
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-browser-'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  let core: Awaited<ReturnType<typeof spawnUntil>> | null = null;
  try {
    copyBigDatabaseInto(big, dataDir);
    const seeding = performance.now();
    const mondays = seedAgenda(paths(dataDir).database);
    info(
      'browser_seed_agenda_s',
      (performance.now() - seeding) / 1000,
      `s (${APPOINTMENTS_PER_WEEK} appointments in each of 2 weeks, through Booking)`,
    );
    core = await spawnUntil([coreCliPath()], coreEnv(dataDir, llmBaseUrl), READY_MARKER);
    const openUrl = /Recepta ready: (\S+)/.exec(core.line)?.[1];
    if (!openUrl) throw new Error(`unexpected ready line: ${core.line}`);
    const api = apiClient(new URL(openUrl).origin);

    const context = await browser.newContext({
      viewport: { width: 1366, height: 800 },
      locale: 'es-AR',
      timezoneId: ZONE,
    });
    await context.addInitScript(PROBE_SCRIPT);
    const page = await context.newPage();
    await page.goto(openUrl);
    await page.getByRole('navigation').waitFor();

    const heading = page.getByRole('heading', { level: 1 }).first();
    const floorSamples = await samples(ROUNDS, () => timed(page, 'click', { kind: 'frame' }, () => heading.click()));
    const floor = percentile(floorSamples, 50);
    info('browser_frame_floor_p50_ms', floor, 'ms (click on a heading to the next painted frame: the reference)');
    info('browser_frame_floor_p95_ms', percentile(floorSamples, 95), 'ms');

    if (STEPS.includes('chat'))
      print(
        'browser_open_chat',
        await measureOpenChat(page, api),
        TARGETS.openChat,
        floor,
        'click a chat in the list → its newest message painted in the thread',
      );
    if (STEPS.includes('search'))
      print(
        'browser_search',
        await measureSearch(page, api),
        TARGETS.search,
        floor,
        `last key typed (${TYPING_DELAY_MS} ms apart) → the list shows only the results`,
      );
    // BENCH_BROWSER_PROFILE=<file.cpuprofile>: the renderer's CPU profile of the week switches (open it in DevTools).
    const profile = process.env.BENCH_BROWSER_PROFILE;
    const cdp = profile ? await context.newCDPSession(page) : null;
    if (cdp) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    if (STEPS.includes('agenda'))
      print(
        'browser_agenda_week',
        await measureWeekSwitch(page, mondays),
        TARGETS.weekSwitch,
        floor,
        `Semana siguiente/anterior → ${APPOINTMENTS_PER_WEEK} appointments drawn or counted in "+N más"`,
      );
    if (cdp && profile) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    await context.close();
  } finally {
    await browser.close();
    if (core) await stopProcess(core.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
