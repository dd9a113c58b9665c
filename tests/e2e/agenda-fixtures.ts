// Shared steps for the agenda, patients and clinic-settings e2e tests: a practitioner, a
// service and patients of this test's own (tests share one core per worker), and dates in
// the clinic's zone.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { Appointment, Closure, Patient, Practitioner, Service } from '../../main/http/agenda-types.js';
import type { Recepta } from './fixtures.js';

export const TZ = 'America/Argentina/Buenos_Aires';

let counter = 0;
/** A name no other test in this worker uses. */
export const unique = (base: string) => `${base} ${Date.now().toString(36).slice(-4)}${++counter}`;

/** Whether the clinic is closed on a day (a holiday or a closure: the demo clinic has several). */
export async function closedOn(recepta: Recepta): Promise<(day: DateTime) => boolean> {
  const closures = await recepta.api<Closure[]>('GET', '/api/closures');
  return (day) => {
    const date = day.toFormat('yyyy-MM-dd');
    return closures.some((c) => c.startDate <= date && date <= c.endDate);
  };
}

/**
 * The next weekday (Mon–Fri) at least `daysAhead` days away on which the clinic is
 * open, as a clinic-zone date. "Tomorrow" is a holiday in some weeks of the year, and
 * the tests run on any date.
 */
export async function nextWorkday(recepta: Recepta, daysAhead = 1): Promise<DateTime> {
  const closed = await closedOn(recepta);
  let d = DateTime.now().setZone(TZ).startOf('day').plus({ days: daysAhead });
  while (d.weekday > 5 || closed(d)) d = d.plus({ days: 1 });
  return d;
}

/** The UTC instant of `hh:mm` on that clinic-zone day. */
export const instantAt = (day: DateTime, hhmm: string) =>
  day
    .set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)) })
    .toUTC()
    .toISO() as string;

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));

export interface Booking {
  practitioner: Practitioner;
  service: Service;
}

/** A practitioner working 08:00–20:00 every day and a 30-minute service only they perform. */
export async function createBookable(recepta: Recepta): Promise<Booking> {
  const practitioner = await recepta.api<Practitioner>('POST', '/api/practitioners', {
    name: unique('Dra. Prueba'),
    specialty: 'Odontología',
    color: '#2a62d6',
    hours: EVERY_DAY,
  });
  const service = await recepta.api<Service>('POST', '/api/services', {
    name: unique('Limpieza'),
    durationMinutes: 30,
    priceCents: 2_500_000,
    minNoticeMinutes: 0,
    maxAdvanceDays: 90,
    practitionerIds: [practitioner.id],
  });
  return { practitioner, service };
}

export const createPatient = (recepta: Recepta, displayName: string, phone?: string) =>
  recepta.api<Patient>('POST', '/api/patients', { displayName, ...(phone ? { phone } : {}) });

export const book = (recepta: Recepta, b: Booking, patientId: number, start: string) =>
  recepta.api<Appointment>('POST', '/api/appointments', {
    patientId,
    practitionerId: b.practitioner.id,
    serviceId: b.service.id,
    start,
  });

type View = 'timeGridDay' | 'timeGridWeek' | 'dayGridMonth';

/** Opens the agenda showing only this practitioner, in the given view. */
export const showOnly = (page: Page, recepta: Recepta, practitionerId: number, view: View) =>
  showPractitioners(page, recepta, [practitionerId], view);

/** Opens the agenda showing only these practitioners, in the given view. */
export async function showPractitioners(page: Page, recepta: Recepta, practitionerIds: number[], view: View) {
  const others = (await recepta.api<Practitioner[]>('GET', '/api/practitioners'))
    .map((p) => p.id)
    .filter((id) => !practitionerIds.includes(id));
  await page.addInitScript(
    ([prefs]) => localStorage.setItem('recepta.agenda', prefs as string),
    [JSON.stringify({ view, hiddenPractitioners: others, showCancelled: false })],
  );
}

/** Serious and critical axe findings on the page as it is now. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}
