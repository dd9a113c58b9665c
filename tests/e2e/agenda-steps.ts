// The receptionist's steps on the agenda's day view, shared by the agenda specs.
import type { Locator, Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { TZ } from './agenda-fixtures.js';

/** From today to `day` with the next/previous day buttons, the way Laura would. */
export async function goToDay(page: Page, day: DateTime) {
  const today = DateTime.now().setZone(TZ).startOf('day');
  const steps = Math.round(day.diff(today, 'days').days);
  const button = page.getByRole('button', { name: steps < 0 ? 'Día anterior' : 'Día siguiente' });
  for (let i = 0; i < Math.abs(steps); i++) await button.click();
}

export const lane = (page: Page, hhmm: string) => page.locator(`.fc-timegrid-slot-lane[data-time="${hhmm}:00"]`);

/** Clicks the day view's slot at `hhmm` (where the pointer lands, over the open-hours shading). */
export async function clickSlot(page: Page, hhmm: string) {
  await lane(page, hhmm).scrollIntoViewIfNeeded();
  const box = await lane(page, hhmm).boundingBox();
  if (!box) throw new Error('slot not on screen');
  await page.mouse.click(box.x + box.width / 2, box.y + 4);
}

/** Drags an event by its top edge onto the slot at `hhmm` (day view: one column). */
export async function dragTo(page: Page, event: Locator, hhmm: string) {
  await event.scrollIntoViewIfNeeded();
  const from = await event.boundingBox();
  const to = await lane(page, hhmm).boundingBox();
  if (!from || !to) throw new Error('event or slot not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + 4);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + 20, { steps: 4 });
  await page.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 12 });
  await page.mouse.up();
}
