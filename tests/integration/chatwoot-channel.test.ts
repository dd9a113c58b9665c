// Chatwoot end to end on 127.0.0.1: signed deliveries posted to the webhook listener, the
// assistant's reply reaching a stand-in of Chatwoot's API, echoes of every kind, private
// notes, receipts, conversation status, the handoff, and the catch-up after downtime.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConversation, listConversations } from '../../db/repos/conversations.js';
import { listMessages } from '../../db/repos/messages.js';
import { failureReasons } from '../../db/repos/outbox.js';
import { OUR_TAG } from '../../main/channels/chatwoot/map-inbound.js';
import { chatwootSignature } from '../../main/channels/chatwoot/signature.js';
import { echoScript, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startFakeChatwoot, type FakeChatwoot } from '../fakes/fake-chatwoot.js';
import { fuzzCases } from '../helpers/webhook-fuzz.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

const SECRET = 'cw-webhook-secret-0123456789';
const FIXTURES = path.join(import.meta.dirname, '../fixtures/chatwoot');
type Json = Record<string, any>;
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Json;

let core: TestCore;
let llm: FakeOpenAI;
let chatwoot: FakeChatwoot;
let webhookPath: string;
let env: NodeJS.ProcessEnv;
let seq = 90_000;

/** The reference incoming message, as a new message (text only) in conversation `conversation`. */
function incoming(conversation: number, text: string, opts: { channel?: string; agoMs?: number } = {}) {
  const event = fixture('message_created_incoming_whatsapp_image');
  seq += 1;
  delete event.attachments;
  return {
    ...event,
    id: seq,
    content: text,
    source_id: `wamid.test-${seq}`,
    created_at: new Date(Date.now() - (opts.agoMs ?? 0)).toISOString(),
    sender: { ...event.sender, phone_number: `+54911555${String(conversation).padStart(5, '0')}` },
    conversation: {
      ...event.conversation,
      id: conversation,
      channel: opts.channel ?? event.conversation.channel,
      meta: {
        ...event.conversation.meta,
        sender: {
          ...event.conversation.meta.sender,
          phone_number: `+54911555${String(conversation).padStart(5, '0')}`,
        },
      },
    },
  };
}

/** The reference human-agent reply, changed as the variant needs, in conversation `conversation`. */
function outgoing(conversation: number, text: string, changes: Json = {}) {
  const event = fixture('message_created_outgoing_human_agent');
  seq += 1;
  return {
    ...event,
    id: seq,
    content: text,
    created_at: new Date().toISOString(),
    conversation: { ...event.conversation, id: conversation },
    ...changes,
  };
}

async function post(body: unknown, opts: { signature?: string | null; at?: number; path?: string; raw?: string } = {}) {
  const raw = Buffer.from(opts.raw ?? JSON.stringify(body));
  const t = Math.floor((opts.at ?? Date.now()) / 1000);
  const signature = opts.signature === undefined ? chatwootSignature(raw, SECRET, t) : opts.signature;
  const res = await fetch(`${core.webhookUrl}${opts.path ?? webhookPath}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature ? { 'x-chatwoot-signature': signature, 'x-chatwoot-timestamp': String(t) } : {}),
    },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

const chatOf = (conversation: number) =>
  listConversations(core.db).find((c) => c.provider === 'chatwoot' && c.externalUserId === `1:${conversation}`);
const threadOf = (conversation: number) => {
  const chat = chatOf(conversation);
  return chat ? listMessages(core.db, chat.id) : [];
};
const paused = (conversation: number) =>
  (getConversation(core.db, chatOf(conversation)!.id)!.humanOverrideUntil ?? 0) > Date.now();
const answered = (conversation: number) =>
  threadOf(conversation).some((m) => m.role === 'assistant' && m.providerMessageId);

beforeAll(async () => {
  llm = await startFakeOpenAI();
  llm.setFallback(echoScript);
  chatwoot = await startFakeChatwoot();
  env = {
    OPENAI_BASE_URL: llm.baseUrl,
    OPENAI_API_KEY: 'sk-test-chatwoot',
    CHATWOOT_API_TOKEN: 'cw-test-token',
    CHATWOOT_WEBHOOK_SECRET: SECRET,
  };
  core = await startTestCore({ clinic: 'ready', env });
  await core.api('PATCH', '/api/settings', {
    'pipeline.debounceMs': 0,
    'network.publicUrl': 'https://recepcion.example.com',
  });
  const put = await core.api<{ webhookUrl: string }>('PUT', '/api/channels/chatwoot', {
    apiBaseUrl: chatwoot.baseUrl,
    accountId: 1,
  });
  expect(put.status).toBe(200);
  webhookPath = new URL(put.body.webhookUrl).pathname;
});

afterAll(async () => {
  await core?.stop();
  await chatwoot?.close();
  await llm?.close();
});

describe('Chatwoot', () => {
  it('shows its public webhook URL and passes "Probar" with a user or an Agent Bot token, not a wrong one', async () => {
    const card = (
      await core.api<Array<{ provider: string; state: string; webhookUrl: string | null }>>('GET', '/api/channels')
    ).body.find((c) => c.provider === 'chatwoot')!;
    expect(card.state).toBe('connected');
    expect(card).toMatchObject({ lastHeardAt: null });
    expect(card.webhookUrl).toMatch(/^https:\/\/recepcion\.example\.com\/webhooks\/chatwoot\/[\w-]{20,}$/);
    expect((await core.api('POST', '/api/channels/chatwoot/check', {})).body).toEqual({ ok: true });
    expect((await core.api('PUT', '/api/channels/chatwoot', { accountId: -1 })).status).toBe(400);
    expect((await core.api('PUT', '/api/channels/chatwoot', { inboxChannels: { '7': 'telegram' } })).status).toBe(400);
    chatwoot.botToken = true;
    expect((await core.api('POST', '/api/channels/chatwoot/check', {})).body).toEqual({ ok: true });
    chatwoot.botToken = false;
    chatwoot.token = 'another-token';
    const wrong = (await core.api<{ ok: boolean; reason: string }>('POST', '/api/channels/chatwoot/check', {})).body;
    expect(wrong).toEqual({ ok: false, reason: expect.stringMatching(/token de acceso/) });
    chatwoot.token = 'cw-test-token';
  });

  it('stores an Instagram message, answers it through Chatwoot with the token and our tag, once', async () => {
    const event = incoming(101, 'hola, ¿atienden los sábados?', { channel: 'Channel::Instagram' });
    expect((await post(event)).status).toBe(200);
    await waitFor(() => chatwoot.sends().some((s) => s.conversationId === '101'));
    const send = chatwoot.sends().find((s) => s.conversationId === '101')!;
    expect(send.headers.api_access_token).toBe('cw-test-token');
    expect(send.body).toEqual({
      content: 'Respuesta a: hola, ¿atienden los sábados?',
      message_type: 'outgoing',
      private: false,
      content_type: 'text',
      content_attributes: { [OUR_TAG]: expect.stringMatching(/^recepta-\d+$/) },
    });
    const chat = chatOf(101)!;
    expect(chat).toMatchObject({ channel: 'instagram', externalConversationId: '101' });
    expect(getConversation(core.db, chat.id)!.phone).toBe('+5491155500101');
    expect(threadOf(101).map((m) => m.role)).toEqual(['patient', 'assistant']);
    await waitFor(() => answered(101));

    // Chatwoot posts the echo of our own reply, and the same delivery twice: nothing changes.
    const reply = threadOf(101).find((m) => m.role === 'assistant')!;
    const echo = outgoing(101, reply.text, {
      id: Number(reply.providerMessageId),
      sender: { id: 5, name: 'Recepta', type: 'agent_bot' },
      content_attributes: send.body.content_attributes,
    });
    expect((await post(echo)).status).toBe(200);
    expect((await post(event)).status).toBe(200);
    await core.turns.idle();
    expect(threadOf(101)).toHaveLength(2);
    expect(paused(101)).toBe(false);
    expect(chatwoot.sends().filter((s) => s.conversationId === '101')).toHaveLength(1);
  });

  it('refuses a missing, forged or stale signature (401) and a wrong token (404), storing nothing', async () => {
    const before = listConversations(core.db).length;
    const event = incoming(102, 'mensaje falso');
    expect((await post(event, { signature: null })).status).toBe(401);
    expect((await post(event, { signature: `sha256=${'0'.repeat(64)}` })).status).toBe(401);
    expect((await post(event, { at: Date.now() - 10 * 60_000 })).status).toBe(401);
    expect((await post(event, { path: '/webhooks/chatwoot/not-the-token' })).status).toBe(404);
    expect(listConversations(core.db)).toHaveLength(before);

    // "Exigir firma" off (an old Chatwoot that signs nothing): unsigned deliveries are taken; forged ones never.
    await core.api('PUT', '/api/channels/chatwoot', { requireSignature: false });
    expect((await post(event, { signature: `sha256=${'0'.repeat(64)}` })).status).toBe(401);
    expect((await post(event, { signature: null })).status).toBe(200);
    await core.api('PUT', '/api/channels/chatwoot', { requireSignature: true });
    await waitFor(() => answered(102));
  });

  it('a reply from a Chatwoot agent, or from the native app, is staff’s and takes the chat over', async () => {
    for (const [conversation, changes] of [
      [103, {}],
      [104, { sender: null, content_attributes: { external_echo: true } }],
    ] as const) {
      await post(incoming(conversation, '¿tienen estacionamiento?'));
      await waitFor(() => answered(conversation));
      expect((await post(outgoing(conversation, 'Sí, en el subsuelo.', changes))).status).toBe(200);
      await waitFor(() => threadOf(conversation).some((m) => m.role === 'staff'));
      expect(paused(conversation)).toBe(true);
    }
  });

  it('an automation or a template is stored without taking the chat over, and the model reads it as automatic', async () => {
    await post(incoming(105, 'hola'));
    await waitFor(() => answered(105));
    await post(
      outgoing(105, 'Gracias por escribirnos.', { sender: null, content_attributes: { automation_rule_id: 4 } }),
    );
    await post(outgoing(105, '¿Cómo calificarías la atención?', { message_type: 'template', sender: null }));
    await waitFor(() => threadOf(105).filter((m) => m.role === 'staff').length === 2);
    expect(paused(105)).toBe(false);

    await post(incoming(105, '¿aceptan OSDE 310?'));
    await waitFor(() => llm.chatRequests().some((r) => JSON.stringify(r.body.messages).includes('OSDE 310')));
    const prompt = JSON.stringify(
      llm.chatRequests().find((r) => JSON.stringify(r.body.messages).includes('OSDE 310'))!.body.messages,
    );
    expect(prompt).toContain('[Mensaje automático de la clínica] Gracias por escribirnos.');
    expect(prompt).not.toContain('[Respondió una persona del equipo] Gracias por escribirnos.');
  });

  it('a private note is kept as an internal note and never reaches the model or the patient', async () => {
    await post(incoming(106, 'quiero un turno'));
    await waitFor(() => answered(106));
    const note = 'NOTA INTERNA: debe la consulta anterior';
    expect((await post(outgoing(106, note, { private: true }))).status).toBe(200);
    await waitFor(() => threadOf(106).some((m) => m.text === note));
    expect(threadOf(106).find((m) => m.text === note)).toMatchObject({ role: 'system', meta: { note: 'internal' } });
    expect(paused(106)).toBe(false);

    await post(incoming(106, '¿y el martes?'));
    await waitFor(() => threadOf(106).filter((m) => m.role === 'assistant' && m.providerMessageId).length === 2);
    const prompts = llm.chatRequests().map((r) => JSON.stringify(r.body.messages));
    expect(prompts.some((p) => p.includes('¿y el martes?'))).toBe(true);
    expect(prompts.some((p) => p.includes('NOTA INTERNA'))).toBe(false);
    expect(chatwoot.sends().some((s) => JSON.stringify(s.body).includes('NOTA INTERNA'))).toBe(false);
  });

  it('applies receipts from message_updated, never backwards, and never stores an update as a message', async () => {
    await post(incoming(107, 'hola'));
    await waitFor(() => answered(107));
    const reply = threadOf(107).find((m) => m.role === 'assistant')!;
    const receipt = (status: string) => {
      const event = outgoing(107, reply.text, { event: 'message_updated', id: Number(reply.providerMessageId) });
      event.conversation.messages = [
        { ...event.conversation.messages[0], id: Number(reply.providerMessageId), status },
      ];
      return event;
    };
    expect((await post(receipt('read'))).status).toBe(200);
    expect((await post(receipt('delivered'))).status).toBe(200);
    expect(threadOf(107).find((m) => m.id === reply.id)?.status).toBe('read');
    expect((await post({ ...incoming(107, 'hola (editado)'), event: 'message_updated' })).status).toBe(200);
    expect(threadOf(107)).toHaveLength(2);

    // Meta refused it downstream (outside WhatsApp's 24 h window): failed, with the channel's reason.
    await post(incoming(112, 'hola'));
    await waitFor(() => answered(112));
    const other = threadOf(112).find((m) => m.role === 'assistant')!;
    const refused = outgoing(112, other.text, {
      event: 'message_updated',
      id: Number(other.providerMessageId),
      content_attributes: { external_error: '131047: Re-engagement message' },
    });
    expect((await post(refused)).status).toBe(200);
    expect(threadOf(112).find((m) => m.id === other.id)?.status).toBe('failed');
    expect(failureReasons(core.db, [other.id]).get(other.id)).toMatch(/131047/);
  });

  it('message_updated edits or deletes the stored message, live; an update of a message never stored is a 200-ignore', async () => {
    const original = incoming(113, 'tengo turno el lunes');
    await post(original);
    await waitFor(() => answered(113));
    const stored = () => threadOf(113).find((m) => m.providerMessageId === String(original.id))!;
    const before = threadOf(113).length;

    // The patient edited it (Telegram's edit, say, comes as message_updated with the new content).
    const edited = core.nextEvent((e) => e.type === 'message.updated' && e.data.messageId === stored().id);
    expect((await post({ ...original, event: 'message_updated', content: 'tengo turno el martes' })).status).toBe(200);
    await edited;
    expect(stored().text).toBe('tengo turno el martes');
    expect(stored().meta?.editedAt).toEqual(expect.any(Number));
    const api = await core.api<Array<{ id: number; text: string; edited: boolean; deleted: boolean }>>(
      'GET',
      `/api/conversations/${chatOf(113)!.id}/messages`,
    );
    expect(api.body.find((m) => m.id === stored().id)).toMatchObject({ edited: true, deleted: false });

    // Deleted in Chatwoot: marked deleted, the words kept for the clinic's record (not "This message was deleted").
    const deletion = {
      ...original,
      event: 'message_updated',
      content: 'This message was deleted',
      content_attributes: { deleted: true },
    };
    expect((await post(deletion)).status).toBe(200);
    expect(stored()).toMatchObject({ text: 'tengo turno el martes', meta: expect.objectContaining({ deleted: true }) });

    // An update for a message Recepta never stored: logged and ignored, never inserted.
    const stranger = { ...incoming(113, 'nunca llegó'), event: 'message_updated' };
    expect((await post(stranger)).status).toBe(200);
    expect(threadOf(113)).toHaveLength(before);
    expect(threadOf(113).some((m) => m.text === 'nunca llegó')).toBe(false);
    const card = (
      await core.api<
        Array<{
          provider: string;
          lastHeardAt: number | null;
          webhookEvents: Array<{ at: number; type: string; outcome: string; reason?: string }>;
        }>
      >('GET', '/api/channels')
    ).body.find((c) => c.provider === 'chatwoot')!;
    expect(card.webhookEvents[0]).toMatchObject({
      type: 'message_updated',
      outcome: 'ignored',
      reason: expect.stringMatching(/never stored/),
    });
    // The card's "nothing arrived for a long time" is measured from the newest delivery or chat activity
    // (the latter is in the database, so it survives a restart that empties the delivery list).
    const chats = listConversations(core.db).filter((c) => c.provider === 'chatwoot');
    const newestChat = Math.max(...chats.map((c) => c.lastMessageAt));
    expect(card.lastHeardAt).toBe(Math.max(newestChat, card.webhookEvents[0]!.at));
  });

  it('a conversation opened for a person takes the chat over; back to pending, the assistant has it again', async () => {
    await post(incoming(108, 'hola'));
    await waitFor(() => answered(108));
    const changed = { ...fixture('conversation_status_changed'), id: 108 };
    expect((await post({ ...changed, status: 'open' })).status).toBe(200);
    expect(paused(108)).toBe(true);
    expect((await post({ ...changed, status: 'pending' })).status).toBe(200);
    expect(paused(108)).toBe(false);
    // A handoff from the bot to the team (conversation_updated, pending → open).
    expect((await post({ ...fixture('conversation_updated_bot_handoff'), id: 108 })).status).toBe(200);
    expect(paused(108)).toBe(true);

    // Pending on a chat nobody took hands nothing back: what was left unanswered on purpose stays so.
    await post(incoming(111, 'mensaje de anoche', { agoMs: 13 * 3_600_000 }));
    await waitFor(() => threadOf(111).length === 1);
    expect((await post({ ...changed, id: 111, status: 'pending' })).status).toBe(200);
    await core.turns.idle();
    expect(threadOf(111).map((m) => [m.role, m.turnState])).toEqual([['patient', 'skipped']]);
  });

  it('when the assistant hands a chat to a person, the Chatwoot conversation is opened for the team', async () => {
    llm.enqueue(
      { toolCalls: [{ name: 'handoff_to_human', arguments: { reason: 'Pide hablar con la doctora' } }] },
      { reply: 'Le aviso a la doctora.' },
    );
    await post(incoming(109, '¿puedo hablar con la doctora?'));
    await waitFor(() => chatwoot.statusChanges().some((c) => c.conversationId === '109'));
    expect(chatwoot.statusChanges().find((c) => c.conversationId === '109')!.body).toEqual(
      fixture('rest_toggle_status_request'),
    );
    expect(paused(109)).toBe(true);
  });

  it('when Recepta hands a chat back to the assistant, the Chatwoot conversation goes back to pending', async () => {
    await post(incoming(112, 'hola'));
    await waitFor(() => answered(112));
    const id = chatOf(112)!.id;
    expect((await core.api('POST', `/api/conversations/${id}/takeover`, { enabled: true })).status).toBe(200);
    expect(chatwoot.statusChanges().some((c) => c.conversationId === '112')).toBe(false);
    expect((await core.api('POST', `/api/conversations/${id}/takeover`, { enabled: false })).status).toBe(200);
    await waitFor(() => chatwoot.statusChanges().some((c) => c.conversationId === '112'));
    expect(
      chatwoot
        .statusChanges()
        .filter((c) => c.conversationId === '112')
        .map((c) => c.body),
    ).toEqual([{ status: 'pending' }]);
  });

  it('makes a new webhook URL on request; the old one is a 404 at once', async () => {
    const old = webhookPath;
    const rotated = await core.api<{ webhookUrl: string }>('POST', '/api/channels/chatwoot/webhook-token', {});
    webhookPath = new URL(rotated.body.webhookUrl).pathname;
    expect(webhookPath).not.toBe(old);
    expect((await post(incoming(110, 'hola'), { path: old })).status).toBe(404);
    expect((await post(incoming(110, 'hola'))).status).toBe(200);
    await waitFor(() => answered(110));
  });

  it('answers hundreds of mutated deliveries with a 200 or a 400, never a 5xx', { timeout: 90_000 }, async () => {
    const events = ['message_created', 'message_updated', 'conversation_updated', 'conversation_status_changed', 'x'];
    const bases = [
      'message_created_incoming_whatsapp_image',
      'message_created_outgoing_human_agent',
      'conversation_updated_bot_handoff',
      'conversation_status_changed',
    ].map((name) => ({ name, body: fixture(name) }));
    // Every case talks about one conversation, so mutations meet a chat that exists; half the messages are redeliveries.
    const oneConversation = (body: unknown, i: number) => {
      const event = body as Json;
      event.conversation = event.conversation && { ...event.conversation, id: 4242 };
      if (event.event !== 'message_created' || i % 2 === 0) event.id = 4242;
      return event;
    };
    const statuses = new Set<number>();
    for (const c of fuzzCases(bases, { count: 600, seed: 16, eventTypes: events, vary: oneConversation })) {
      const { status } = await post(null, { raw: c.raw });
      statuses.add(status);
      expect(status, `${c.name}: ${c.raw.slice(0, 300)}`).toBeLessThan(500);
    }
    expect([...statuses].sort()).toEqual([200, 400]);
    await core.turns.idle();
  });

  it('after downtime, catches up from the API exactly what is missing', async () => {
    await post(incoming(120, 'primer mensaje'));
    await waitFor(() => answered(120));
    const stored = threadOf(120);
    const [first, ours] = [stored.find((m) => m.role === 'patient')!, stored.find((m) => m.role === 'assistant')!];
    const tag = chatwoot.sends().find((s) => s.conversationId === '120')!.body.content_attributes;
    await core.stop();

    // While Recepta was off: in 120 a note and an agent's reply; 121 is new, with one old and one fresh question.
    const now = Math.floor(Date.now() / 1000);
    const listed = (id: number, type: number, content: string, at: number, extra: Json = {}) => ({
      id,
      content,
      inbox_id: 7,
      conversation_id: 0,
      message_type: type,
      content_type: 'text',
      status: 'sent',
      content_attributes: {},
      created_at: at,
      private: false,
      source_id: null,
      ...extra,
    });
    const contact = { id: 315, name: 'Lucía', phone_number: '+5491155500121', type: 'contact' };
    const agent = { id: 3, name: 'Ana Lima', type: 'user' };
    chatwoot.conversations = [120, 121].map((id) => ({
      id,
      inbox_id: 7,
      account_id: 1,
      status: 'pending',
      timestamp: now,
      meta: { sender: contact, channel: 'Channel::Whatsapp' },
      messages: [],
    }));
    chatwoot.messages = {
      '120': [
        listed(Number(first.providerMessageId), 0, first.text, now - 600, { sender: contact }),
        listed(Number(ours.providerMessageId), 1, ours.text, now - 590, { content_attributes: tag }),
        listed(95_001, 2, 'Conversation was marked open', now - 400),
        listed(95_002, 1, 'Revisar deuda antes de confirmar', now - 300, { private: true, sender: agent }),
        listed(95_003, 1, 'Te llamo en un rato.', now - 200, { sender: agent }),
      ],
      '121': [
        listed(95_010, 0, 'pregunta vieja', now - 13 * 3600, { sender: contact }),
        listed(95_011, 0, 'pregunta nueva', now - 60, { sender: contact }),
      ],
    };
    core = await startTestCore({ dataDir: core.dataDir, env });

    await waitFor(() => threadOf(120).some((m) => m.role === 'staff') && answered(121));
    await core.turns.idle();
    const after120 = threadOf(120).filter((m) => m.role !== 'system' || m.meta?.note === 'internal');
    expect(after120.map((m) => [m.role, m.text])).toEqual([
      ['patient', 'primer mensaje'],
      ['assistant', ours.text],
      ['system', 'Revisar deuda antes de confirmar'],
      ['staff', 'Te llamo en un rato.'],
    ]);
    expect(paused(120)).toBe(true);
    const after121 = threadOf(121);
    expect(after121.map((m) => [m.role, m.text])).toEqual([
      ['patient', 'pregunta vieja'],
      ['patient', 'pregunta nueva'],
      ['assistant', 'Respuesta a: pregunta nueva'],
    ]);
    // The old one was received while Recepta was off: shown as such, never answered on its own.
    expect(after121[0]).toMatchObject({ turnState: 'skipped', meta: { receivedWhileOffline: true } });
    expect(chatwoot.sends().filter((s) => s.conversationId === '121')).toHaveLength(1);
  });
});
