import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { getConversation, listWaitingConversations } from '../../db/repos/conversations.js';
import { enqueueOutgoing, listMessages } from '../../db/repos/messages.js';
import {
  claimDueOutbox,
  failureReasons,
  markOutboxAttemptFailed,
  markOutboxSent,
  retryFailedMessage,
} from '../../db/repos/outbox.js';
import { UNTIL_RELEASED } from '../../db/schema.js';
import type { InboundMessage } from '../../main/channels/channel.js';
import { AppEvents, type AppEvent } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { createIngest } from '../../main/pipeline/ingest.js';
import { DeliveryReceipts } from '../../main/inbox/receipts.js';
import { Takeover } from '../../main/pipeline/takeover.js';
import { startTestCore, tempDataDir, type TestCore } from '../helpers/core.js';

const HOUR = 3_600_000;

describe('the takeover rule', () => {
  let db: Db;
  let clock: number;
  let events: AppEvents;
  let seen: AppEvent[];
  let takeover: Takeover;
  let turnsOwed: number[];
  let ingest: ReturnType<typeof createIngest>;

  beforeEach(() => {
    db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    clock = Date.parse('2026-11-20T13:00:00Z');
    events = new AppEvents();
    seen = [];
    events.subscribe((e) => seen.push(e));
    takeover = new Takeover({ db, events, log: silentLogger(), now: () => clock });
    turnsOwed = [];
    ingest = createIngest({
      db,
      events,
      log: silentLogger(),
      onPatientMessage: (id) => turnsOwed.push(id),
      onStaffMessage: (id) => takeover.pause(id, 'staff_echo'),
    });
  });
  afterEach(() => closeDatabase(db));

  const message = (over: Partial<InboundMessage>): InboundMessage => ({
    channel: 'whatsapp',
    provider: 'baileys',
    providerMessageId: `m-${Math.random()}`,
    externalUserId: '5491155550001@s.whatsapp.net',
    text: 'hola',
    fromMe: false,
    timestamp: clock,
    ...over,
  });

  // Each provider reports "staff answered elsewhere" its own way (WhatsApp fromMe with an id
  // we did not send, a Chatwoot human agent, a YCloud SMB echo); adapters map all of them to fromMe.
  for (const [channel, provider] of [
    ['whatsapp', 'baileys'],
    ['instagram', 'chatwoot'],
    ['whatsapp', 'ycloud'],
    ['whatsapp', 'evolution'],
  ] as const) {
    it(`a staff echo from ${provider} pauses the assistant for that chat for 24 h and is shown as a staff message`, async () => {
      const first = await ingest(message({ channel, provider, text: 'quiero un turno' }));
      await ingest(message({ channel, provider, text: 'Hola, te escribo yo. Laura', fromMe: true }));
      const conversation = getConversation(db, first.conversationId!)!;
      expect(conversation.humanOverrideUntil).toBe(clock + 24 * HOUR);
      expect(conversation.humanOverrideReason).toBe('staff_echo');
      const roles = listMessages(db, first.conversationId!).map((m) => [m.role, m.turnState]);
      expect(roles).toEqual([
        ['patient', 'skipped'], // the person is answering it: the assistant must not
        ['staff', null],
        ['system', null],
      ]);
    });
  }

  it('a second echo extends a pause but never shortens it, and leaves a single note', async () => {
    const { conversationId } = await ingest(message({ text: 'hola' }));
    takeover.pause(conversationId!, 'manual', null);
    await ingest(message({ fromMe: true, text: 'ya te atiendo' }));
    const c = getConversation(db, conversationId!)!;
    expect(c.humanOverrideUntil).toBe(UNTIL_RELEASED);
    expect(listMessages(db, conversationId!).filter((m) => m.role === 'system')).toHaveLength(1);
  });

  it('a pause ends by itself when its time is up, with a note, and the chat is answered again', async () => {
    const { conversationId } = await ingest(message({}));
    takeover.pause(conversationId!, 'manual', 2);
    clock += 2 * HOUR - 1;
    expect(takeover.releaseExpired()).toBe(0);
    clock += 2;
    expect(takeover.releaseExpired()).toBe(1);
    expect(getConversation(db, conversationId!)!.humanOverrideUntil).toBeNull();
    expect(listMessages(db, conversationId!).at(-1)).toMatchObject({
      role: 'system',
      text: expect.stringMatching(/terminó el tiempo/),
    });
    expect(seen.some((e) => e.type === 'conversation.updated' && e.data.conversationId === conversationId)).toBe(true);
    turnsOwed = [];
    await ingest(message({ text: 'sigo acá' }));
    expect(turnsOwed).toEqual([conversationId]);
  });

  it('a pause that runs out leaves nothing waiting: what the patient wrote meanwhile is owed to the assistant again', async () => {
    const owed: number[] = [];
    const watched = new Takeover({ db, events, log: silentLogger(), now: () => clock, onOwed: (id) => owed.push(id) });
    const { conversationId } = await ingest(message({ text: 'hola' }));
    watched.pause(conversationId!, 'manual', 1);
    await ingest(message({ text: '¿siguen ahí?' }));
    expect(
      listMessages(db, conversationId!)
        .filter((m) => m.role === 'patient')
        .map((m) => m.turnState),
    ).toEqual([
      'skipped',
      'pending', // until a turn finds the chat paused
    ]);
    clock += HOUR + 1;
    expect(watched.releaseExpired()).toBe(1);
    expect(owed).toEqual([conversationId]);
    expect(
      listMessages(db, conversationId!)
        .filter((m) => m.role === 'patient')
        .map((m) => m.turnState),
    ).toEqual(['pending', 'pending']);
  });

  it('a hand-back with nothing owed schedules no turn', async () => {
    const owed: number[] = [];
    const watched = new Takeover({ db, events, log: silentLogger(), now: () => clock, onOwed: (id) => owed.push(id) });
    const { conversationId } = await ingest(message({ text: 'hola' }));
    enqueueOutgoing(db, {
      conversationId: conversationId!,
      provider: 'baileys',
      role: 'staff',
      text: 'Hola!',
      now: clock,
    });
    watched.pause(conversationId!, 'staff_reply');
    expect(watched.release(conversationId!)).toBe(true);
    expect(owed).toEqual([]);
  });

  it('needs a person: handed off, paused with a question after the last reply, or a backlog the assistant will not answer', async () => {
    const waitingIds = () => listWaitingConversations(db, clock).map((c) => [c.id, c.waitingSince]);
    const handedOff = (await ingest(message({ externalUserId: '1@s.whatsapp.net', text: 'me duele mucho' })))
      .conversationId!;
    takeover.pause(handedOff, 'handoff:urgencia');
    clock += 60_000;
    const backlog = (
      await ingest(message({ externalUserId: '2@s.whatsapp.net', timestamp: clock, receivedWhileOffline: true }))
    ).conversationId!;
    clock += 60_000;
    const quietPause = (await ingest(message({ externalUserId: '3@s.whatsapp.net' }))).conversationId!;
    enqueueOutgoing(db, { conversationId: quietPause, provider: 'baileys', role: 'staff', text: 'Hola', now: clock });
    takeover.pause(quietPause, 'staff_reply');
    expect(waitingIds()).toEqual([
      [handedOff, Date.parse('2026-11-20T13:00:00Z')],
      [backlog, Date.parse('2026-11-20T13:01:00Z')],
    ]);
    // Someone answers the backlog: it no longer waits.
    enqueueOutgoing(db, {
      conversationId: backlog,
      provider: 'baileys',
      role: 'staff',
      text: 'Perdón la demora',
      now: clock,
    });
    expect(waitingIds().map(([id]) => id)).toEqual([handedOff]);
  });

  it('"until I release it" never expires on its own', async () => {
    const { conversationId } = await ingest(message({}));
    takeover.pause(conversationId!, 'manual', null);
    clock += 365 * 24 * HOUR;
    expect(takeover.releaseExpired()).toBe(0);
    expect(takeover.release(conversationId!)).toBe(true);
    expect(getConversation(db, conversationId!)!.humanOverrideUntil).toBeNull();
  });

  it("a handoff stores the assistant's reason and shows it", async () => {
    const { conversationId } = await ingest(message({}));
    takeover.pause(conversationId!, 'handoff:pide hablar con la doctora');
    expect(getConversation(db, conversationId!)!.humanOverrideReason).toBe('handoff:pide hablar con la doctora');
    expect(listMessages(db, conversationId!).at(-1)?.text).toMatch(
      /pasó la conversación a una persona del equipo\. pide hablar con la doctora/,
    );
  });

  it('delivery receipts move a sent message forward only', async () => {
    const { conversationId } = await ingest(message({}));
    const { messageId, outboxId } = enqueueOutgoing(db, {
      conversationId: conversationId!,
      provider: 'baileys',
      role: 'assistant',
      text: 'ok',
      now: clock,
    });
    claimDueOutbox(db, clock, 10);
    markOutboxSent(db, outboxId, 'WA-1', clock);
    const receipts = new DeliveryReceipts({ db, events });
    expect(await receipts.apply('baileys', { providerMessageId: 'WA-1', status: 'read' })).toBe(true);
    expect(await receipts.apply('baileys', { providerMessageId: 'WA-1', status: 'delivered' })).toBe(false);
    expect(await receipts.apply('ycloud', { providerMessageId: 'WA-1', status: 'delivered' })).toBe(false);
    expect(await receipts.apply('baileys', { providerMessageId: 'nope', status: 'read' })).toBe(false);
    expect(listMessages(db, conversationId!).find((m) => m.id === messageId)?.status).toBe('read');
    expect(seen.filter((e) => e.type === 'message.updated').map((e) => e.data)).toEqual([
      { conversationId, messageId, status: 'read' },
    ]);
  });

  it('a failure the provider reports after the send keeps its reason, and "Reintentar" works on it', async () => {
    const { conversationId } = await ingest(message({}));
    const { messageId, outboxId } = enqueueOutgoing(db, {
      conversationId: conversationId!,
      provider: 'baileys',
      role: 'assistant',
      text: 'ok',
      now: clock,
    });
    claimDueOutbox(db, clock, 10);
    markOutboxSent(db, outboxId, 'WA-2', clock);
    const receipts = new DeliveryReceipts({ db, events });
    expect(
      await receipts.apply('baileys', {
        providerMessageId: 'WA-2',
        status: 'failed',
        error: 'WhatsApp error 463 for +5491155550001',
      }),
    ).toBe(true);
    expect(listMessages(db, conversationId!).find((m) => m.id === messageId)?.status).toBe('failed');
    const reason = failureReasons(db, [messageId]).get(messageId);
    expect(reason).toContain('WhatsApp error 463');
    expect(reason).not.toContain('5491155550001'); // scrubbed like every provider error
    expect(retryFailedMessage(db, messageId, clock)).toEqual({ conversationId });
  });

  it('a backlog message from while Recepta was off is stored, counted and marked, but owes no turn', async () => {
    const { conversationId } = await ingest(
      message({ text: '¿atienden hoy?', receivedWhileOffline: true, timestamp: clock - 14 * HOUR }),
    );
    expect(turnsOwed).toEqual([]);
    const [stored] = listMessages(db, conversationId!);
    expect(stored).toMatchObject({ role: 'patient', turnState: 'skipped', meta: { receivedWhileOffline: true } });
    expect(getConversation(db, conversationId!)!.unread).toBe(1);
    // A fresh message in the same chat is answered as usual.
    await ingest(message({ text: 'hola?' }));
    expect(turnsOwed).toEqual([conversationId]);
  });
});

describe('retry and takeover through the API', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await startTestCore({ env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_API_KEY: 'sk-test-retry' } });
    core.settings.update({ 'pipeline.debounceMs': 60_000 });
  });
  afterEach(() => core.stop());

  it('"Reintentar" re-queues a failed message and refuses one that did not fail', async () => {
    const { conversationId } = (
      await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
        from: '+5491100000777',
        text: 'hola',
      })
    ).body;
    const { messageId, outboxId } = enqueueOutgoing(core.db, {
      conversationId,
      provider: 'nowhere',
      role: 'staff',
      text: 'no sale',
      maxAttempts: 1,
    });
    await core.outbox.stop(); // claim and fail it by hand, as a dead provider would
    claimDueOutbox(core.db, Date.now(), 10);
    markOutboxAttemptFailed(core.db, outboxId, 'number is not on WhatsApp', null);

    const thread = (
      await core.api<Array<{ id: number; status: string; failureReason: string | null }>>(
        'GET',
        `/api/conversations/${conversationId}/messages`,
      )
    ).body;
    expect(thread.find((m) => m.id === messageId)).toMatchObject({
      status: 'failed',
      failureReason: 'number is not on WhatsApp',
    });
    const retried = await core.api<{ status: string }>('POST', `/api/messages/${messageId}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body.status).toBe('queued');
    const again = await core.api<{ error: { code: string } }>('POST', `/api/messages/${messageId}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await core.api('POST', '/api/messages/999999/retry')).status).toBe(404);
  });

  it('pauses until released with hours: null, and says so', async () => {
    const { conversationId } = (
      await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
        from: '+5491100000778',
        text: 'hola',
      })
    ).body;
    const paused = await core.api<{
      humanOverrideUntil: string | null;
      humanOverrideIndefinite: boolean;
      humanOverrideReason: string;
    }>('POST', `/api/conversations/${conversationId}/takeover`, { enabled: true, hours: null });
    expect(paused.body).toMatchObject({
      humanOverrideUntil: null,
      humanOverrideIndefinite: true,
      humanOverrideReason: 'manual',
    });
    const list = await core.api<Array<{ id: number }>>('GET', '/api/conversations?needsHuman=true');
    expect(list.body.map((c) => c.id)).toContain(conversationId);
    const released = await core.api<{ humanOverrideIndefinite: boolean }>(
      'POST',
      `/api/conversations/${conversationId}/takeover`,
      { enabled: false },
    );
    expect(released.body.humanOverrideIndefinite).toBe(false);
  });
});
