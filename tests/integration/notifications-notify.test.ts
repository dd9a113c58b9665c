// Emitting an event (NotificationService.notify) on the main thread: one row per enabled
// endpoint written in one statement (filtered ones recorded as such), the delivery job woken
// once the rows are flushed to disk, a caller's transaction honoured; and the endpoints'
// secrets read from the keychain once, not once per delivery.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDatabase, transaction, type Db } from '../../db/client.js';
import { insertEndpoint, listDeliveries, type NewEndpoint } from '../../db/repos/notifications.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { EndpointSecrets } from '../../main/notifications/secrets.js';
import { NotificationService } from '../../main/notifications/service.js';
import type { SecretStore } from '../../main/secrets/secret-store.js';
import { tempDataDir } from '../helpers/core.js';

const NOW = Date.UTC(2026, 2, 3, 12, 0);

/** A keychain in memory that counts its reads. */
function fakeStore() {
  const values = new Map<string, string>();
  const reads = { count: 0 };
  const store = {
    getOwned: (key: string) => {
      reads.count++;
      return values.get(key) ?? null;
    },
    setOwned: (key: string, value: string) => void values.set(key, value),
    clearOwned: (key: string) => void values.delete(key),
    internalKey: () => Buffer.alloc(32, 7),
  } as unknown as SecretStore;
  return { store, reads };
}

let db: Db;
let wake: ReturnType<typeof vi.fn<() => void>>;
let service: NotificationService;

beforeEach(() => {
  db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
  wake = vi.fn<() => void>();
  service = new NotificationService({
    db,
    secrets: new EndpointSecrets(fakeStore().store),
    log: silentLogger(),
    clock: () => NOW,
    wake,
  });
});

afterEach(() => closeDatabase(db));

const endpoint = (fields: Partial<NewEndpoint> = {}) =>
  insertEndpoint(
    db,
    {
      kind: 'slack',
      name: 'Slack',
      enabled: true,
      events: [],
      intents: null,
      config: { url: 'http://127.0.0.1:9/x' },
      ...fields,
    },
    NOW,
  );

describe('notify', () => {
  it('writes one row per enabled endpoint with the same payload, filtered ones recorded, then wakes the job once', async () => {
    const all = endpoint();
    const handoffs = endpoint({ events: ['handoff.opened'] });
    const off = endpoint({ enabled: false });
    const bookings = endpoint({ intents: ['booking'] });

    const rows = service.notify('reservation.created', { appointmentId: 7, intent: 'booking' });

    expect(rows.map((r) => [r.endpointId, r.status])).toEqual([
      [all.id, 'queued'],
      [handoffs.id, 'filtered'],
      [bookings.id, 'queued'],
    ]);
    const stored = listDeliveries(db, {}).reverse();
    expect(stored.map((d) => [d.id, d.endpointId, d.status, d.nextAttemptAt])).toEqual([
      [rows[0]!.id, all.id, 'queued', NOW],
      [rows[1]!.id, handoffs.id, 'filtered', null],
      [rows[2]!.id, bookings.id, 'queued', NOW],
    ]);
    expect(stored.every((d) => d.event === 'reservation.created')).toBe(true);
    expect(new Set(stored.map((d) => JSON.stringify(d.payload))).size).toBe(1);
    expect(stored[0]!.payload).toMatchObject({ type: 'reservation.created', at: NOW, data: { appointmentId: 7 } });
    expect(listDeliveries(db, { endpointId: off.id })).toEqual([]);
    await vi.waitFor(() => expect(wake).toHaveBeenCalledTimes(1));
  });

  it('wakes nobody when every endpoint filtered the event, and writes nothing without endpoints', async () => {
    expect(service.notify('handoff.opened', { conversationId: 1 })).toEqual([]);
    endpoint({ events: ['reservation.created'] });
    expect(service.notify('handoff.opened', { conversationId: 1 }).map((r) => r.status)).toEqual(['filtered']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(wake).not.toHaveBeenCalled();
  });

  it("inside a caller's transaction, its rows go (or roll back) with it", () => {
    endpoint();
    endpoint({ name: 'Otro' });
    expect(() =>
      transaction(db, () => {
        expect(service.notify('handoff.opened', { conversationId: 1 })).toHaveLength(2);
        throw new Error('the caller fails');
      }),
    ).toThrow('the caller fails');
    expect(listDeliveries(db, {})).toEqual([]);
    transaction(db, () => service.notify('handoff.opened', { conversationId: 1 }));
    expect(listDeliveries(db, {})).toHaveLength(2);
  });
});

describe('endpoint secrets', () => {
  it('reads the keychain once per endpoint, and set and clear keep the copy right', () => {
    const { store, reads } = fakeStore();
    const secrets = new EndpointSecrets(store);
    secrets.set(1, 'first');
    expect(secrets.get(1)).toBe('first');
    expect(secrets.get(2)).toBeNull();
    expect(secrets.get(2)).toBeNull();
    expect(reads.count).toBe(1); // endpoint 2, once
    secrets.set(1, 'second');
    expect(secrets.get(1)).toBe('second');
    secrets.clear(1);
    expect(secrets.get(1)).toBeNull();
    expect(store.getOwned('notifications/1/secret')).toBeNull();
  });
});
