// WhatsApp through the whole app: a fake socket plays WhatsApp's server, the rest is the
// real core (ingest, turns, outbox with pacing, takeover, receipts, the channels API).
// Needs the OS keychain (the session key): run under `bash /work/kr.sh '…'`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssistantReplier } from '../../main/agent/assistant.js';
import type { ChannelView, WhatsAppDetails } from '../../main/http/channels-types.js';
import type { Conversation, Health, Message } from '../../main/http/api-types.js';
import { FakeWhatsApp, upsertFixture, type FakeSocket } from '../fixtures/baileys/fake-socket.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

const REPLY = 'Sí, tenemos turnos para limpieza el jueves a las 10:30.';
const assistant: AssistantReplier = { reply: async () => ({ text: REPLY, meta: { mode: 'llm', latencyMs: 1 } }) };
const ANA = '5491155550101@s.whatsapp.net';

describe('WhatsApp by QR through the real pipeline', () => {
  const fake = new FakeWhatsApp();
  let core: TestCore;
  let socket: FakeSocket;

  beforeAll(async () => {
    core = await startTestCore({
      clinic: 'ready',
      assistant,
      whatsappSocketFactory: fake.factory,
      whatsappBackoff: { baseMs: 50, capMs: 200 },
    });
    core.settings.update({ 'pipeline.debounceMs': 50 });
  });
  afterAll(async () => {
    await core?.stop();
  });

  const whatsapp = async () =>
    (await core.api<ChannelView[]>('GET', '/api/channels')).body.find((c) => c.provider === 'whatsapp')!;
  const conversation = async () =>
    (await core.api<Conversation[]>('GET', '/api/conversations')).body.find((c) => c.externalUserId === ANA);
  const thread = async (id: number) => (await core.api<Message[]>('GET', `/api/conversations/${id}/messages`)).body;

  it('starts unlinked, with no socket, and says so in /api/channels and /api/health', async () => {
    expect(fake.sockets).toHaveLength(0);
    const wa = await whatsapp();
    expect(wa).toMatchObject({
      state: 'disconnected',
      webhookUrl: null,
      whatsapp: { phase: 'disconnected', reasonCode: 'not_linked' },
    });
    expect(wa.settings).toEqual({ readReceipts: false, backlogMaxAgeHours: 12, onlyChatsThatWroteFirst: true });
    const health = (await core.api<Health>('GET', '/api/health')).body;
    expect(health.channels).toContainEqual({
      provider: 'whatsapp',
      state: 'disconnected',
      inUse: false,
      reason: 'WhatsApp todavía no está vinculado.',
    });
  });

  it('link → QR pushed as an event → scan → 515 → connected, pushed too', async () => {
    const qrEvent = core.nextEvent((e) => e.type === 'channel.status' && e.data.whatsapp?.phase === 'qr');
    const res = await core.api<WhatsAppDetails>('POST', '/api/channels/whatsapp/link', { method: 'qr' });
    expect(res.status).toBe(202);
    fake.current.qr('2@qr-for-laura');
    const pushed = await qrEvent;
    expect(pushed.type === 'channel.status' && pushed.data).toMatchObject({
      provider: 'whatsapp',
      state: 'linking',
      whatsapp: { qr: '2@qr-for-laura' },
    });
    // The reply and the event travel on different connections; the revision says which is newer.
    expect(pushed.type === 'channel.status' && pushed.data.whatsapp!.revision).toBeGreaterThan(res.body.revision);

    const connected = core.nextEvent((e) => e.type === 'channel.status' && e.data.state === 'connected');
    const first = fake.current;
    first.options.auth.creds.me = { id: '5491140001234:7@s.whatsapp.net', name: 'Clínica Belgrano' };
    first.emit('creds.update', { me: first.options.auth.creds.me });
    first.close(515, 'Stream Errored (restart required)');
    socket = await fake.socketNumber(2);
    expect(socket.previousEndedAtCreation).toBe(true);
    socket.open();
    await connected;
    expect((await whatsapp()).whatsapp).toMatchObject({
      phase: 'connected',
      number: '+5491140001234',
      profileName: 'Clínica Belgrano',
    });
    const again = await core.api<{ error: { code: string } }>('POST', '/api/channels/whatsapp/link', { method: 'qr' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('WHATSAPP_ALREADY_LINKED');
  });

  it('a patient message is stored, answered with "escribiendo…" first, to the JID as received; our echo is not a staff message', async () => {
    socket.emit('messages.upsert', { ...upsertFixture('text'), type: 'notify' });
    await waitFor(() => socket.sent.length > 0, 15_000, 'the reply to be sent');
    const [sent] = socket.sent;
    expect(sent).toMatchObject({ jid: ANA, content: { text: REPLY } });
    expect(sent!.messageId).toMatch(/^3EB0[0-9A-F]{18}$/);
    expect(socket.presences[0]).toEqual({ type: 'composing', jid: ANA });

    const conv = (await conversation())!;
    expect(conv).toMatchObject({
      channel: 'whatsapp',
      provider: 'baileys',
      displayName: 'Ana López',
      humanOverrideUntil: null,
    });
    await waitFor(async () => (await thread(conv.id)).find((m) => m.role === 'assistant' && m.status === 'sent'));
    expect((await thread(conv.id)).map((m) => m.role)).toEqual(['patient', 'assistant']);
    expect((await whatsapp()).whatsapp?.lastMessageAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it('delivery and read receipts move the reply forward; a later ERROR marks it failed with the reason', async () => {
    const conv = (await conversation())!;
    const id = socket.sent[0]!.messageId!;
    socket.emit('messages.update', [{ key: { remoteJid: ANA, fromMe: true, id }, update: { status: 3 } }]);
    await waitFor(async () => (await thread(conv.id)).find((m) => m.role === 'assistant' && m.status === 'delivered'));
    socket.emit('messages.update', [{ key: { remoteJid: ANA, fromMe: true, id }, update: { status: 4 } }]);
    await waitFor(async () => (await thread(conv.id)).find((m) => m.role === 'assistant' && m.status === 'read'));

    // A second reply that WhatsApp NACKs after the send resolved (Baileys #2794).
    socket.emit('messages.upsert', {
      type: 'notify',
      messages: [
        {
          ...upsertFixture('ephemeral').messages[0]!,
          key: { remoteJid: ANA, fromMe: false, id: '3AFEEDFACE0000000001' },
        },
      ],
    });
    await waitFor(() => socket.sent.length > 1, 15_000, 'the second reply');
    const second = socket.sent[1]!.messageId!;
    await waitFor(
      async () =>
        (await thread(conv.id)).filter((m) => m.role === 'assistant' && m.status === 'sent').length === 1 &&
        (await thread(conv.id)).length === 4,
    );
    socket.emit('messages.update', [
      { key: { remoteJid: ANA, fromMe: true, id: second }, update: { status: 0, messageStubParameters: ['463'] } },
    ]);
    const failed = await waitFor(async () =>
      (await thread(conv.id)).find((m) => m.role === 'assistant' && m.status === 'failed'),
    );
    expect(failed.text).toBe(REPLY);
  });

  it('staff answering from their phone: stored as a staff message and the assistant steps back', async () => {
    const paused = core.nextEvent((e) => e.type === 'conversation.updated');
    socket.emit('messages.upsert', upsertFixture('from-me-staff'));
    await paused;
    const conv = await waitFor(async () => {
      const c = await conversation();
      return c?.humanOverrideUntil ? c : undefined;
    });
    const staff = (await thread(conv.id)).filter((m) => m.role === 'staff');
    expect(staff.map((m) => m.text)).toContain('Hola Ana, soy Laura de la clínica. Te llamo en un rato.');
  });

  it('groups, status updates and reactions never reach the inbox', async () => {
    const before = (await core.api<Conversation[]>('GET', '/api/conversations')).body.length;
    for (const name of ['group', 'status-broadcast', 'newsletter', 'reaction'])
      socket.emit('messages.upsert', upsertFixture(name));
    await new Promise((r) => setTimeout(r, 200));
    expect((await core.api<Conversation[]>('GET', '/api/conversations')).body).toHaveLength(before);
  });

  it('an overnight backlog is stored and marked, never answered', async () => {
    const sentBefore = socket.sent.length;
    const payload = upsertFixture('append-backlog');
    const lid = '208800000000001@lid';
    const old = {
      ...payload.messages[0]!,
      key: { ...payload.messages[0]!.key, remoteJid: lid },
      messageTimestamp: Math.floor(Date.now() / 1000) - 20 * 3600,
    };
    socket.emit('messages.upsert', { type: 'append', messages: [old] });
    const conv = await waitFor(async () =>
      (await core.api<Conversation[]>('GET', '/api/conversations')).body.find((c) => c.externalUserId === lid),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(socket.sent.length).toBe(sentBefore);
    expect((await thread(conv.id)).map((m) => m.role)).toEqual(['patient']);
  });

  it('settings are changed per provider through PUT /api/channels/{provider}, validated', async () => {
    const ok = await core.api<ChannelView>('PUT', '/api/channels/whatsapp', {
      readReceipts: true,
      backlogMaxAgeHours: 6,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.settings).toEqual({ readReceipts: true, backlogMaxAgeHours: 6, onlyChatsThatWroteFirst: true });
    expect((await core.api('PUT', '/api/channels/whatsapp', { backlogMaxAgeHours: 0 })).status).toBe(400);
    expect((await core.api('PUT', '/api/channels/whatsapp', { bogus: true })).status).toBe(400);
    expect((await core.api('PUT', '/api/channels/telegram', {})).status).toBe(404);
    const sim = await core.api<ChannelView>('PUT', '/api/channels/simulator', { deliveryUrl: '' });
    expect(sim.body).toMatchObject({ provider: 'simulator', state: 'connected', settings: { deliveryUrl: '' } });
    // With read receipts on, a new patient message is marked read.
    socket.emit('messages.upsert', {
      type: 'notify',
      messages: [
        { ...upsertFixture('text').messages[0]!, key: { remoteJid: ANA, fromMe: false, id: '3AFEEDFACE0000000002' } },
      ],
    });
    await waitFor(() => socket.read.some((k) => k.id === '3AFEEDFACE0000000002'));
  });

  it('link by phone needs a number with its country code', async () => {
    const bad = await core.api<{ error: { code: string } }>('POST', '/api/channels/whatsapp/link', { method: 'phone' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('"Desvincular" logs out and the channel is back to unlinked', async () => {
    const res = await core.api<WhatsAppDetails>('POST', '/api/channels/whatsapp/unlink');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ phase: 'disconnected', reasonCode: 'unlinked_by_staff', revision: expect.any(Number) });
    expect(socket.loggedOut).toBe(true);
    expect((await whatsapp()).state).toBe('disconnected');
  });
});
