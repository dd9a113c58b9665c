import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Health } from '../shared/api/types';

// /api/health answered through a promise the test resolves by hand, to put a push event
// between the request and its answer.
let answer: (h: Health) => void = () => undefined;
vi.mock('../shared/api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../shared/api/client')>();
  return {
    ...real,
    api: { ...real.api, health: () => new Promise<Health>((resolve) => (answer = resolve)) },
  };
});

const { handlePushEvent, refreshHealth } = await import('./live');
const { useAssistantOutage } = await import('../lib/assistant-outage');
const { useDiskSpace } = await import('../lib/disk-space');
const { useApp } = await import('./app-store');

const health = (over: Partial<Health> = {}): Health => ({
  ok: true,
  version: 'test',
  attachmentMaxBytes: 1,
  channels: [{ provider: 'whatsapp', state: 'disconnected', inUse: true }],
  assistant: { state: 'up' },
  disk: { freeBytes: 10_000_000_000, low: false },
  ...over,
});

describe('a /api/health answer older than a push event', () => {
  beforeEach(() => {
    useAssistantOutage.setState({ outage: null, dismissed: false });
    useDiskSpace.setState({ lowFreeBytes: null, dismissed: false });
    useApp.setState({ health: health() });
  });

  it('does not take down the outage banner the event just raised', async () => {
    const refreshed = refreshHealth();
    handlePushEvent({ type: 'assistant.status', data: { state: 'down', reason: 'http_5xx', since: 1 } });
    answer(health({ assistant: { state: 'up' } }));
    await refreshed;
    expect(useAssistantOutage.getState().outage).toMatchObject({ reason: 'http_5xx' });
  });

  it('does not undo a disk that just turned low, nor a channel that just connected', async () => {
    const refreshed = refreshHealth();
    handlePushEvent({ type: 'disk.status', data: { low: true, freeBytes: 1_000 } });
    handlePushEvent({ type: 'channel.status', data: { provider: 'whatsapp', state: 'connected' } });
    answer(health());
    await refreshed;
    expect(useDiskSpace.getState().lowFreeBytes).toBe(1_000);
    expect(useApp.getState().health?.channels).toEqual([{ provider: 'whatsapp', state: 'connected', inUse: true }]);
  });

  it('is applied when no event came in between (a UI opened mid-outage shows the banner)', async () => {
    const refreshed = refreshHealth();
    answer(health({ assistant: { state: 'down', reason: 'timeout', since: 1 }, attachmentMaxBytes: 7 }));
    await refreshed;
    expect(useAssistantOutage.getState().outage).toMatchObject({ reason: 'timeout' });
    expect(useApp.getState().health?.attachmentMaxBytes).toBe(7);
  });
});
