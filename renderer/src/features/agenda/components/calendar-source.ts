// FullCalendar reads the agenda through a function, not an array. When the receptionist moves
// to the next week, FullCalendar asks for that week while it moves; a week the store fetched
// ahead is handed over in the same call, so the week is drawn once. With an array it drew the
// empty week first, then every appointment again when the new array came down through React.
import type { EventInput, EventSourceFuncArg } from '@fullcalendar/core';
import type FullCalendar from '@fullcalendar/react';
import { useEffect, useState, type RefObject } from 'react';
import { useAgenda } from '../store/agenda';
import { calendarEvents, type CalendarFilter } from './calendar-events';

type Success = (events: EventInput[]) => void;
type Range = { from: string; to: string };
type AgendaState = ReturnType<typeof useAgenda.getState>;

const sameRange = (a: Range | null, b: Range) => a !== null && a.from === b.from && a.to === b.to;

export interface CalendarSource {
  /** FullCalendar's `events` function. */
  events(info: Pick<EventSourceFuncArg, 'start' | 'end'>, success: Success): void;
  /** The store changed: hand over the range FullCalendar waits for, or make it ask again. */
  storeChanged(now: AgendaState, before: AgendaState): void;
  /** A practitioner hidden, the cancelled shown, another view or zone: FullCalendar asks again. */
  setFilter(filter: CalendarFilter): void;
}

/**
 * The calendar's event source. It asks the store for the range on screen and answers at once
 * when the store has it (shown, or fetched ahead), else when its answer arrives. Anything else
 * that changes the agenda's data (a push event, "Mostrar cancelados") makes FullCalendar ask again
 * through `refetch`.
 */
export function calendarSource(initial: CalendarFilter, refetch: () => void): CalendarSource {
  let filter = initial;
  /** The range FullCalendar is waiting for, and how to hand it over. */
  let waiting: (Range & { success: Success }) | null = null;
  /** Inside `events`: the store's change is the answer being handed over, not a reason to ask again. */
  let answering = false;
  return {
    events(info, success) {
      const range = { from: info.start.toISOString(), to: info.end.toISOString() };
      answering = true;
      try {
        void useAgenda.getState().setRange(range.from, range.to);
      } finally {
        answering = false;
      }
      const { data, dataRange } = useAgenda.getState();
      if (data && sameRange(dataRange, range)) {
        waiting = null;
        success(calendarEvents(data, filter));
      } else waiting = { ...range, success };
    },
    storeChanged(now, before) {
      if (answering || !now.data || now.data === before.data) return;
      const w = waiting;
      if (!w) return refetch();
      if (!sameRange(now.dataRange, w)) return;
      waiting = null;
      w.success(calendarEvents(now.data, filter));
    },
    setFilter(next) {
      const same =
        next.hiddenPractitioners === filter.hiddenPractitioners &&
        next.showCancelled === filter.showCancelled &&
        next.month === filter.month &&
        next.timeZone === filter.timeZone;
      filter = next;
      if (!same) refetch();
    },
  };
}

/** The source for the calendar behind `calendarRef`, kept for the calendar's life. */
export function useCalendarSource(
  calendarRef: RefObject<FullCalendar | null>,
  filter: CalendarFilter,
): CalendarSource['events'] {
  const [source] = useState(() => calendarSource(filter, () => calendarRef.current?.getApi().refetchEvents()));
  useEffect(() => useAgenda.subscribe(source.storeChanged), [source]);
  const { hiddenPractitioners, showCancelled, month, timeZone } = filter;
  useEffect(
    () => source.setFilter({ hiddenPractitioners, showCancelled, month, timeZone }),
    [source, hiddenPractitioners, showCancelled, month, timeZone],
  );
  return source.events;
}
