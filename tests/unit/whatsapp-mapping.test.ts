import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BufferJSON, type WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { mapUpsertMessage, readStoredMedia, type MapContext } from '../../main/channels/whatsapp/map-inbound.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'baileys');
/** The fixtures' messages were sent at 1763850000 s; "now" is a minute later. */
const NOW = 1_763_850_060_000;
const OWN_ID = '3EB0A1B2C3D4E5F6A7B8C9';

function load(name: string): { type: string; messages: WAMessage[] } {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'), BufferJSON.reviver) as {
    type: string;
    messages: WAMessage[];
  };
}

function map(name: string, extra: Partial<MapContext> = {}) {
  const payload = load(name);
  const ctx: MapContext = {
    type: payload.type,
    isOwnSend: (id) => id === OWN_ID,
    now: NOW,
    backlogMaxAgeMs: 12 * 3_600_000,
    ...extra,
  };
  return payload.messages.map((m) => mapUpsertMessage(m, ctx));
}

function one(name: string, extra: Partial<MapContext> = {}) {
  const [result] = map(name, extra);
  if (!result?.ok) throw new Error(`${name} was skipped: ${result ? result.skip : 'nothing'}`);
  return result.message;
}

describe('messages.upsert → InboundMessage', () => {
  it('a plain text keys the chat by its JID, names it by pushName, and knows the phone', () => {
    expect(one('text')).toEqual({
      channel: 'whatsapp',
      provider: 'baileys',
      providerMessageId: '3A6F0C1D2E3B4A5C6D7E',
      externalUserId: '5491155550101@s.whatsapp.net',
      senderName: 'Ana López',
      phone: '+5491155550101',
      text: 'hola, tenés turno para limpieza?',
      media: undefined,
      fromMe: false,
      timestamp: 1_763_850_000_000,
    });
  });

  it('extended text (a quoted reply with a link) is its text', () => {
    expect(one('extended-text').text).toBe('Este es el link que me pasaron https://clinica.example/turnos');
  });

  it('an image keeps its caption and the keys to decrypt it later', () => {
    const m = one('image-caption');
    expect(m.text).toBe('así quedó después de la limpieza');
    expect(m.media).toMatchObject({ kind: 'image', mimeType: 'image/jpeg' });
    const stored = readStoredMedia(m.media!.providerRef!);
    expect(stored.key.id).toBe('3AB1C2D3E4F5A6B7C8D9');
    expect(Buffer.isBuffer(stored.message?.imageMessage?.mediaKey)).toBe(true);
    expect(stored.message?.imageMessage?.directPath).toContain('/v/t62.7118-24/');
  });

  it('a voice note is audio with its codec', () => {
    const m = one('voice-note');
    expect(m.text).toBe('');
    expect(m.media).toMatchObject({ kind: 'audio', mimeType: 'audio/ogg; codecs=opus' });
  });

  it('a document (with caption wrapper) keeps its file name and caption', () => {
    const m = one('document');
    expect(m.text).toBe('la orden del médico');
    expect(m.media).toMatchObject({ kind: 'document', mimeType: 'application/pdf', fileName: 'orden-medica.pdf' });
  });

  it('view-once and ephemeral wrappers are unwrapped', () => {
    expect(one('view-once').media).toMatchObject({ kind: 'image' });
    expect(one('ephemeral').text).toBe('¿atienden sábados?');
  });

  it('stickers are media, locations are described with a map link', () => {
    expect(one('sticker').media).toMatchObject({ kind: 'sticker', mimeType: 'image/webp' });
    const place = one('location');
    expect(place.media).toMatchObject({ kind: 'location' });
    expect(place.text).toBe(
      'Ubicación: Clínica Belgrano, Av. Cabildo 1234, CABA — https://maps.google.com/?q=-34.587500,-58.420400',
    );
  });

  it('a @lid chat stays keyed by its LID (replies go there) and gets its phone from remoteJidAlt', () => {
    const m = one('lid-with-alt');
    expect(m.externalUserId).toBe('208877665544332@lid');
    expect(m.phone).toBe('+5491155550101');
    expect(m.senderName).toBe('Marta');
  });

  it('a @lid chat without remoteJidAlt gets its phone from the LID mapping, or none', () => {
    const payload = load('lid-with-alt');
    const msg = { ...payload.messages[0]!, key: { ...payload.messages[0]!.key, remoteJidAlt: undefined } } as WAMessage;
    const base = { type: 'notify', isOwnSend: () => false, now: NOW, backlogMaxAgeMs: 1 };
    const known = mapUpsertMessage(msg, { ...base, phoneJidForLid: () => '5491177778888@s.whatsapp.net' });
    const unknown = mapUpsertMessage(msg, base);
    expect(known.ok && known.message.phone).toBe('+5491177778888');
    expect(unknown.ok && unknown.message.phone).toBeUndefined();
  });

  it('a message that failed to decrypt (CIPHERTEXT stub, no content) is skipped: the real one follows with the same id', () => {
    const stub = {
      key: { remoteJid: '5491155550101@s.whatsapp.net', fromMe: false, id: '3AC1PHER000000000001' },
      messageStubType: 2,
      messageStubParameters: ['No session'],
      messageTimestamp: 1_763_850_000,
    } as WAMessage;
    expect(mapUpsertMessage(stub, { type: 'notify', isOwnSend: () => false, now: NOW, backlogMaxAgeMs: 1 })).toEqual({
      ok: false,
      skip: 'empty',
    });
  });

  it('groups, status broadcasts and newsletters are skipped', () => {
    expect(map('group')).toEqual([{ ok: false, skip: 'group' }]);
    expect(map('status-broadcast')).toEqual([{ ok: false, skip: 'broadcast' }]);
    expect(map('newsletter')).toEqual([{ ok: false, skip: 'newsletter' }]);
  });

  it('reactions, deletions and edits are not patient turns', () => {
    expect(map('reaction')).toEqual([{ ok: false, skip: 'not-a-turn' }]);
    expect(map('protocol-revoke')).toEqual([{ ok: false, skip: 'not-a-turn' }]);
    expect(map('edited')).toEqual([{ ok: false, skip: 'not-a-turn' }]);
  });

  it('fromMe with an id we did not send is a staff message; our own echo is ignored', () => {
    const staff = one('from-me-staff');
    expect(staff.fromMe).toBe(true);
    expect(staff.senderName).toBeUndefined();
    expect(staff.text).toBe('Hola Ana, soy Laura de la clínica. Te llamo en un rato.');
    expect(map('from-me-own-echo')).toEqual([{ ok: false, skip: 'own-echo' }]);
    // The same echo, had we not sent it (staff on WhatsApp Web), is staff's.
    expect(one('from-me-own-echo', { isOwnSend: () => false }).fromMe).toBe(true);
  });

  it('an append backlog older than the configured age is marked received-while-offline; a recent one is not', () => {
    const [old, recent] = map('append-backlog');
    expect(old).toMatchObject({ ok: true, message: { receivedWhileOffline: true, text: '¿mañana abren?' } });
    expect(recent?.ok && recent.message.receivedWhileOffline).toBeUndefined();
    // A live (notify) message is never backlog, however old its timestamp.
    const live = map('append-backlog', { type: 'notify' })[0];
    expect(live?.ok && live.message.receivedWhileOffline).toBeUndefined();
    // The age is a setting: with 48 h, 20 h late is answered normally.
    const lenient = map('append-backlog', { backlogMaxAgeMs: 48 * 3_600_000 })[0];
    expect(lenient?.ok && lenient.message.receivedWhileOffline).toBeUndefined();
  });
});
