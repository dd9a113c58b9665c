import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient } from '../../../shared/api/client';
import { appt, view } from '../agenda.fixture';
import { agendaChanged, useAgenda } from './agenda';

const named = (patientName: string) => view({ appointments: [appt({ patientName })] });

/** A fetch whose answers the test releases one by one, in any order. */
function controlledFetch() {
  const pending: Array<{ url: string; resolve: (body: unknown) => void }> = [];
  const fetchImpl = vi.fn(
    (url: string) =>
      new Promise<Response>((resolve) =>
        pending.push({ url, resolve: (body) => resolve(new Response(JSON.stringify(body), { status: 200 })) }),
      ),
  );
  return { fetchImpl, pending };
}

beforeEach(() => {
  configureClient({ apiBase: '', token: 't' }, () => {});
  useAgenda.setState({ range: null, data: null, error: null, loading: false, showCancelled: false });
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
});
