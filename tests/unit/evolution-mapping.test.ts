import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evolutionRefusal } from '../../main/channels/evolution/errors.js';
import {
  mapEvolutionEvent,
  mapEvolutionMessage,
  type EvolutionVerdict,
} from '../../main/channels/evolution/map-inbound.js';
import { evolutionJwt, verifyEvolutionAuth } from '../../main/channels/evolution/signature.js';

// The reference payloads (../shared/reference/payloads/evolution), copied unchanged.
const FIXTURES = path.join(import.meta.dirname, '../fixtures/evolution');
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown> & {
    data: Record<string, unknown>;
  };
// The payloads were captured on 2026-05-12 (messageTimestamp 1778593510 = 13:45:10 UTC; date_time is server-local, C.2).
const ctx = { now: Date.parse('2026-05-12T14:05:00Z'), instance: 'clinica-sorriso', backlogMaxAgeMs: 12 * 3_600_000 };

function message(verdict: EvolutionVerdict) {
  if (verdict.kind !== 'message' && verdict.kind !== 'echo') throw new Error(`not a message: ${verdict.kind}`);
  return verdict.message;
}

/** The reference text, with its key changed (LID variants). */
function withKey(key: Record<string, unknown>) {
  const event = fixture('messages_upsert_text_incoming');
  return { ...event, data: { ...event.data, key: { ...(event.data.key as object), ...key } } };
}

describe('Evolution messages.upsert', () => {
  it('maps an incoming text: the chat JID, the phone in E.164, the name, the time, the dedup id', () => {
    const verdict = mapEvolutionEvent(fixture('messages_upsert_text_incoming'), ctx);
    expect(verdict.kind).toBe('message');
    expect(message(verdict)).toEqual({
      channel: 'whatsapp',
      provider: 'evolution',
      providerMessageId: '3EB0A1C2D3E4F5A6B7C8D9',
      externalUserId: '5511987654321@s.whatsapp.net',
      senderName: 'Maria Souza',
      phone: '+5511987654321',
      text: 'Oi! Vocês atendem pelo convênio Saúde+?',
      media: undefined,
      fromMe: false,
      timestamp: 1_778_593_510_000,
    });
  });

  it('reads an extendedTextMessage (a quoted or link reply) as its text', () => {
    const event = fixture('messages_upsert_text_incoming');
    const extended = {
      ...event,
      data: {
        ...event.data,
        message: { extendedTextMessage: { text: '¿Y el sábado?', contextInfo: { stanzaId: 'X' } } },
        messageType: 'extendedTextMessage',
      },
    };
    expect(message(mapEvolutionEvent(extended, ctx)).text).toBe('¿Y el sábado?');
  });

  it('maps an image with its caption, and hands back the inline base64 and the id to fetch it by', () => {
    const verdict = mapEvolutionEvent(fixture('messages_upsert_image_incoming_base64'), ctx);
    expect(verdict).toMatchObject({
      kind: 'message',
      inlineMedia: expect.stringMatching(/^\/9j\/4AAQ/),
      message: {
        text: 'Pedido do exame',
        media: { kind: 'image', mimeType: 'image/jpeg', providerRef: '3EB0F1E2D3C4B5A6978877' },
      },
    });
    // Without `base64: true` on the webhook, the file is fetched later by the same id.
    const event = fixture('messages_upsert_image_incoming_base64');
    const noInline = { ...event, data: { ...event.data, message: { imageMessage: { mimetype: 'image/png' } } } };
    const plain = mapEvolutionEvent(noInline, ctx);
    expect(plain).not.toHaveProperty('inlineMedia');
    expect(message(plain).media).toEqual({
      kind: 'image',
      mimeType: 'image/png',
      fileName: undefined,
      providerRef: '3EB0F1E2D3C4B5A6978877',
    });
  });

  it('a document keeps its file name; a voice note, a location and a contact read as the inbox shows them', () => {
    const base = fixture('messages_upsert_text_incoming');
    const as = (content: Record<string, unknown>) =>
      message(mapEvolutionEvent({ ...base, data: { ...base.data, message: content } }, ctx));
    expect(
      as({ documentMessage: { fileName: 'receta.pdf', mimetype: 'application/pdf', caption: 'la receta' } }),
    ).toMatchObject({ text: 'la receta', media: { kind: 'document', fileName: 'receta.pdf' } });
    expect(as({ audioMessage: { mimetype: 'audio/ogg; codecs=opus', ptt: true } }).media?.kind).toBe('audio');
    expect(as({ locationMessage: { degreesLatitude: -34.6, degreesLongitude: -58.4, name: 'Casa' } }).text).toMatch(
      /^Ubicación: Casa — https:\/\/maps\.google\.com/,
    );
    expect(as({ contactMessage: { displayName: 'Dra. Pérez' } }).text).toBe('Contacto compartido: Dra. Pérez');
    expect(as({ ephemeralMessage: { message: { conversation: 'efímero' } } }).text).toBe('efímero');
    expect(as({ pollCreationMessage: { name: '¿?' } }).text).toMatch(/pollCreationMessage/);
  });

  it('resolves a @lid sender to the phone through remoteJidAlt (Baileys 7) or senderPn (Baileys 6.7), replying to the @lid', () => {
    const alt = message(
      mapEvolutionEvent(
        withKey({ remoteJid: '138297561460@lid', remoteJidAlt: '5511987654321@s.whatsapp.net', addressingMode: 'lid' }),
        ctx,
      ),
    );
    expect(alt).toMatchObject({ externalUserId: '138297561460@lid', phone: '+5511987654321' });
    const pn = message(
      mapEvolutionEvent(withKey({ remoteJid: '138297561460@lid', senderPn: '5491155550001@s.whatsapp.net' }), ctx),
    );
    expect(pn).toMatchObject({ externalUserId: '138297561460@lid', phone: '+5491155550001' });
    // Issue #2466: only the LID, no phone anywhere — still a message, without a number.
    const bare = message(mapEvolutionEvent(withKey({ remoteJid: '13718@lid' }), ctx));
    expect(bare.externalUserId).toBe('13718@lid');
    expect(bare.phone).toBeUndefined();
  });

  it('takes fromMe (typed on the clinic phone) as a staff echo, without Evolution\'s "Você" as a name', () => {
    const verdict = mapEvolutionEvent(fixture('messages_upsert_fromme_staff_phone'), ctx);
    expect(verdict.kind).toBe('echo');
    expect(message(verdict)).toMatchObject({
      fromMe: true,
      senderName: undefined,
      externalUserId: '5511987654321@s.whatsapp.net',
      text: 'Maria, aqui é a recepção. Já deixei sua consulta reservada!',
    });
  });

  it('marks a patient message older than the backlog age as received while Recepta was off', () => {
    const later = { ...ctx, now: ctx.now + 13 * 3_600_000 };
    expect(message(mapEvolutionEvent(fixture('messages_upsert_text_incoming'), later)).receivedWhileOffline).toBe(true);
    expect(message(mapEvolutionEvent(fixture('messages_upsert_text_incoming'), ctx))).not.toHaveProperty(
      'receivedWhileOffline',
    );
    // The same rule serves a record listed by chat/findMessages (the catch-up).
    expect(
      message(mapEvolutionMessage(fixture('messages_upsert_text_incoming').data, later)).receivedWhileOffline,
    ).toBe(true);
  });

  it('ignores groups, broadcasts and newsletters, reactions, and deliveries for another instance', () => {
    expect(mapEvolutionEvent(withKey({ remoteJid: '120363000000000000@g.us' }), ctx)).toMatchObject({ kind: 'ignore' });
    expect(mapEvolutionEvent(withKey({ remoteJid: 'status@broadcast' }), ctx)).toMatchObject({ kind: 'ignore' });
    expect(mapEvolutionEvent(withKey({ remoteJid: '1203630@newsletter' }), ctx)).toMatchObject({ kind: 'ignore' });
    const base = fixture('messages_upsert_text_incoming');
    const reaction = { ...base, data: { ...base.data, message: { reactionMessage: { text: '👍' } } } };
    expect(mapEvolutionEvent(reaction, ctx)).toMatchObject({ kind: 'ignore' });
    // A stub with no content (or only Evolution's metadata) is not something anybody said.
    for (const content of [null, { messageContextInfo: { deviceListMetadataVersion: 2 } }, { conversation: '' }])
      expect(mapEvolutionEvent({ ...base, data: { ...base.data, message: content } }, ctx)).toMatchObject({
        kind: 'ignore',
      });
    expect(mapEvolutionEvent({ ...base, instance: 'otra-clinica' }, ctx)).toEqual({
      kind: 'ignore',
      reason: 'unknown instance "otra-clinica"',
    });
  });
});

describe('Evolution other events', () => {
  it('ignores send.message: the echo of our own send', () => {
    expect(mapEvolutionEvent(fixture('send_message_event_api_echo'), ctx)).toEqual({
      kind: 'ignore',
      reason: 'our own send (send.message)',
    });
  });

  it('maps messages.update receipts by keyId; a patient message receipt or an unknown status is ignored', () => {
    const update = (data: Record<string, unknown>) =>
      mapEvolutionEvent({ event: 'messages.update', instance: 'clinica-sorriso', data }, ctx);
    const base = { keyId: '3EB0C5D6E7F8A9B0C1D2E3', remoteJid: '5511987654321@s.whatsapp.net', fromMe: true };
    expect(update({ ...base, status: 'DELIVERY_ACK', messageId: 'cmb123' })).toEqual({
      kind: 'status',
      update: { providerMessageId: '3EB0C5D6E7F8A9B0C1D2E3', status: 'delivered' },
    });
    expect(update({ ...base, status: 'READ' })).toMatchObject({ update: { status: 'read' } });
    expect(update({ ...base, status: 'PLAYED' })).toMatchObject({ update: { status: 'read' } });
    expect(update({ ...base, status: 'SERVER_ACK' })).toMatchObject({ update: { status: 'sent' } });
    expect(update({ ...base, status: 'ERROR' })).toMatchObject({
      update: { status: 'failed', error: expect.any(String) },
    });
    expect(update({ ...base, status: 'DELETED' }).kind).toBe('ignore');
    expect(update({ ...base, fromMe: false, status: 'READ' }).kind).toBe('ignore');
    expect(update({ status: 'READ' }).kind).toBe('invalid');
  });

  it('maps connection.update open (with the linked number) and close for a logout', () => {
    expect(mapEvolutionEvent(fixture('connection_update_open'), ctx)).toEqual({
      kind: 'connection',
      update: { state: 'open', statusReason: 200, number: '+5511300000001', profileName: 'Clínica Sorriso' },
    });
    expect(mapEvolutionEvent(fixture('connection_update_close_logged_out'), ctx)).toEqual({
      kind: 'connection',
      update: { state: 'close', statusReason: 401, number: undefined, profileName: undefined },
    });
  });

  it('ignores events it does not use (qrcode.updated) and refuses what is not an Evolution event', () => {
    expect(mapEvolutionEvent(fixture('qrcode_updated'), ctx)).toMatchObject({ kind: 'ignore' });
    expect(mapEvolutionEvent({ hello: 'world' }, ctx).kind).toBe('invalid');
    expect(mapEvolutionEvent(null, ctx).kind).toBe('invalid');
    expect(mapEvolutionEvent({ event: 'messages.upsert', instance: 'clinica-sorriso', data: {} }, ctx).kind).toBe(
      'invalid',
    );
  });
});

describe('Evolution webhook authentication', () => {
  const secret = '3c0b6f2e9a7d4e1f8b5c2a9d6e3f0a1b';
  const header = 'x-clinic-webhook-token';
  const now = Date.parse('2026-05-12T11:00:00Z');

  it('accepts the shared secret in the configured header, and refuses another value or no header', () => {
    expect(verifyEvolutionAuth({ [header]: secret }, secret, header, now)).toEqual({ ok: true, via: 'header' });
    expect(verifyEvolutionAuth({ 'x-otro': secret }, secret, 'X-Otro', now)).toEqual({ ok: true, via: 'header' });
    expect(verifyEvolutionAuth({ [header]: `${secret}0` }, secret, header, now)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyEvolutionAuth({}, secret, header, now)).toEqual({ ok: false, reason: 'missing' });
  });

  it("accepts the JWT Evolution makes from `jwt_key`, and refuses another secret's, an expired one and alg none", () => {
    const iat = Math.floor(now / 1000) - 30;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    expect(verifyEvolutionAuth(bearer(evolutionJwt(secret, iat)), secret, header, now)).toEqual({
      ok: true,
      via: 'jwt',
    });
    expect(verifyEvolutionAuth(bearer(evolutionJwt('other', iat)), secret, header, now)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyEvolutionAuth(bearer(evolutionJwt(secret, iat - 3_600)), secret, header, now)).toEqual({
      ok: false,
      reason: 'expired',
    });
    const [, body] = evolutionJwt(secret, iat).split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`;
    expect(verifyEvolutionAuth(bearer(none), secret, header, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyEvolutionAuth({ authorization: 'Basic abc' }, secret, header, now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('Evolution refusals', () => {
  it('says in Spanish what went wrong, and whether trying again can help', () => {
    const notOnWhatsApp = JSON.parse(
      readFileSync(path.join(FIXTURES, 'rest_sendText_error_400_not_on_whatsapp.json'), 'utf8'),
    ) as unknown;
    expect(evolutionRefusal(400, notOnWhatsApp, 'clinica')).toEqual({
      reason: 'El número 5511912345678 no tiene WhatsApp: no se pudo enviar.',
      permanent: true,
    });
    expect(evolutionRefusal(401, { status: 401, error: 'Unauthorized' }, 'clinica')).toMatchObject({ permanent: true });
    expect(evolutionRefusal(404, null, 'clinica').reason).toContain('"clinica"');
    expect(
      evolutionRefusal(400, { status: 400, response: { message: ['Connection Closed'] } }, 'clinica'),
    ).toMatchObject({ permanent: false, reason: expect.stringMatching(/no está conectado/) });
    expect(evolutionRefusal(503, null, 'clinica')).toMatchObject({ permanent: false });
  });
});
