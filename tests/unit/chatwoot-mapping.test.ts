import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  channelOf,
  chatKey,
  classify,
  mapChatwootEvent,
  OUR_TAG,
  parseChatKey,
  readListedMessage,
  type ChatwootVerdict,
} from '../../main/channels/chatwoot/map-inbound.js';
import { chatwootRefusal } from '../../main/channels/chatwoot/errors.js';

// The reference payloads (../shared/reference/payloads/chatwoot), copied unchanged; the variants
// below change only what the contract (gateways.md A.3, A.7) says differs between them.
const FIXTURES = path.join(import.meta.dirname, '../fixtures/chatwoot');
type Json = Record<string, any>;
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Json;
const ctx = {
  now: Date.parse('2026-05-12T13:50:00Z'),
  accountId: 1,
  inboxChannels: {},
  backlogMaxAgeMs: 6 * 3_600_000,
};

const incoming = () => fixture('message_created_incoming_whatsapp_image');
const human = () => fixture('message_created_outgoing_human_agent');
const withConversation = (payload: Json, changes: Json) => ({
  ...payload,
  conversation: { ...payload.conversation, ...changes },
});

function message(verdict: ChatwootVerdict) {
  if (verdict.kind !== 'message') throw new Error(`not a message: ${JSON.stringify(verdict)}`);
  return verdict.message;
}

describe('Chatwoot message_created → pipeline', () => {
  it('maps an incoming WhatsApp image with its caption, keyed by account and conversation', () => {
    expect(message(mapChatwootEvent(incoming(), ctx))).toEqual({
      channel: 'whatsapp',
      provider: 'chatwoot',
      providerMessageId: '98123',
      externalUserId: '1:42',
      externalConversationId: '42',
      senderName: 'Maria Souza',
      phone: '+5511987654321',
      text: 'Bom dia! Segue a foto do pedido de exame. Consigo remarcar para quinta?',
      media: {
        kind: 'image',
        mimeType: 'image/jpeg',
        url: expect.stringMatching(/^https:\/\/chat\.clinica\.example\/rails\/active_storage\/blobs\/redirect\//),
      },
      fromMe: false,
      timestamp: Date.parse('2026-05-12T13:45:10.512Z'),
    });
  });

  it('marks an incoming message older than the backlog age as received while Recepta was off', () => {
    const late = message(mapChatwootEvent(incoming(), { ...ctx, now: Date.parse('2026-05-12T23:00:00Z') }));
    expect(late.receivedWhileOffline).toBe(true);
  });

  it('takes the channel from the inbox type: Instagram, Facebook; an API inbox by the card, then by name', () => {
    const on = (channel: string, inbox?: Json, mapping: Record<string, 'whatsapp' | 'instagram' | 'facebook'> = {}) =>
      mapChatwootEvent(
        { ...withConversation(incoming(), { channel }), ...(inbox ? { inbox } : {}) },
        { ...ctx, inboxChannels: mapping },
      );
    expect(message(on('Channel::Instagram')).channel).toBe('instagram');
    expect(message(on('Channel::FacebookPage')).channel).toBe('facebook');
    expect(message(on('Channel::Api', { id: 7, name: 'Puente' }, { '7': 'instagram' })).channel).toBe('instagram');
    expect(message(on('Channel::Api', { id: 7, name: 'Facebook Messenger (n8n)' })).channel).toBe('facebook');
    expect(on('Channel::Telegram', { id: 9, name: 'Telegram' })).toMatchObject({ kind: 'ignore' });
    expect(channelOf({ type: 'Channel::Whatsapp' }, ctx)).toBe('whatsapp');
  });

  it('a human agent reply is a staff message that takes the chat over', () => {
    const m = message(mapChatwootEvent(human(), ctx));
    expect(m).toMatchObject({
      fromMe: true,
      authoredBy: 'staff',
      providerMessageId: '98131',
      externalUserId: '1:42',
      text: 'Oi Maria, aqui é a Dra. Ana. Quinta às 15h está livre, posso confirmar?',
    });
  });

  it('a reply typed in the native app (sender null, external_echo) is a person too', () => {
    const echo = { ...human(), sender: null, content_attributes: { external_echo: true } };
    expect(message(mapChatwootEvent(echo, ctx))).toMatchObject({ fromMe: true, authoredBy: 'staff' });
  });

  it('our own message, tagged when we sent it, is ignored', () => {
    const ours = {
      ...human(),
      sender: { id: 5, name: 'Recepta', type: 'agent_bot' },
      content_attributes: { [OUR_TAG]: 'recepta-12' },
    };
    expect(mapChatwootEvent(ours, ctx)).toEqual({ kind: 'ignore', reason: 'our own message' });
  });

  it('automations, templates, campaigns and other bots are stored without a takeover', () => {
    const variants = [
      { ...human(), sender: null, content_attributes: { automation_rule_id: 3 } },
      { ...human(), message_type: 'template', sender: null },
      { ...human(), sender: null, additional_attributes: { campaign_id: 8 } },
      { ...human(), sender: { id: 5, name: 'Otro bot', type: 'agent_bot' } },
      { ...human(), sender: { id: 2, name: 'Captain', type: 'captain_assistant' } },
    ];
    for (const v of variants) expect(message(mapChatwootEvent(v, ctx))).toMatchObject({ authoredBy: 'automation' });
  });

  it('a private note is an internal note, whoever wrote it', () => {
    const note = { ...human(), private: true, content: 'Paciente con deuda: no ofrecer turnos.' };
    expect(message(mapChatwootEvent(note, ctx))).toMatchObject({
      fromMe: true,
      authoredBy: 'internal_note',
      text: 'Paciente con deuda: no ofrecer turnos.',
    });
  });

  it("ignores another account's deliveries and answers an unreadable body as invalid", () => {
    expect(mapChatwootEvent(incoming(), { ...ctx, accountId: 2 })).toMatchObject({ kind: 'ignore' });
    expect(mapChatwootEvent({ event: 'message_created', id: 1 }, ctx)).toMatchObject({ kind: 'invalid' });
    expect(mapChatwootEvent({ hello: 'world' }, ctx)).toMatchObject({ kind: 'invalid' });
    expect(mapChatwootEvent({ event: 'contact_created' }, ctx)).toMatchObject({ kind: 'ignore' });
  });

  it('reads locations, contacts, shared posts and files of every kind', () => {
    const with_ = (attachments: Json[]) => message(mapChatwootEvent({ ...incoming(), content: '', attachments }, ctx));
    expect(
      with_([{ file_type: 'location', coordinates_lat: -34.6, coordinates_long: -58.4, fallback_title: 'Casa' }]),
    ).toMatchObject({ text: expect.stringContaining('Ubicación: Casa'), media: { kind: 'location' } });
    expect(with_([{ file_type: 'contact', fallback_title: 'Juan' }]).text).toBe('Contacto compartido: Juan');
    expect(with_([{ file_type: 'audio', data_url: 'https://x/a.ogg', content_type: 'audio/ogg' }]).media).toMatchObject(
      {
        kind: 'audio',
      },
    );
    expect(with_([{ file_type: 'file', data_url: 'https://x/a.pdf' }]).media).toMatchObject({ kind: 'document' });
    expect(with_([{ file_type: 'ig_story', data_url: 'https://cdn/x' }]).text).toBe(
      'Historia de Instagram: https://cdn/x',
    );
  });
});

describe('Chatwoot message_updated', () => {
  const created = message(mapChatwootEvent(incoming(), ctx));

  it('is never a new message: an incoming one updated is an edit of the stored words, with no receipt', () => {
    const verdict = mapChatwootEvent(
      { ...incoming(), event: 'message_updated', content: 'Tengo turno el martes' },
      ctx,
    );
    expect(verdict).toEqual({
      kind: 'update',
      edit: { providerMessageId: created.providerMessageId, text: expect.stringContaining('Tengo turno el martes') },
    });
    // Unchanged words map to the very text message_created stored, so the store sees no edit.
    const same = mapChatwootEvent({ ...incoming(), event: 'message_updated' }, ctx);
    expect(same).toMatchObject({ kind: 'update', edit: { text: created.text } });
  });

  it('a deletion (content_attributes.deleted, the words replaced) marks it deleted and leaves the words alone', () => {
    const deleted = {
      ...incoming(),
      event: 'message_updated',
      content: 'This message was deleted',
      content_type: 'text',
      content_attributes: { deleted: true },
      attachments: undefined,
    };
    expect(mapChatwootEvent(deleted, ctx)).toEqual({
      kind: 'update',
      edit: { providerMessageId: created.providerMessageId, deleted: true },
    });
  });

  it('reads a receipt for a message we sent from the conversation’s latest message', () => {
    const update: Json = { ...human(), event: 'message_updated' };
    update.conversation.messages[0].status = 'read';
    expect(mapChatwootEvent(update, ctx)).toMatchObject({
      kind: 'update',
      status: { providerMessageId: '98131', status: 'read' },
    });
    const failed = {
      ...human(),
      event: 'message_updated',
      content_attributes: { external_error: '131047: Re-engagement' },
    };
    expect(mapChatwootEvent(failed, ctx)).toMatchObject({ kind: 'update', status: { status: 'failed' } });
    // Not the latest message: no step to read, the update is only its words.
    const older: Json = { ...human(), event: 'message_updated' };
    older.conversation.messages[0].id = 1;
    expect(mapChatwootEvent(older, ctx)).not.toHaveProperty('status');
  });

  it('our own message updated: only its receipt and deletion count (Chatwoot normalises the words we posted)', () => {
    const ours: Json = { ...human(), event: 'message_updated', content_attributes: { [OUR_TAG]: 'k1' } };
    ours.conversation.messages[0].status = 'delivered';
    expect(mapChatwootEvent(ours, ctx)).toEqual({
      kind: 'update',
      edit: { providerMessageId: '98131' },
      status: { providerMessageId: '98131', status: 'delivered' },
    });
  });
});

describe('Chatwoot conversation events → who answers', () => {
  it('a bot handoff to open (conversation_updated) gives the chat to a person', () => {
    expect(mapChatwootEvent(fixture('conversation_updated_bot_handoff'), ctx)).toEqual({
      kind: 'ownership',
      externalUserId: '1:42',
      person: true,
    });
  });

  it('conversation_status_changed has no changed_attributes: its status is read; resolved changes nothing', () => {
    const changed = fixture('conversation_status_changed');
    expect(mapChatwootEvent(changed, ctx)).toMatchObject({ kind: 'ignore' });
    expect(mapChatwootEvent({ ...changed, status: 'open' }, ctx)).toMatchObject({ kind: 'ownership', person: true });
    expect(mapChatwootEvent({ ...changed, status: 'pending' }, ctx)).toEqual({
      kind: 'ownership',
      externalUserId: '1:42',
      person: false,
    });
  });

  it('an assignment to a person takes the chat; a label change does not', () => {
    const base = fixture('conversation_updated_bot_handoff');
    const assigned = {
      ...base,
      status: 'pending',
      meta: { ...base.meta, assignee_type: 'User' },
      changed_attributes: [{ assignee_id: { previous_value: null, current_value: 3 } }],
    };
    expect(mapChatwootEvent(assigned, ctx)).toMatchObject({ kind: 'ownership', person: true });
    const labelled = { ...base, changed_attributes: [{ label_list: { previous_value: [], current_value: ['x'] } }] };
    expect(mapChatwootEvent(labelled, ctx)).toMatchObject({ kind: 'ignore' });
  });
});

describe('Chatwoot REST shapes', () => {
  it('a listed message (integer type, unix time) classifies like its webhook', () => {
    const listed = readListedMessage({
      ...fixture('rest_create_message_response'),
      sender: { id: 3, name: 'Ana', type: 'user' },
      content_attributes: {},
    })!;
    const verdict = classify(listed, { id: '42', account_id: '1', inbox_id: '7' }, 'whatsapp', ctx);
    expect(message(verdict)).toMatchObject({ fromMe: true, authoredBy: 'staff', timestamp: 1_778_594_400_000 });
    const ours = readListedMessage({
      ...fixture('rest_create_message_response'),
      content_attributes: { [OUR_TAG]: 'recepta-1' },
    })!;
    expect(classify(ours, { id: '42', account_id: '1' }, 'whatsapp', ctx)).toMatchObject({ kind: 'ignore' });
    expect(readListedMessage({ ...listed, id: 'x' })).toBeNull();
  });

  it('the send request we make matches the reference request, with our tag', () => {
    const reference = fixture('rest_create_message_request');
    expect(Object.keys(reference).sort()).toEqual(
      ['content', 'content_attributes', 'content_type', 'message_type', 'private'].sort(),
    );
    expect(fixture('rest_toggle_status_request')).toEqual({ status: 'open' });
    expect(fixture('rest_toggle_status_response').payload.current_status).toBe('open');
  });

  it('chat keys round-trip, and refusals read in Spanish', () => {
    expect(parseChatKey(chatKey('1', '42'))).toEqual({ accountId: '1', conversationId: '42' });
    expect(parseChatKey('+5491100000000')).toBeNull();
    expect(chatwootRefusal(401, { error: 'Invalid Access Token' })).toMatchObject({ status: 401, permanent: true });
    expect(chatwootRefusal(401, {}).reason).toMatch(/token de acceso/);
    expect(chatwootRefusal(422, { message: 'Too many messages' })).toMatchObject({ permanent: false });
    expect(chatwootRefusal(503, null)).toMatchObject({ permanent: false });
    expect(chatwootRefusal(422, { error: 'Incoming messages are only allowed in Api inboxes' }).reason).toMatch(
      /^Chatwoot no aceptó el mensaje: Incoming/,
    );
  });
});
