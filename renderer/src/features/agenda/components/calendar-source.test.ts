import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventInput } from '@fullcalendar/core';
import { configureClient } from '../../../shared/api/client';
import { controlledFetch, appt, TZ, view } from '../agenda.fixture';
import { useAgenda } from '../store/agenda';
import type { CalendarFilter } from './calendar-events';
import { calendarSource } from './calendar-source';

const THIS_WEEK = { start: new Date('2026-11-23T03:00:00.000Z'), end: new Date('2026-11-30T03:00:00.000Z') };
const NEXT_WEEK = { start: new Date('2026-11-30T03:00:00.000Z'), end: new Date('2026-12-07T03:00:00.000Z') };
const FILTER: CalendarFilter = { hiddenPractitioners: [], showCancelled: false, month: false, timeZone: TZ };

const week = (patientName: string, start: string) =>
  view({ appointments: [appt({ patientName, start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString() })] });

const names = (events: EventInput[]) =>
  events.map((e) => (e.extendedProps?.['appointment'] as { patientName?: string } | undefined)?.patientName);

let unsubscribe: () => void = () => {};
beforeEach(() => {
  configureClient({ apiBase: '', token: 't' }, () => {});
  useAgenda.setState({ range: null, data: null, dataRange: null, error: null, loading: false, showCancelled: false });
  void useAgenda.getState().refetch();
});
afterEach(() => {
  unsubscribe();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function source() {
  const refetch = vi.fn();
  const s = calendarSource(FILTER, refetch);
  unsubscribe = useAgenda.subscribe(s.storeChanged);
  return { s, refetch };
}

describe('the calendar event source', () => {
  it('hands over a week fetched ahead in the same call, so the calendar draws it once', async () => {
    vi.useFakeTimers();
    const { fetchImpl, pending } = controlledFetch();
    vi.stubGlobal('fetch', fetchImpl);
    const { s, refetch } = source();

    const first = vi.fn();
    s.events(THIS_WEEK, first);
    expect(first).not.toHaveBeenCalled(); // nothing yet: it waits for the answer
    pending[0]?.resolve(week('esta semana', '2026-11-24T13:00:00.000Z'));
    await vi.advanceTimersByTimeAsync(0);
    expect(first).toHaveBeenCalledTimes(1);
    expect(names(first.mock.calls[0]![0] as EventInput[])).toEqual(['esta semana']);

    await vi.advanceTimersByTimeAsync(1000); // the weeks either side are fetched ahead
    pending.find((p) => p.url.includes('from=2026-11-30'))?.resolve(week('la próxima', '2026-12-01T13:00:00.000Z'));
    pending.find((p) => p.url.includes('from=2026-11-16'))?.resolve(view());
    await vi.advanceTimersByTimeAsync(0);

    const next = vi.fn();
    s.events(NEXT_WEEK, next);
    expect(next).toHaveBeenCalledTimes(1); // synchronously: no second draw
    expect(names(next.mock.calls[0]![0] as EventInput[])).toEqual(['la próxima']);
    expect(refetch).not.toHaveBeenCalled();
  });

  it('asks the calendar again when a push event changes the shown week, or the filter changes', async () => {
    const { fetchImpl, pending } = controlledFetch();
    vi.stubGlobal('fetch', fetchImpl);
    const { s, refetch } = source();
    const shown = vi.fn();
    s.events(THIS_WEEK, shown);
    pending[0]?.resolve(week('antes', '2026-11-24T13:00:00.000Z'));
    await vi.waitFor(() => expect(shown).toHaveBeenCalledTimes(1));

    const again = useAgenda.getState().refetch();
    pending.at(-1)?.resolve(week('después', '2026-11-24T14:00:00.000Z'));
    await again;
    expect(refetch).toHaveBeenCalledTimes(1);

    s.setFilter({ ...FILTER });
    expect(refetch).toHaveBeenCalledTimes(1); // the same filter: nothing to redraw
    s.setFilter({ ...FILTER, hiddenPractitioners: [1] });
    expect(refetch).toHaveBeenCalledTimes(2);
    const filtered = vi.fn();
    s.events(THIS_WEEK, filtered);
    expect(names(filtered.mock.calls[0]![0] as EventInput[])).toEqual([]);
  });
});
