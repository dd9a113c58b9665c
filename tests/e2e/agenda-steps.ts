// The receptionist's steps on the agenda's day view, shared by the agenda specs.
import { expect, type Locator, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { TZ } from './agenda-fixtures.js';

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
