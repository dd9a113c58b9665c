// The events other areas already emit, turned into notifications (main/app/notifications.ts):
// an appointment change → reservation.*, a channel that drops → channel.disconnected (once, on
// the change), the assistant's handoff → handoff.opened; an endpoint's event filter applies.
// Needs the keychain: `bash scripts/with-keyring.sh npx vitest run <this file>`.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { insertEndpoint, listDeliveries } from '../../db/repos/notifications.js';
import { insertPatient } from '../../db/repos/patients.js';
import { conversations } from '../../db/schema.js';
import { handoffNotifier, wireNotifications } from '../../main/app/notifications.js';
import { emergencyHandoff } from '../../main/agent/emergency-net.js';
import { AppEvents } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { EndpointSecrets } from '../../main/notifications/secrets.js';
import { NotificationService } from '../../main/notifications/service.js';
import { osKeychain } from '../../main/secrets/keychain.js';
import { SecretStore } from '../../main/secrets/secret-store.js';
import { tempDataDir } from '../helpers/core.js';

let db: Db;
let store: SecretStore;
let events: AppEvents;
let service: NotificationService;
let unwire: () => void;

beforeEach(() => {
  db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
  store = new SecretStore(osKeychain('Recepta-test'), `notify-${randomUUID()}`, {});
  events = new AppEvents();
  service = new NotificationService({ db, secrets: new EndpointSecrets(store), log: silentLogger() });
  unwire = wireNotifications({ db, events, notifications: service, log: silentLogger() });
});
afterEach(() => {
  unwire();
  closeDatabase(db);
});

const queued = () =>
  listDeliveries(db, {})
    .reverse()
    .map((d) => [d.event, d.status]);

describe('notifications from the app events', () => {
  it('appointment.changed becomes reservation.*; the endpoint filter records the rest as filtered', () => {
    insertEndpoint(
      db,
      {
        kind: 'slack',
        name: 'turnos',
        enabled: true,
        events: ['reservation.cancelled', 'reservation.confirmed'],
        intents: null,
        config: { url: 'http://127.0.0.1:9/x' },
      },
      1,
    );
    events.emit('appointment.changed', { appointmentId: 5, kind: 'cancelled', source: 'staff' });
    events.emit('appointment.changed', { appointmentId: 5, kind: 'rescheduled', source: 'assistant' });
    events.emit('appointment.changed', { appointmentId: 5, kind: 'confirmed', source: 'staff' });
    expect(queued()).toEqual([
      ['reservation.cancelled', 'queued'],
      ['reservation.modified', 'filtered'],
      ['reservation.confirmed', 'queued'],
    ]);
  });

  it('a channel going from connected to disconnected is news once; the reason text stays in Recepta', () => {
    insertEndpoint(
      db,
      { kind: 'slack', name: 'x', enabled: true, events: [], intents: null, config: { url: 'http://127.0.0.1:9/x' } },
      1,
    );
    events.emit('channel.status', { provider: 'ycloud', state: 'disconnected' }); // first report: not a change
    events.emit('channel.status', { provider: 'ycloud', state: 'connected' });
    events.emit('channel.status', { provider: 'ycloud', state: 'disconnected', reason: 'token de Ana revocado' });
    events.emit('channel.status', { provider: 'ycloud', state: 'error' });
    expect(queued()).toEqual([['channel.disconnected', 'queued']]);
    expect(JSON.stringify(listDeliveries(db, {})[0]!.payload)).not.toContain('Ana');

    const patient = insertPatient(db, { displayName: 'Ana Gómez', phone: '+5491162000077' });
    const chat = db
      .insert(conversations)
      .values({
        channel: 'whatsapp',
        provider: 'ycloud',
        externalUserId: '+5491162000077',
        patientId: patient.id,
        lastMessageAt: 1,
        createdAt: 1,
      })
      .returning()
      .get();
    handoffNotifier(db, service, silentLogger())(chat.id);
    const handoff = listDeliveries(db, {})[0]!;
    expect(handoff).toMatchObject({
      event: 'handoff.opened',
      payload: { data: { conversationId: chat.id, reason: 'assistant_handoff', patient: { firstName: 'Ana' } } },
    });
    expect(JSON.stringify(handoff.payload)).not.toMatch(/62000077|Gómez/);
    store.forgetInternalKey('notificationsPhoneSalt');
  });
  it("intents an endpoint may filter on: a cancellation, an emergency handoff (the model's or the keywords'), a plain one", () => {
    const endpoint = (name: string, intents: string[]) =>
      insertEndpoint(
        db,
        { kind: 'slack', name, enabled: true, events: [], intents, config: { url: 'http://127.0.0.1:9/x' } },
        1,
      );
    const cancellations = endpoint('cancelaciones', ['cancellation']);
    const urgent = endpoint('urgencias', ['emergency']);
    events.emit('appointment.changed', { appointmentId: 5, kind: 'created', source: 'staff' });
    events.emit('appointment.changed', { appointmentId: 5, kind: 'cancelled', source: 'assistant' });
    const notify = handoffNotifier(db, service, silentLogger());
    notify(1, 'URGENCIA: dolor de pecho');
    notify(2, emergencyHandoff({ category: 'suicide', phrase: 'no quiero seguir', confidence: 'high' }));
    notify(3, 'Quiere hablar con una persona por una factura');
    const wanted = (id: number) =>
      listDeliveries(db, { endpointId: id })
        .filter((d) => d.status === 'queued')
        .map((d) => [d.event, (d.payload as { data: { conversationId?: number } }).data.conversationId ?? null]);
    expect(wanted(cancellations.id)).toEqual([['reservation.cancelled', null]]);
    expect(wanted(urgent.id).sort()).toEqual([
      ['handoff.opened', 1],
      ['handoff.opened', 2],
    ]);
  });
});
