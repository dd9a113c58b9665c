// The receptionist's steps on the agenda's day view, shared by the agenda specs.
import { expect, type Locator, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { Appointment, Patient } from '../../main/http/agenda-types.js';
import {
  book,
  createBookable,
  createPatient,
  instantAt,
  nextWorkday,
  showOnly,
  TZ,
  unique,
  type Booking,
} from './agenda-fixtures.js';
import { AppDriver } from './fixtures.js';

/**
 * From today to `day` with the next/previous day buttons, the way Laura would, one day at a
 * time: each click waits until the day view shows the next date, so a click is never lost
 * to a view still rendering and the steps that follow never act on the wrong day.
 */
export async function goToDay(page: Page, day: DateTime) {
  const shown = (d: DateTime) => page.locator(`.fc-timegrid-col[data-date="${d.toISODate()}"]`);
  let current = DateTime.now().setZone(TZ).startOf('day');
  await expect(shown(current)).toBeVisible();
  const forward = day > current;
  const button = page.getByRole('button', { name: forward ? 'Día siguiente' : 'Día anterior' });
  while (current.toISODate() !== day.toISODate()) {
    await button.click();
    current = current.plus({ days: forward ? 1 : -1 });
    await expect(shown(current)).toBeVisible();
  }
}

export const lane = (page: Page, hhmm: string) => page.locator(`.fc-timegrid-slot-lane[data-time="${hhmm}:00"]`);

/** Clicks the day view's slot at `hhmm` (where the pointer lands, over the open-hours shading). */
export async function clickSlot(page: Page, hhmm: string) {
  await lane(page, hhmm).scrollIntoViewIfNeeded();
  const box = await lane(page, hhmm).boundingBox();
  if (!box) throw new Error('slot not on screen');
  await page.mouse.click(box.x + box.width / 2, box.y + 4);
}

type Box = { x: number; y: number; width: number; height: number };

/** Drags an event by its top edge onto the slot at `hhmm` (day view: one column). */
export async function dragTo(page: Page, event: Locator, hhmm: string) {
  // Measured again until it holds: a live refetch (another booking's push event) redraws the
  // day's events, and an element replaced mid-measure is detached and has no box.
  const box: { from?: Box | null; to?: Box | null } = {};
  await expect(async () => {
    await event.scrollIntoViewIfNeeded({ timeout: 1_000 });
    [box.from, box.to] = [await event.boundingBox(), await lane(page, hhmm).boundingBox()];
    expect(box.from && box.to, 'event and slot on screen').toBeTruthy();
  }).toPass({ timeout: 5_000 });
  const { from, to } = box;
  if (!from || !to) throw new Error('event or slot not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + 4);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + 20, { steps: 4 });
  await page.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 12 });
  await page.mouse.up();
}

/** What the waitlist specs start from (see `waitlistScene`). */
export interface WaitlistScene {
  bookable: Booking;
  /** The clinic-zone workday of the visit. */
  day: DateTime;
  /** The patient who waits: she wrote to the clinic, so an offer has a chat to go to. */
  waiting: { name: string; patientId: number; conversationId: number };
  /** The other patient, and her visit at 10:00 on `day`: the time a cancellation frees. */
  holder: Patient;
  visit: Appointment;
}

/**
 * A patient who wrote to the clinic (named `waitingName`, saying `text`), another patient's
 * 10:00 visit two workdays away with a practitioner and service of this test's own, and the
 * agenda open on that practitioner's day view.
 */
export async function waitlistScene(
  app: AppDriver,
  names: { waiting: string; holder: string },
  text: string,
): Promise<WaitlistScene> {
  const { page, recepta } = app;
  const bookable = await createBookable(recepta);
  const day = await nextWorkday(recepta, 2);
  const waitingName = unique(names.waiting);
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name: waitingName,
    text,
  });
  // The pipeline creates her patient record when it stores the message.
  let patientId = 0;
  await expect
    .poll(async () => {
      const found = await recepta.api<Patient[]>('GET', `/api/patients?q=${encodeURIComponent(waitingName)}`);
      patientId = found[0]?.id ?? 0;
      return patientId;
    })
    .toBeTruthy();
  const holder = await createPatient(recepta, unique(names.holder));
  const visit = await book(recepta, bookable, holder.id, instantAt(day, '10:00'));

  await showOnly(page, recepta, bookable.practitioner.id, 'timeGridDay');
  await app.open('/agenda');
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
  return { bookable, day, waiting: { name: waitingName, patientId, conversationId }, holder, visit };
}

/** The agenda's Lista de espera dialog (whether open or not). */
export const waitlistPanel = (page: Page) => page.getByRole('dialog', { name: 'Lista de espera' });

/** Opens the Lista de espera from the agenda: with the toolbar's button, or with its key, L. */
export async function openWaitlist(page: Page, by: 'button' | 'key'): Promise<Locator> {
  if (by === 'button') {
    await page.getByRole('button', { name: 'Lista de espera' }).click();
  } else {
    // The page ignores its shortcuts while the focus is in a field or a dialog.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('l');
  }
  const panel = waitlistPanel(page);
  await expect(panel).toBeVisible();
  return panel;
}

/**
 * The form controls under `scope` whose text does not fit them: a label cut off, a text field
 * scrolling its value, a select whose chosen option is wider than its box (Chromium gives a
 * select no scroll width, so the option's text is measured in the select's font, beside the
 * padding and the drop-down arrow).
 */
export async function clippedControls(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const ARROW = 24;
    const canvas = document.createElement('canvas').getContext('2d')!;
    const clipped: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('label, input, select')) {
      if (!el.offsetParent) continue;
      const name = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()} "${el.textContent?.trim()}"`;
      if (el instanceof HTMLSelectElement) {
        const style = getComputedStyle(el);
        canvas.font = style.font;
        const text = el.selectedOptions[0]?.text ?? '';
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - ARROW;
        if (canvas.measureText(text).width > room) clipped.push(`${name}: "${text}"`);
      } else if (el.scrollWidth > el.clientWidth + 1) {
        clipped.push(`${name}: "${el instanceof HTMLInputElement ? el.value : el.textContent}"`);
      }
    }
    return clipped;
  });
}
