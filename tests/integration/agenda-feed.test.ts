// The subscribe-able ICS feed: served by the webhook listener (the one a tunnel exposes)
// without the bearer header (calendar apps cannot send one), 404 for a wrong token, not on
// the local API, its link built from the clinic's public address, token kept in the OS
// keychain only, rotatable.
// Needs the OS keychain: run under `bash scripts/with-keyring.sh npx vitest run tests/integration/agenda-feed.test.ts`.
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarFeed, Practitioner, Service } from '../../main/http/agenda-types.js';
import { paths } from '../../main/kernel/paths.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const ZONE = 'America/Argentina/Buenos_Aires';
const start = DateTime.now()
  .setZone(ZONE)
  .plus({ days: 3 })
  .startOf('week')
  .plus({ weeks: 1, hours: 10 })
  .toUTC()
  .toISO()!;

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
  const doctor = (await core.api<Practitioner>('POST', '/api/practitioners', { name: 'Dra. Feed', color: '#123456' }))
    .body;
  const service = (
    await core.api<Service>('POST', '/api/services', {
      name: 'Control',
      durationMinutes: 30,
      priceCents: 100,
      practitionerIds: [doctor.id],
    })
  ).body;
  const patient = (
    await core.api<{ id: number }>('POST', '/api/patients', { displayName: 'Julia Feed', phone: '+54 9 11 5555 1111' })
  ).body;
  expect(
    (
      await core.api('POST', '/api/appointments', {
        patientId: patient.id,
        practitionerId: doctor.id,
        serviceId: service.id,
        start,
      })
    ).status,
  ).toBe(201);
});
afterAll(async () => core?.stop());

const PUBLIC = 'https://recepcion-demo.trycloudflare.com';

describe('calendar feed', () => {
  it('has no link until the clinic has a public address, then builds it from that address', async () => {
    const none = (await core.api<CalendarFeed>('GET', '/api/calendar-feed')).body;
    expect(none.url).toBeNull();
    expect(none.path).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await core.api('PATCH', '/api/settings', { 'network.publicUrl': PUBLIC })).status).toBe(200);
    const feed = (await core.api<CalendarFeed>('GET', '/api/calendar-feed')).body;
    expect(feed.url).toBe(`${PUBLIC}${feed.path}`);
    expect(feed.url).not.toContain('127.0.0.1');
    // The same URL every time (it is what the calendar app subscribed to).
    expect((await core.api<CalendarFeed>('GET', '/api/calendar-feed')).body.url).toBe(feed.url);
  });

  it('serves the agenda on the webhook listener (the one a tunnel exposes) without the bearer header', async () => {
    const { path } = (await core.api<CalendarFeed>('GET', '/api/calendar-feed')).body;
    const res = await fetch(`${core.webhookUrl}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await res.text();
    expect(ics).toContain('SUMMARY:Control — Julia Feed');
    expect(ics).not.toContain('+549');
  });

  it('is not served by the local API, with or without the session token', async () => {
    const { path } = (await core.api<CalendarFeed>('GET', '/api/calendar-feed')).body;
    const asked: Array<Record<string, string>> = [{}, { authorization: `Bearer ${core.token}` }];
    for (const headers of asked) {
      const res = await fetch(`${core.apiUrl}${path}`, { headers });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('BEGIN:VCALENDAR');
    }
  });

  it('404s a wrong token on the webhook listener exactly like an unknown route, and keeps the feed settings behind the bearer', async () => {
    const { path } = (await core.api<CalendarFeed>('GET', '/api/calendar-feed')).body;
    const token = path.split('/calendar/')[1]!.replace('.ics', '');
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const p of [`/calendar/${wrong}.ics`, `/calendar/${token}`, `/calendar/${token}.ics.bak`, '/calendar/x.ics']) {
      const res = await fetch(`${core.webhookUrl}${p}`);
      expect(res.status, p).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
    // Nothing else of the agenda is reachable on the webhook listener.
    for (const p of ['/api/calendar-feed', '/api/appointments', '/calendar/']) {
      expect((await fetch(`${core.webhookUrl}${p}`)).status, p).toBe(404);
    }
    expect((await fetch(`${core.apiUrl}/api/calendar-feed`)).status).toBe(401);
    expect((await fetch(`${core.apiUrl}/api/calendar-feed/rotate`, { method: 'POST' })).status).toBe(401);
  });

  it('rotating the token retires the old URL', async () => {
    const old = (await core.api<CalendarFeed>('GET', '/api/calendar-feed')).body;
    const fresh = (await core.api<CalendarFeed>('POST', '/api/calendar-feed/rotate')).body;
    expect(fresh.url).not.toBe(old.url);
    expect(fresh.url).toBe(`${PUBLIC}${fresh.path}`);
    expect((await fetch(`${core.webhookUrl}${old.path}`)).status).toBe(404);
    expect((await fetch(`${core.webhookUrl}${fresh.path}`)).status).toBe(200);
  });

  it('keeps the token out of the database', async () => {
    const { path } = (await core.api<CalendarFeed>('GET', '/api/calendar-feed')).body;
    const token = path.split('/calendar/')[1]!.replace('.ics', '');
    core.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(paths(core.dataDir).database);
    expect(file.includes(Buffer.from(token))).toBe(false);
  });
});
