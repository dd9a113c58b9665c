// Why a delivery was refused or ignored reaches the card as a code (worded there in es/en),
// never only as the core's English: signature verdicts, bad JSON, and each provider's ignore phrases.
import { describe, expect, it } from 'vitest';
import { WebhookJsonError, WebhookPayloadError, WebhookSignatureError } from '../../main/channels/webhook-handler.js';
import { WebhookEventLog } from '../../main/channels/webhook-log.js';
import { ignoredReasonCode, signatureReasonCode } from '../../main/channels/webhook-reasons.js';

const request = (body: unknown) => ({ headers: {}, rawBody: Buffer.from(''), body });

describe('webhook reason codes', () => {
  it('names every signature verdict', () => {
    expect(signatureReasonCode('missing')).toBe('signature_missing');
    expect(signatureReasonCode('malformed')).toBe('signature_malformed');
    expect(signatureReasonCode('stale')).toBe('signature_stale');
    expect(signatureReasonCode('expired')).toBe('signature_stale');
    expect(signatureReasonCode('no secret')).toBe('no_secret');
    expect(signatureReasonCode('mismatch')).toBe('signature_mismatch');
  });

  it.each([
    ['unknown instance "otra"', 'unknown_instance'],
    ['account 7', 'other_account'],
    ['event type whatsapp.template.reviewed is not used', 'event_not_used'],
    ['event contact_updated is not used', 'event_not_used'],
    ['our own send', 'own_send'],
    ['our own send, echoed as messages.upsert', 'own_send'],
    ['our own message', 'own_send'],
    ['sent by the clinic number', 'own_send'],
    ['group message', 'not_a_chat'],
    ['not a one-to-one chat (group)', 'not_a_chat'],
    ['reactionMessage is not a turn', 'not_a_turn'],
    ['reaction is not a patient turn', 'not_a_turn'],
    ['empty message', 'not_a_turn'],
    ['activity message', 'not_a_turn'],
    ['inbox 3: no channel chosen for it', 'inbox_without_channel'],
    ['status PENDING is not a delivery step', 'receipt'],
    ['receipt for a message the patient sent', 'receipt'],
    ['conversation resolved does not change who answers', 'no_change'],
    ['something new', 'other'],
  ])('"%s" is %s', (reason, code) => {
    expect(ignoredReasonCode(reason)).toBe(code);
  });

  it('the log records the code of a refusal and of an ignored delivery', async () => {
    const log = new WebhookEventLog();
    const refuse = (error: Error) => ({
      verify: () => {
        throw error;
      },
      process: async () => null,
    });
    await expect(
      log.deliver(1, request({}), refuse(new WebhookSignatureError('bad', 'signature_stale'))),
    ).rejects.toThrow();
    await expect(log.deliver(2, request({}), refuse(new WebhookJsonError()))).rejects.toThrow();
    await expect(log.deliver(3, request({}), refuse(new WebhookPayloadError('odd')))).rejects.toThrow();
    await log.deliver(4, request({ event: 'messages.upsert' }), {
      verify: () => undefined,
      process: async () => 'unknown instance "otra"',
    });
    await log.deliver(5, request({ event: 'messages.upsert' }), { verify: () => undefined, process: async () => null });
    expect(log.recent().map((e) => [e.outcome, e.code])).toEqual([
      ['accepted', undefined],
      ['ignored', 'unknown_instance'],
      ['rejected', 'not_an_event'],
      ['rejected', 'bad_json'],
      ['rejected', 'signature_stale'],
    ]);
  });
});
