import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapYCloudEvent, type YCloudVerdict } from '../../main/channels/ycloud/map-inbound.js';
import { verifyYCloudSignature, ycloudSignature } from '../../main/channels/ycloud/signature.js';
import { isOutsideWindow } from '../../main/channels/ycloud/errors.js';

// The reference payloads (../shared/reference/payloads/ycloud), copied unchanged.
const FIXTURES = path.join(import.meta.dirname, '../fixtures/ycloud');
const raw = (name: string) => readFileSync(path.join(FIXTURES, `${name}.json`));
const fixture = (name: string) => JSON.parse(raw(name).toString('utf8')) as Record<string, unknown>;
const ctx = { now: Date.parse('2026-05-12T13:50:00Z'), backlogMaxAgeMs: 6 * 3_600_000 };

function message(verdict: YCloudVerdict) {
  if (verdict.kind !== 'message' && verdict.kind !== 'echo') throw new Error(`not a message: ${verdict.kind}`);
  return verdict.message;
}

describe('YCloud signature', () => {
  const vector = fixture('signature_test_vector') as { secret: string; raw_body: string; 'YCloud-Signature': string };
  const body = Buffer.from(vector.raw_body, 'utf8');
  const signedAt = 1_778_593_511_000;

  it('accepts the reference test vector', () => {
    expect(verifyYCloudSignature(body, vector['YCloud-Signature'], vector.secret, signedAt + 60_000)).toEqual({
      ok: true,
      timestamp: 1_778_593_511,
    });
  });

  it('refuses one changed byte, another secret, a missing or malformed header, and a stale delivery', () => {
    const header = vector['YCloud-Signature'];
    const tampered = Buffer.from(vector.raw_body.replace('dermatologista', 'dermatologistA'), 'utf8');
    expect(verifyYCloudSignature(tampered, header, vector.secret, signedAt)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyYCloudSignature(body, header, 'whsec_other', signedAt)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyYCloudSignature(body, undefined, vector.secret, signedAt)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyYCloudSignature(body, 's=abc', vector.secret, signedAt)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyYCloudSignature(body, header, vector.secret, signedAt + 301_000)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyYCloudSignature(body, header, vector.secret, signedAt + 301_000, 600)).toMatchObject({ ok: true });
  });

  it('signs as it verifies (what the fake provider in the integration tests sends)', () => {
    const t = 1_800_000_000;
    const header = `t=${t},s=${ycloudSignature(body, vector.secret, t)}`;
    expect(verifyYCloudSignature(body, header, vector.secret, t * 1000)).toMatchObject({ ok: true });
  });
});

describe('YCloud events → pipeline', () => {
  it('maps an inbound text, keyed by its wamid, with the patient phone and profile name', () => {
    const verdict = mapYCloudEvent(fixture('inbound_text'), ctx);
    expect(verdict).toMatchObject({ kind: 'message', eventId: 'evt_6a0c3f1e9b2d4c5a7e8f0a1b' });
    expect(message(verdict)).toEqual({
      channel: 'whatsapp',
      provider: 'ycloud',
      providerMessageId: expect.stringMatching(/^wamid\./),
      externalUserId: '+5511987654321',
      senderName: 'Maria Souza',
      phone: '+5511987654321',
      text: 'Olá, gostaria de marcar uma consulta com dermatologista.',
      media: undefined,
      fromMe: false,
      timestamp: Date.parse('2026-05-12T13:45:10.000Z'),
    });
  });

  it('keeps the file of an image (with its caption) and of a voice note, to fetch with the API key', () => {
    const image = message(mapYCloudEvent(fixture('inbound_image_with_caption'), ctx));
    expect(image.text).toBe('Pedido do exame');
    expect(image.media).toEqual({
      kind: 'image',
      mimeType: 'image/jpeg',
      url: 'https://api.ycloud.com/v2/whatsapp/media/download/1234567890123456',
      fileName: undefined,
      providerRef: '1234567890123456',
    });
    const voice = message(mapYCloudEvent(fixture('inbound_audio_voice_note'), ctx));
    expect(voice.media).toMatchObject({ kind: 'audio', mimeType: 'audio/ogg; codecs=opus' });
  });

  it("reads a template's quick-reply button as the words on it", () => {
    expect(message(mapYCloudEvent(fixture('inbound_template_quick_reply_button'), ctx)).text).toBe('Confirmar');
  });

  it('marks a message YCloud retried long after it was sent as received while Recepta was off', () => {
    const late = message(mapYCloudEvent(fixture('inbound_text'), { ...ctx, now: ctx.now + 7 * 3_600_000 }));
    expect(late.receivedWhileOffline).toBe(true);
    expect(message(mapYCloudEvent(fixture('inbound_text'), ctx)).receivedWhileOffline).toBeUndefined();
  });

  it('turns a reply typed in the WhatsApp Business app into a staff message to the patient', () => {
    const verdict = mapYCloudEvent(fixture('smb_message_echoes_staff_reply_from_phone'), ctx);
    expect(verdict.kind).toBe('echo');
    expect(message(verdict)).toMatchObject({
      fromMe: true,
      externalUserId: '+5511987654321',
      text: 'Maria, aqui é a recepção. Já deixei sua consulta reservada!',
    });
    const renamed = { ...fixture('smb_message_echoes_staff_reply_from_phone'), type: 'whatsapp.smb.message.created' };
    expect(mapYCloudEvent(renamed, ctx).kind).toBe('echo');
  });

  it('reads delivery receipts, and a failure outside the 24-hour window with a reason staff can act on', () => {
    expect(mapYCloudEvent(fixture('message_updated_delivered'), ctx)).toEqual({
      kind: 'status',
      eventId: 'evt_6a0c41020a9b8c7d6e5f4a3b',
      update: {
        providerMessageId: '6a0c41012c7b9d0012ab350c',
        externalId: 'clinic-msg-0f6f1c2a-3b7d-4e58-9c11-5d2a7e4b8f90',
        status: 'delivered',
      },
    });
    const failed = mapYCloudEvent(fixture('message_updated_failed_outside_window'), ctx);
    expect(failed).toMatchObject({ kind: 'status', update: { status: 'failed', errorCode: '131047' } });
    if (failed.kind !== 'status') throw new Error('not a status');
    expect(failed.update.error).toMatch(/ventana de 24 h/);
    expect(isOutsideWindow(failed.update.errorCode)).toBe(true);
  });

  it('ignores, with a reason, what is not a patient turn; refuses what is not an event', () => {
    const inbound = fixture('inbound_text');
    const body = inbound.whatsappInboundMessage as Record<string, unknown>;
    const variant = (patch: Record<string, unknown>) => ({ ...inbound, whatsappInboundMessage: { ...body, ...patch } });
    expect(mapYCloudEvent(variant({ type: 'reaction', reaction: { emoji: '👍' } }), ctx).kind).toBe('ignore');
    expect(mapYCloudEvent(variant({ groupId: '1203630' }), ctx).kind).toBe('ignore');
    expect(mapYCloudEvent(variant({ from: '+5511300000001' }), ctx).kind).toBe('ignore');
    expect(mapYCloudEvent({ ...inbound, type: 'whatsapp.template.reviewed' }, ctx)).toMatchObject({
      kind: 'ignore',
      reason: expect.stringContaining('whatsapp.template.reviewed'),
    });
    expect(
      mapYCloudEvent({ ...fixture('message_updated_delivered'), whatsappMessage: { id: 'x', status: 'accepted' } }, ctx)
        .kind,
    ).toBe('ignore');
    for (const bad of [null, 'x', [], {}, { id: 'evt_1' }, { ...inbound, whatsappInboundMessage: undefined }]) {
      expect(mapYCloudEvent(bad, ctx).kind, JSON.stringify(bad)).toBe('invalid');
    }
  });

  it('answers a username user without a phone number at their user id; shows an unsupported message as such', () => {
    const inbound = fixture('inbound_text');
    const body = {
      ...(inbound.whatsappInboundMessage as Record<string, unknown>),
      from: undefined,
      fromUserId: 'US.1234',
    };
    const noPhone = message(mapYCloudEvent({ ...inbound, whatsappInboundMessage: body }, ctx));
    expect(noPhone).toMatchObject({ externalUserId: 'US.1234', phone: undefined });
    const poll = {
      ...body,
      from: '+5491122334455',
      type: 'unsupported',
      errors: [{ code: '131051', title: 'Message type unknown' }],
    };
    expect(message(mapYCloudEvent({ ...inbound, whatsappInboundMessage: poll }, ctx)).text).toMatch(
      /no puede mostrar: unsupported/,
    );
  });
});
