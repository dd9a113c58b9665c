import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient } from '../../../shared/api/client';
import { controlledFetch, appt, view } from '../agenda.fixture';
import { agendaChanged, useAgenda } from './agenda';

const named = (patientName: string) => view({ appointments: [appt({ patientName })] });

beforeEach(() => {
  configureClient({ apiBase: '', token: 't' }, () => {});
  useAgenda.setState({ range: null, data: null, error: null, loading: false, showCancelled: false });
  // Forgets what an earlier test fetched ahead (and its timer): no range, so nothing is fetched.
  void useAgenda.getState().refetch();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('agenda store', () => {
  it('shows the newest range even when an older answer arrives last', async () => {
    const { fetchImpl, pending } = controlledFetch();
    vi.stubGlobal('fetch', fetchImpl);
    const first = useAgenda.getState().setRange('2026-11-23T03:00:00.000Z', '2026-11-30T03:00:00.000Z');
    const second = useAgenda.getState().setRange('2026-11-30T03:00:00.000Z', '2026-12-07T03:00:00.000Z');
    expect(pending).toHaveLength(2);
    expect(pending[1]?.url).toContain('from=2026-11-30');
    pending[1]?.resolve(named('new week'));
    await second;
    pending[0]?.resolve(named('old week'));
    await first;
    expect(useAgenda.getState().data?.appointments[0]?.patientName).toBe('new week');
    expect(useAgenda.getState().loading).toBe(false);
  });

  it('refetches the visible range once for a burst of push events', async () => {
    const { fetchImpl, pending } = controlledFetch();
    vi.stubGlobal('fetch', fetchImpl);
    const loaded = useAgenda.getState().setRange('2026-11-23T03:00:00.000Z', '2026-11-30T03:00:00.000Z');
    pending[0]?.resolve(named('a'));
    await loaded;
    vi.useFakeTimers();
    agendaChanged();
    agendaChanged();
    agendaChanged();
    await vi.runAllTimersAsync();
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(pending[1]?.url).toContain('/api/agenda?from=2026-11-23');
  });

  it('fetches the weeks either side once the visible one drew, and shows the next one at once', async () => {
    vi.useFakeTimers();
    const { fetchImpl, pending } = controlledFetch();
    vi.stubGlobal('fetch', fetchImpl);
    const loaded = useAgenda.getState().setRange('2026-11-23T03:00:00.000Z', '2026-11-30T03:00:00.000Z');
    pending[0]?.resolve(named('this week'));
    await loaded;
    expect(fetchImpl).toHaveBeenCalledTimes(1); // nothing ahead before the visible week drew
    await vi.advanceTimersByTimeAsync(1000);
    const urls = pending.slice(1).map((p) => p.url);
    expect(urls).toEqual([
      expect.stringContaining('from=2026-11-16T03%3A00%3A00.000Z&to=2026-11-23T03%3A00%3A00.000Z'),
      expect.stringContaining('from=2026-11-30T03%3A00%3A00.000Z&to=2026-12-07T03%3A00%3A00.000Z'),
    ]);
    pending[1]?.resolve(named('last week'));
    pending[2]?.resolve(named('next week'));
    await vi.advanceTimersByTimeAsync(0);

    await useAgenda.getState().setRange('2026-11-30T03:00:00.000Z', '2026-12-07T03:00:00.000Z');
    expect(useAgenda.getState().data?.appointments[0]?.patientName).toBe('next week');
    expect(useAgenda.getState().loading).toBe(false);
    expect(fetchImpl).toHaveBeenCalledTimes(3); // shown from what was fetched ahead
  });

  it('forgets the weeks fetched ahead when the agenda changes, and an answer from before the change is not used', async () => {
    vi.useFakeTimers();
    const { fetchImpl, pending } = controlledFetch();
    vi.stubGlobal('fetch', fetchImpl);
    const loaded = useAgenda.getState().setRange('2026-11-23T03:00:00.000Z', '2026-11-30T03:00:00.000Z');
    pending[0]?.resolve(named('this week'));
    await loaded;
    await vi.advanceTimersByTimeAsync(1000);
    pending[1]?.resolve(named('last week'));
    await vi.advanceTimersByTimeAsync(0);

    // Something changed: the next week's answer, still on its way, was asked before it.
    agendaChanged();
    await vi.advanceTimersByTimeAsync(200);
    pending[2]?.resolve(named('next week, before the change'));
    pending[3]?.resolve(named('this week, after the change'));
    await vi.advanceTimersByTimeAsync(0);
    expect(useAgenda.getState().data?.appointments[0]?.patientName).toBe('this week, after the change');

    const moved = useAgenda.getState().setRange('2026-11-30T03:00:00.000Z', '2026-12-07T03:00:00.000Z');
    const asked = pending.at(-1)!;
    expect(asked.url).toContain('from=2026-11-30T03%3A00%3A00.000Z');
    asked.resolve(named('next week, after the change'));
    await moved;
    expect(useAgenda.getState().data?.appointments[0]?.patientName).toBe('next week, after the change');
  });
  it('keeps the week she leaves, so going back draws at once, unless the agenda changed meanwhile', async () => {
    vi.useFakeTimers();
    const { fetchImpl, pending } = controlledFetch();
    vi.stubGlobal('fetch', fetchImpl);
    const A = ['2026-11-23T03:00:00.000Z', '2026-11-30T03:00:00.000Z'] as const;
    const B = ['2026-11-30T03:00:00.000Z', '2026-12-07T03:00:00.000Z'] as const;
    const a = useAgenda.getState().setRange(...A);
    pending[0]?.resolve(named('semana A'));
    await a;
    const b = useAgenda.getState().setRange(...B); // before anything was fetched ahead
    pending[1]?.resolve(named('semana B'));
    await b;
    const asked = fetchImpl.mock.calls.length;

    void useAgenda.getState().setRange(...A); // synchronously: nothing to wait for
    expect(useAgenda.getState().data?.appointments[0]?.patientName).toBe('semana A');
    expect(useAgenda.getState().loading).toBe(false);
    expect(fetchImpl.mock.calls.length).toBe(asked); // from memory

    // Something changed while A's new answer is on its way: A as shown is stale, so it is not kept.
    void useAgenda.getState().refetch();
    void useAgenda.getState().setRange(...B);
    const back = useAgenda.getState().setRange(...A);
    expect(useAgenda.getState().loading).toBe(true);
    expect(pending.at(-1)?.url).toContain('from=2026-11-23');
    pending.at(-1)?.resolve(named('semana A, nueva'));
    await back;
    expect(useAgenda.getState().data?.appointments[0]?.patientName).toBe('semana A, nueva');
  });
});
