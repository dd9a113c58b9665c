import type { VerboseFormattingArg } from '@fullcalendar/core/internal';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * An event's time ("09:30", or "09:30 - 10:00" where the view shows the end), read from the
 * zoned fields FullCalendar hands over. Given as an object ({hour: '2-digit', …}),
 * FullCalendar builds a new Intl.DateTimeFormat for every event's time range (its partial
 * formatter is not memoized): with 700 appointments in a week, a fifth of the time a week
 * switch took (bench/browser-latency.ts). A 24-hour clock reads the same in es and en.
 */
export function eventTime(arg: VerboseFormattingArg): string {
  const clock = (d: { hour: number; minute: number }) => `${two(d.hour)}:${two(d.minute)}`;
  return arg.end ? `${clock(arg.start)}${arg.defaultSeparator}${clock(arg.end)}` : clock(arg.date);
}

/** Month cells are narrow: "9:30", not "09:30", and only the start. */
export function monthEventTime(arg: VerboseFormattingArg): string {
  return `${arg.date.hour}:${two(arg.date.minute)}`;
}
