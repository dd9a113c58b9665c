// The notifications queue end to end, against real receivers on 127.0.0.1: a real SMTP
// server (smtp-server) gets the e-mail, a Slack-shaped receiver and a webhook receiver check
// the body and the HMAC, a failing endpoint is retried with backoff then marked failed, the
// filters record "filtered", and no payload anywhere carries the phone number.
// Needs the keychain: `bash scripts/with-keyring.sh npx vitest run <this file>`.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { retryDelay } from '../../db/claim.js';
import {
  insertEndpoint,
  claimLaneDeliveries,
  listAttempts,
  listDeliveries,
  type NewEndpoint,
  type NotificationEndpointRow,
} from '../../db/repos/notifications.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { EndpointSecrets } from '../../main/notifications/secrets.js';
import { NotificationService } from '../../main/notifications/service.js';
import { verifySignature } from '../../main/notifications/signature.js';
import { osKeychain } from '../../main/secrets/keychain.js';
import { SecretStore } from '../../main/secrets/secret-store.js';
import { tempDataDir } from '../helpers/core.js';

const PHONE = '+5491162000015';
const DIGITS = PHONE.replace(/\D/g, '');

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** An HTTP receiver on 127.0.0.1 answering `status` and keeping what it got. */
async function receiver(status = 200): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(status).end(status === 200 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, server };
}

let db: Db;
let store: SecretStore;
let secrets: EndpointSecrets;
let now: number;
let service: NotificationService;
const servers: Array<{ close(cb?: () => void): unknown }> = [];
const owned: number[] = [];

beforeEach(() => {
  db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
  store = new SecretStore(osKeychain('Recepta-test'), `notify-${randomUUID()}`, {});
  secrets = new EndpointSecrets(store);
  now = Date.UTC(2026, 2, 3, 12, 0);
  service = new NotificationService({
    db,
    secrets,
    log: silentLogger(),
    clock: () => now,
    appUrl: () => 'http://127.0.0.1:4310',
    maxAttempts: 3,
    random: () => 0.5,
    timeoutMs: 5_000,
  });
});

afterEach(async () => {
  await service.stop(); // closes the pooled SMTP connections, or the SMTP servers would wait for them
  for (const id of owned.splice(0)) secrets.clear(id);
  store.forgetInternalKey('notificationsPhoneSalt');
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(() => resolve(null)))));
  closeDatabase(db);
});

function endpoint(fields: Partial<NewEndpoint> & Pick<NewEndpoint, 'kind' | 'config'>, secret?: string) {
  const row = insertEndpoint(db, { name: fields.kind, enabled: true, events: [], intents: null, ...fields }, now);
  if (secret) {
    secrets.set(row.id, secret);
    owned.push(row.id);
  }
  return row;
}

const patientEvent = () => ({
  conversationId: 42,
  reason: 'emergency',
  intent: 'emergency',
  patient: service.patient({ phone: PHONE, name: 'María José Pérez' }),
});

function deliveries(row: NotificationEndpointRow) {
  return listDeliveries(db, { endpointId: row.id });
}

describe('notification deliveries', () => {
  it('webhook: a JSON body signed with the endpoint secret, verifiable by the receiver', async () => {
    const hook = await receiver();
    servers.push(hook.server);
    const row = endpoint({ kind: 'webhook', config: { url: hook.url } }, 'whsec-test');

    service.notify('handoff.opened', patientEvent());
    expect(await service.deliverDue()).toBe(1);

    expect(hook.got).toHaveLength(1);
    const { headers, body } = hook.got[0]!;
    expect(verifySignature('whsec-test', body, String(headers['x-recepta-signature']), Math.floor(now / 1000))).toBe(
      true,
    );
    expect(verifySignature('other', body, String(headers['x-recepta-signature']), Math.floor(now / 1000))).toBe(false);
    const json = JSON.parse(body);
    expect(json).toMatchObject({
      type: 'handoff.opened',
      data: { conversationId: 42, patient: { firstName: 'María' } },
    });
    expect(json.data.patient.phoneHash).toMatch(/^[0-9a-f]{32}$/);
    expect(body).not.toContain(DIGITS.slice(-8));
    expect(deliveries(row)).toMatchObject([{ status: 'sent', attempts: 1, lastStatusCode: 200, error: null }]);
    expect(listAttempts(db, deliveries(row)[0]!.id)).toMatchObject([{ attempt: 1, ok: true, statusCode: 200 }]);
  });

  it('a slow endpoint does not hold up the others: each endpoint is its own lane, in order', async () => {
    // The first endpoint answers only once the second one has received its delivery (or
    // after 10 s, and then the test fails): one lane after the other would wait it out.
    const fast = await receiver();
    let heldUntilOtherArrived = false;
    const slowGot: string[] = [];
    const slow = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const started = Date.now();
        const answer = () => {
          if (fast.got.length === 0 && Date.now() - started < 10_000) return void setTimeout(answer, 10);
          if (slowGot.length === 0) heldUntilOtherArrived = fast.got.length > 0;
          slowGot.push(JSON.parse(body).type);
          res.writeHead(200).end('ok');
        };
        answer();
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    servers.push(fast.server, slow);
    const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook`;
    endpoint({ kind: 'webhook', config: { url: slowUrl } }, 'whsec-slow');
    endpoint({ kind: 'webhook', config: { url: fast.url } }, 'whsec-fast');

    service.notify('handoff.opened', patientEvent());
    service.notify('sla.breached', { conversationId: 42, reason: 'handoff_unanswered' });
    expect(await service.deliverDue()).toBe(4);

    expect(heldUntilOtherArrived).toBe(true);
    expect(slowGot).toEqual(['handoff.opened', 'sla.breached']);
    expect(fast.got.map((g) => JSON.parse(g.body).type)).toEqual(['handoff.opened', 'sla.breached']);
  });

  it('Slack: an incoming-webhook body with text and a link back to the chat', async () => {
    const slack = await receiver();
    servers.push(slack.server);
    const row = endpoint({ kind: 'slack', config: { url: slack.url } });

    service.notify('reservation.created', { ...patientEvent(), startsAt: '2026-03-10T10:00:00-03:00' });
    await service.deliverDue();

    const message = JSON.parse(slack.got[0]!.body);
    expect(message.text).toContain('Nuevo turno');
    expect(JSON.stringify(message.blocks)).toContain('http://127.0.0.1:4310/conversaciones/42');
    expect(slack.got[0]!.body).not.toContain(DIGITS.slice(-8));
    expect(deliveries(row)[0]).toMatchObject({ status: 'sent', lastStatusCode: 200 });
  });

  it('e-mail: a real SMTP server receives subject and text, with the password from the keychain', async () => {
    const mails: Array<{ from: string; to: string[]; data: string; user: string | undefined }> = [];
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'recepta' && auth.password === 'smtp-pass') callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk) => (data += chunk));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
            user: session.user as string | undefined,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    servers.push(smtp);
    const port = (smtp.server.address() as AddressInfo).port;
    const row = endpoint(
      {
        kind: 'email',
        config: {
          host: '127.0.0.1',
          port,
          security: 'none',
          user: 'recepta',
          from: 'recepta@clinica.test',
          to: ['recepcion@clinica.test'],
        },
      },
      'smtp-pass',
    );

    service.notify('handoff.opened', patientEvent());
    await service.deliverDue();

    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: 'recepta@clinica.test', to: ['recepcion@clinica.test'], user: 'recepta' });
    // nodemailer encodes the accented subject (RFC 2047) and the body (quoted-printable, soft line breaks).
    expect(mails[0]!.data).toMatch(/Subject: =\?UTF-8\?Q\?=5BRecepta=5D_Una_conversaci/);
    const text = mails[0]!.data.replace(/=\r?\n/g, '');
    expect(text).toContain('Abrir la conversaci=C3=B3n: http://127.0.0.1:4310/conversaciones/42');
    expect(mails[0]!.data).not.toContain(DIGITS.slice(-8));
    expect(deliveries(row)[0]).toMatchObject({ status: 'sent', lastStatusCode: 250 });
  });

  it('e-mail: one kept-open connection per endpoint for a burst, a new one when the endpoint changes, closed at stop', async () => {
    let connections = 0;
    let open = 0;
    const mails: string[] = [];
    const smtpServer = async () => {
      const smtp = new SMTPServer({
        disabledCommands: ['STARTTLS', 'AUTH'],
        onConnect(_session, callback) {
          connections++;
          open++;
          callback();
        },
        onClose() {
          open--;
        },
        onMailFrom(address, _session, callback) {
          mails.push(address.address);
          callback();
        },
        onData(stream, _session, callback) {
          stream.resume();
          stream.on('end', () => callback());
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      servers.push(smtp);
      return (smtp.server.address() as AddressInfo).port;
    };
    const config = {
      host: '127.0.0.1',
      port: await smtpServer(),
      security: 'none',
      from: 'a@clinica.test',
      to: ['r@clinica.test'],
    };
    const row = endpoint({ kind: 'email', config });

    for (let i = 0; i < 3; i++) service.notify('sla.breached', { conversationId: 42, reason: 'handoff_unanswered' });
    expect(await service.deliverDue()).toBe(3);
    expect(mails).toEqual(['a@clinica.test', 'a@clinica.test', 'a@clinica.test']);
    expect(connections).toBe(1);

    // A new sender is per message: the same connection carries it.
    service.endpoints.update(row.id, { config: { ...config, from: 'b@clinica.test' } });
    service.notify('sla.breached', { conversationId: 42, reason: 'handoff_unanswered' });
    await service.deliverDue();
    expect(mails.at(-1)).toBe('b@clinica.test');
    expect(connections).toBe(1);

    // A new server is not: the endpoint's old connection closes and a new one opens there.
    service.endpoints.update(row.id, { config: { ...config, port: await smtpServer() } });
    service.notify('sla.breached', { conversationId: 42, reason: 'handoff_unanswered' });
    await service.deliverDue();
    expect(mails).toHaveLength(5);
    expect(connections).toBe(2);
    await expect.poll(() => open, { timeout: 10_000 }).toBe(1);

    await service.stop();
    await expect.poll(() => open, { timeout: 10_000 }).toBe(0);
    expect(deliveries(row).map((d) => d.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
  });

  it('e-mail: a server that refuses the connection is an attempt failed with its error, retried later', async () => {
    // A port nothing listens on: a server that was there and closed it.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const row = endpoint({
      kind: 'email',
      config: { host: '127.0.0.1', port, security: 'none', from: 'a@clinica.test', to: ['r@clinica.test'] },
    });

    service.notify('sla.breached', { conversationId: 42, reason: 'handoff_unanswered' });
    expect(await service.deliverDue()).toBe(1);
    expect(deliveries(row)[0]).toMatchObject({ status: 'queued', attempts: 1, lastStatusCode: null });
    expect(deliveries(row)[0]!.error).toMatch(/^ECONNREFUSED/);
    expect(listAttempts(db, deliveries(row)[0]!.id)).toMatchObject([{ attempt: 1, ok: false }]);
  });

  it('an event for an endpoint whose lane had finished goes out while a slow endpoint still holds the run', async () => {
    // The slow endpoint answers only once the fast one has received the SECOND event, which
    // is queued after the fast lane delivered the first and found nothing more (or after 10 s,
    // and then the test fails): a run that only ended with its slowest lane would wait it out.
    const fast = await receiver();
    let heldUntilSecondArrived = false;
    const slow = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const started = Date.now();
        const answer = () => {
          if (fast.got.length < 2 && Date.now() - started < 10_000) return void setTimeout(answer, 10);
          heldUntilSecondArrived = fast.got.length === 2;
          res.writeHead(200).end('ok');
        };
        answer();
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    servers.push(fast.server, slow);
    const slowRow = endpoint(
      { kind: 'webhook', config: { url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook` } },
      'whsec-slow',
    );
    const fastRow = endpoint({ kind: 'webhook', config: { url: fast.url } }, 'whsec-fast');

    service.notify('handoff.opened', patientEvent());
    const run = service.deliverDue();
    await expect.poll(() => fast.got.length, { timeout: 10_000 }).toBe(1);
    // Only the fast endpoint wants this one (the slow one records it filtered).
    service.endpoints.update(slowRow.id, { events: ['handoff.opened'] });
    service.notify('sla.breached', { conversationId: 42, reason: 'handoff_unanswered' });
    expect(await run).toBe(3);

    expect(heldUntilSecondArrived).toBe(true);
    expect(deliveries(fastRow).map((d) => [d.event, d.status])).toEqual([
      ['sla.breached', 'sent'],
      ['handoff.opened', 'sent'],
    ]);
  });

  it('a lane spaces its deliveries (laneIntervalMs): a burst is spread out, not sent at once', async () => {
    const hook = await receiver();
    servers.push(hook.server);
    endpoint({ kind: 'slack', config: { url: hook.url } });
    const spaced = new NotificationService({
      db,
      secrets,
      log: silentLogger(),
      clock: () => now,
      timeoutMs: 5_000,
      laneIntervalMs: 400,
    });
    for (let i = 0; i < 3; i++) spaced.notify('sla.breached', { conversationId: 42, reason: 'handoff_unanswered' });
    const started = performance.now();
    expect(await spaced.deliverDue()).toBe(3);
    const took = performance.now() - started;
    await spaced.stop();
    expect(hook.got).toHaveLength(3);
    // The third delivery starts at least two intervals after the first. A lower bound only (a busy
    // machine makes it longer, never shorter; 1 ms for timer rounding): unspaced, it took ~50 ms.
    expect(took).toBeGreaterThanOrEqual(799);
  });

  it('a failing endpoint is retried with exponential backoff, then marked failed; every attempt recorded', async () => {
    const down = await receiver(500);
    servers.push(down.server);
    const row = endpoint({ kind: 'slack', config: { url: down.url } });

    service.notify('channel.disconnected', { provider: 'ycloud', reason: 'auth' });
    await service.deliverDue();
    let [delivery] = deliveries(row);
    expect(delivery).toMatchObject({ status: 'queued', attempts: 1, lastStatusCode: 500, error: 'HTTP 500' });
    expect(delivery!.nextAttemptAt).toBe(now + retryDelay(1, () => 0.5));
    expect(await service.deliverDue()).toBe(0); // not due yet

    now = delivery!.nextAttemptAt!;
    await service.deliverDue();
    [delivery] = deliveries(row);
    expect(delivery).toMatchObject({ status: 'queued', attempts: 2 });
    expect(delivery!.nextAttemptAt! - now).toBe(retryDelay(2, () => 0.5));
    expect(retryDelay(2, () => 0.5)).toBe(2 * retryDelay(1, () => 0.5));

    now = delivery!.nextAttemptAt!;
    await service.deliverDue();
    [delivery] = deliveries(row);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 500, nextAttemptAt: null });
    expect(down.got).toHaveLength(3);
    expect(listAttempts(db, delivery!.id).map((a) => [a.attempt, a.ok, a.statusCode, a.error])).toEqual([
      [1, false, 500, 'HTTP 500'],
      [2, false, 500, 'HTTP 500'],
      [3, false, 500, 'HTTP 500'],
    ]);

    now += 60 * 60_000;
    expect(await service.deliverDue()).toBe(0);
  });

  it('filters by event and by intent record "filtered" and send nothing; test.ping passes every filter', async () => {
    const hook = await receiver();
    servers.push(hook.server);
    const onlyBookings = endpoint({
      kind: 'slack',
      name: 'turnos',
      config: { url: hook.url },
      events: ['reservation.created'],
    });
    const onlyEmergencies = endpoint({
      kind: 'slack',
      name: 'urgencias',
      config: { url: hook.url },
      intents: ['emergency'],
    });
    const disabled = endpoint({ kind: 'slack', name: 'apagado', config: { url: hook.url }, enabled: false });

    service.notify('handoff.opened', patientEvent()); // intent emergency
    service.notify('reservation.created', { appointmentId: 7, intent: 'booking' });
    await service.deliverDue();

    expect(deliveries(onlyBookings).map((d) => [d.event, d.status])).toEqual([
      ['reservation.created', 'sent'],
      ['handoff.opened', 'filtered'],
    ]);
    expect(deliveries(onlyEmergencies).map((d) => [d.event, d.status])).toEqual([
      ['reservation.created', 'filtered'],
      ['handoff.opened', 'sent'],
    ]);
    expect(deliveries(disabled)).toEqual([]);
    expect(hook.got).toHaveLength(2);

    service.test(onlyBookings);
    await service.deliverDue();
    expect(deliveries(onlyBookings)[0]).toMatchObject({ event: 'test.ping', status: 'sent' });
    expect(JSON.parse(hook.got[2]!.body).text).toContain('Prueba');
  });

  it('no payload stored or sent carries the phone number', async () => {
    const hook = await receiver();
    servers.push(hook.server);
    endpoint({ kind: 'webhook', config: { url: hook.url } }, 'whsec');
    endpoint({ kind: 'slack', config: { url: hook.url } });
    for (const type of ['reservation.created', 'handoff.opened', 'reminder.no_show'] as const) {
      service.notify(type, patientEvent());
    }
    await service.deliverDue();
    const stored = JSON.stringify(listDeliveries(db, {}).map((d) => d.payload));
    const sent = hook.got.map((g) => g.body).join('\n');
    expect(hook.got).toHaveLength(6);
    for (const text of [stored, sent]) {
      expect(text).not.toContain(DIGITS);
      expect(text).not.toContain(DIGITS.slice(-8));
      expect(text).not.toContain('Pérez');
    }
  });

  it('a delivery a crash interrupted mid-attempt is given back at start, its attempt not counted', async () => {
    const hook = await receiver();
    servers.push(hook.server);
    const row = endpoint({ kind: 'slack', config: { url: hook.url } });
    service.notify('test.ping', {});
    expect(claimLaneDeliveries(db, row.id, now, 10)).toHaveLength(1); // claimed, then "the PC was unplugged"
    expect(await service.deliverDue()).toBe(0);

    service.start();
    await service.deliverDue();
    expect(deliveries(row)[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(hook.got).toHaveLength(1);
  });
});
