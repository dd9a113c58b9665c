// From one GET /api/agenda answer to what FullCalendar draws: appointments in their
// practitioner's colour, the hours someone works as open (white) background, closures and
// time off as marked background. Pure, so the rules are unit-tested.
import type { EventInput } from '@fullcalendar/core';
import type { AgendaView, Appointment, AppointmentStatus } from '../../../shared/api/types';
import { addDays, localParts } from '../time';

export interface CalendarFilter {
  hiddenPractitioners: readonly number[];
  showCancelled: boolean;
  /** Month view shows whole days: hours and time off would only paint every cell. */
  month: boolean;
  /** The clinic's zone: month view marks a closure on the local days it covers. */
  timeZone: string;
}

/** "Lucía F." for "Lucía Fernández": a month cell has room for a first name and an initial. */
export function shortName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return name.trim();
  return `${words[0]} ${[...words[words.length - 1]!][0]!.toLocaleUpperCase()}.`;
}

/** Appointments that can still be moved (a finished or cancelled one is history). */
export const MOVABLE: ReadonlySet<AppointmentStatus> = new Set(['scheduled', 'confirmed']);

/** Merges overlapping or touching [start, end) intervals (ISO instants) into the fewest. */
export function unionIntervals(
  list: ReadonlyArray<{ start: string; end: string }>,
): Array<{ start: string; end: string }> {
  const sorted = [...list]
    .map((i) => ({ s: Date.parse(i.start), e: Date.parse(i.end) }))
    .filter((i) => i.e > i.s)
    .sort((a, b) => a.s - b.s);
  const out: Array<{ s: number; e: number }> = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.s <= last.e) last.e = Math.max(last.e, i.e);
    else out.push({ ...i });
  }
  return out.map((i) => ({ start: new Date(i.s).toISOString(), end: new Date(i.e).toISOString() }));
}

function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) return 0.5;
  const n = parseInt(m[1], 16);
  const channel = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** Black or white text, whichever reads better on this background colour. */
export function textOn(hex: string): string {
  const l = luminance(hex);
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / 0.05;
  return onBlack >= onWhite ? '#111111' : '#ffffff';
}

export function appointmentEvent(a: Appointment): EventInput {
  const color = /^#[0-9a-f]{6}$/i.test(a.color) ? a.color : '#1c6b62';
  const movable = MOVABLE.has(a.status);
  return {
    id: String(a.id),
    start: a.start,
    end: a.end,
    title: a.patientName,
    backgroundColor: color,
    borderColor: color,
    textColor: textOn(color),
    editable: movable,
    durationEditable: false,
    classNames: ['appt', `appt--${a.status}`, ...(a.source === 'assistant' ? ['appt--assistant'] : [])],
    extendedProps: { appointment: a },
  };
}

export function calendarEvents(data: AgendaView | null, filter: CalendarFilter): EventInput[] {
  if (!data) return [];
  const hidden = new Set(filter.hiddenPractitioners);
  const events: EventInput[] = [];
  if (!filter.month) {
    const open = unionIntervals(data.workingHours.filter((w) => !hidden.has(w.practitionerId)));
    for (const [i, w] of open.entries())
      events.push({ id: `open-${i}`, start: w.start, end: w.end, display: 'background', classNames: ['agenda-open'] });
    for (const t of data.timeOff) {
      if (hidden.has(t.practitionerId)) continue;
      events.push({
        id: `off-${t.id}`,
        start: t.start,
        end: t.end,
        display: 'background',
        title: t.reason,
        classNames: ['agenda-timeoff'],
      });
    }
  }
  for (const [i, c] of data.closures.entries()) {
    // Month cells are whole days, where only all-day background events are drawn.
    const lastDay = localParts(new Date(Date.parse(c.end) - 1), filter.timeZone).date;
    const span = filter.month
      ? { start: localParts(c.start, filter.timeZone).date, end: addDays(lastDay, 1), allDay: true }
      : { start: c.start, end: c.end };
    events.push({ id: `closed-${i}`, ...span, display: 'background', title: c.reason, classNames: ['agenda-closure'] });
  }
  for (const a of data.appointments) {
    if (hidden.has(a.practitionerId)) continue;
    if (a.status === 'cancelled' && !filter.showCancelled) continue;
    events.push(appointmentEvent(a));
  }
  return events;
}
