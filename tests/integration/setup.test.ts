// The first run: what GET /api/setup says of an empty folder, the gate that keeps the
// assistant from answering real patients until the clinic has hours and a service, the
// demo loaded from the UI and "Empezar de cero" out of it (never over real data), and an
// install from before the setup existed.
import { afterEach, describe, expect, it } from 'vitest';
import type { AssistantReplier, ReplyInput } from '../../main/agent/assistant.js';
import type { Conversation, Message } from '../../main/http/api-types.js';
import type { SetupStatus } from '../../main/http/setup-types.js';
import { FakeWhatsApp, upsertFixture, type FakeSocket } from '../fixtures/baileys/fake-socket.js';
import { setUpClinic } from '../helpers/clinic.js';
import { startTestCore, tempDataDir, waitFor, type TestCore } from '../helpers/core.js';

type ErrorBody = { error: { code: string; message: string } };
const REPLY = '¡Hola! ¿En qué te ayudo?';

/** An assistant that counts who it was asked to answer (the model call the gate must not make). */
function countingAssistant(): AssistantReplier & { asked: ReplyInput['conversation'][] } {
  const asked: ReplyInput['conversation'][] = [];
  return {
    asked,
    reply: async (input) => {
      asked.push(input.conversation);
      return { text: REPLY, meta: { mode: 'llm', latencyMs: 1 } };
    },
  };
}

/** Links the fake WhatsApp (QR, scan, restart, open) and returns the socket patients write through. */
async function linkWhatsApp(core: TestCore, fake: FakeWhatsApp): Promise<FakeSocket> {
  const connected = core.nextEvent((e) => e.type === 'channel.status' && e.data.state === 'connected');
  await core.api('POST', '/api/channels/whatsapp/link', { method: 'qr' });
  const first = fake.current;
  first.qr('2@qr-for-setup');
  first.options.auth.creds.me = { id: '5491140001234:7@s.whatsapp.net', name: 'Clínica' };
  first.emit('creds.update', { me: first.options.auth.creds.me });
  first.close(515, 'Stream Errored (restart required)');
  const socket = await fake.socketNumber(2);
  socket.open();
  await connected;
  return socket;
}

/** The fixture's text message under another id (the same id twice is a duplicate, dropped at ingest). */
function textWithId(id: string) {
  const upsert = upsertFixture('text');
  const [message] = upsert.messages;
  return { ...upsert, messages: [{ ...message!, key: { ...message!.key, id } }] };
}

const cores: TestCore[] = [];
afterEach(async () => {
  while (cores.length) await cores.pop()!.stop();
});
async function start(opts: Parameters<typeof startTestCore>[0] = {}): Promise<TestCore> {
  const core = await startTestCore(opts);
  cores.push(core);
  return core;
}
const setup = async (core: TestCore) => (await core.api<SetupStatus>('GET', '/api/setup')).body;

describe('GET /api/setup', () => {
  it('an empty folder: the setup opens, nothing is done, the demo can be loaded, hours and a service are missing', async () => {
    const core = await start();
    const status = await setup(core);
    expect(status).toMatchObject({ open: true, demo: false, canLoadDemo: true, missing: ['hours', 'service'] });
    expect(status.steps.map((s) => s.id)).toEqual([
      'clinic',
      'hours',
      'practitioner',
      'service',
      'tone',
      'ai',
      'alwaysOn',
      'whatsapp',
    ]);
    expect(status.steps.every((s) => !s.done)).toBe(true);
  });

  it('the built-in hours do not count: saving them (the clinic profile) does; closing the setup keeps it closed', async () => {
    const core = await start();
    await core.api('PATCH', '/api/settings', { 'clinic.name': 'Consultorio Sur' });
    let status = await setup(core);
    expect(status.steps.find((s) => s.id === 'clinic')!.done).toBe(true);
    expect(status.missing).toEqual(['hours', 'service']);
    await setUpClinic(core);
    status = await setup(core);
    expect(status.missing).toEqual([]);
    expect(status.steps.filter((s) => s.done).map((s) => s.id)).toEqual(['clinic', 'hours', 'practitioner', 'service']);
    expect(status.open).toBe(true);
    await core.api('PATCH', '/api/settings', { 'setup.finished': true });
    expect((await setup(core)).open).toBe(false);
  });
});

describe('until the clinic has hours and a service', () => {
  it('a WhatsApp patient goes to a person without a model call; the simulator still answers; once set up, WhatsApp is answered', async () => {
    const fake = new FakeWhatsApp();
    const assistant = countingAssistant();
    const core = await start({
      assistant,
      whatsappSocketFactory: fake.factory,
      whatsappBackoff: { baseMs: 50, capMs: 200 },
    });
    core.settings.update({ 'pipeline.debounceMs': 20 });
    const socket = await linkWhatsApp(core, fake);

    socket.emit('messages.upsert', { ...upsertFixture('text'), type: 'notify' });
    const chat = await waitFor(async () =>
      (await core.api<Conversation[]>('GET', '/api/conversations')).body.find(
        (c) => c.provider === 'baileys' && c.humanOverrideUntil !== null,
      ),
    );
    await core.turns.idle();
    expect(assistant.asked).toHaveLength(0);
    // Staff see why it is theirs.
    const paused = (await core.api<Conversation>('GET', `/api/conversations/${chat.id}`)).body;
    expect(paused.humanOverrideReason).toMatch(/^handoff:.*faltan los horarios o un servicio/);
    expect(socket.sent).toHaveLength(0);
    const thread = (await core.api<Message[]>('GET', `/api/conversations/${chat.id}/messages`)).body;
    expect(thread.map((m) => m.role)).not.toContain('assistant');

    const sim = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: '+5491155550199',
      text: 'hola',
    });
    await waitFor(async () =>
      (await core.api<Message[]>('GET', `/api/conversations/${sim.body.conversationId}/messages`)).body.find(
        (m) => m.role === 'assistant',
      ),
    );
    expect(assistant.asked.map((c) => c.provider)).toEqual(['simulator']);

    await setUpClinic(core);
    await core.api('POST', `/api/conversations/${chat.id}/takeover`, { enabled: false });
    socket.emit('messages.upsert', { ...textWithId('3EB0SETUPREADY0001'), type: 'notify' });
    await waitFor(() => socket.sent.length > 0, 15_000, 'the reply to the WhatsApp patient');
    expect(assistant.asked.map((c) => c.provider)).toContain('baileys');
  });
});

describe('the demo from the UI, and "Empezar de cero"', () => {
  it('loads into an empty folder only, once; leaving it clears the demo and the setup opens again', async () => {
    const core = await start();
    const loaded = await core.api<{ appointments: number }>('POST', '/api/setup/demo', {});
    expect(loaded.status).toBe(201);
    expect((await core.api<unknown[]>('GET', '/api/services')).body.length).toBeGreaterThan(0);
    expect(await setup(core)).toMatchObject({ demo: true, open: false, canLoadDemo: false, missing: [] });
    const again = await core.api<ErrorBody>('POST', '/api/setup/demo', {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SETUP_NOT_EMPTY');

    // Trying it in the simulator is part of the demo, not real data.
    await core.api('POST', '/api/simulator/messages', { from: '+5491155550123', text: 'hola' });
    const fresh = await core.api<{ restarting: boolean }>('POST', '/api/setup/start-fresh', {});
    expect(fresh.status).toBe(202);
    await waitFor(async () => (await setup(core).catch(() => undefined))?.demo === false, 20_000, 'the restart');
    expect(await setup(core)).toMatchObject({
      demo: false,
      open: true,
      canLoadDemo: true,
      missing: ['hours', 'service'],
    });
    expect((await core.api<unknown[]>('GET', '/api/services')).body).toEqual([]);
    expect((await core.api<unknown[]>('GET', '/api/practitioners')).body).toEqual([]);
    expect((await core.api<unknown[]>('GET', '/api/conversations')).body).toEqual([]);
    expect((await core.api<{ name: string }>('GET', '/api/clinic')).body.name).toBe('');
  });

  it('refuses to leave the demo over real data, and deletes nothing', async () => {
    const core = await start();
    await core.api('POST', '/api/setup/demo', {});
    await core.api('POST', '/api/practitioners', { name: 'Dr. Real', specialty: 'Clínica', color: '#123456' });
    const before = (await core.api<unknown[]>('GET', '/api/practitioners')).body.length;
    const res = await core.api<ErrorBody>('POST', '/api/setup/start-fresh', {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('REAL_DATA_PRESENT');
    expect(res.body.error.message).toMatch(/profesionales que agregaste/);
    expect((await core.api<unknown[]>('GET', '/api/practitioners')).body).toHaveLength(before);
    expect((await setup(core)).demo).toBe(true);
  });

  it('"Empezar de cero" without the demo is refused', async () => {
    const core = await start();
    const res = await core.api<ErrorBody>('POST', '/api/setup/start-fresh', {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DEMO_NOT_LOADED');
  });
});

describe('an install from before the setup', () => {
  it('with services, its hours count as set and the setup does not open over its work', async () => {
    const dataDir = tempDataDir();
    const first = await startTestCore({ dataDir });
    await first.api('POST', '/api/services', {
      name: 'Consulta',
      durationMinutes: 30,
      priceCents: 100,
      practitionerIds: [],
    });
    // What an older version left: no word on the hours or the setup.
    first.settings.update({ 'clinic.hoursConfirmed': null, 'setup.finished': null });
    await first.stop();
    const upgraded = await start({ dataDir });
    expect(await setup(upgraded)).toMatchObject({ open: false, missing: [] });
  });

  it('a new folder that was started before is not taken for an old install', async () => {
    const dataDir = tempDataDir();
    const first = await startTestCore({ dataDir });
    await first.stop();
    const again = await start({ dataDir });
    await again.api('POST', '/api/services', {
      name: 'Consulta',
      durationMinutes: 30,
      priceCents: 100,
      practitionerIds: [],
    });
    await again.stop();
    cores.pop();
    const third = await start({ dataDir });
    expect((await setup(third)).missing).toEqual(['hours']);
  });
});
