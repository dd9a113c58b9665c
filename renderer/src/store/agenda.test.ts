import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient } from '../api/client';
import type { AgendaView } from '../api/types';
import { agendaChanged, useAgenda } from './agenda';

const view = (name: string): AgendaView => ({
  timeZone: 'America/Argentina/Buenos_Aires',
  appointments: [
    {
      id: 1,
      patientId: 1,
      practitionerId: 1,
      serviceId: 1,
      start: '2026-11-24T13:00:00.000Z',
      end: '2026-11-24T13:30:00.000Z',
      status: 'scheduled',
      source: 'staff',
      notes: '',
      cancelReason: null,
      createdBy: 'x',
      updatedBy: 'x',
      createdAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:00:00.000Z',
      patientName: name,
      patientPhone: null,
      serviceName: 's',
      practitionerName: 'p',
      color: '#1c6b62',
    },
  ],
  workingHours: [],
  closures: [],
  timeOff: [],
});

/** A fetch whose answers the test releases one by one, in any order. */
function controlledFetch() {
  const pending: Array<{ url: string; resolve: (body: unknown) => void }> = [];
  const fetchImpl = vi.fn((url: string) => new Promise<Response>((resolve) => pending.push({ url, resolve: (body) => resolve(new Response(JSON.stringify(body), { status: 200 })) })));
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
    pending[1]?.resolve(view('new week'));
    await second;
    pending[0]?.resolve(view('old week'));
    await first;
    expect(useAgenda.getState().data?.appointments[0]?.patientName).toBe('new week');
    expect(useAgenda.getState().loading).toBe(false);
  });

  it('refetches the visible range once for a burst of push events', async () => {
    const { fetchImpl, pending } = controlledFetch();
    vi.stubGlobal('fetch', fetchImpl);
    const loaded = useAgenda.getState().setRange('2026-11-23T03:00:00.000Z', '2026-11-30T03:00:00.000Z');
    pending[0]?.resolve(view('a'));
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
