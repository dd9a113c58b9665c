// Why a webhook delivery was refused or ignored, as a stable code the Canales card words in
// Spanish or English (renderer/src/i18n/webhooks.ts `webhook.reason`); the English detail stays
// for the log. Refusals carry their code from where they are thrown; an ignored delivery's
// code is read from the mappers' reasons, which are fixed phrases (tested per provider).

export const WEBHOOK_REASON_CODES = [
  // rejected
  'no_secret',
  'signature_missing',
  'signature_malformed',
  'signature_stale',
  'signature_mismatch',
  'bad_json',
  'not_an_event',
  // ignored
  'unknown_instance',
  'other_account',
  'event_not_used',
  'own_send',
  'not_a_chat',
  'not_a_turn',
  'inbox_without_channel',
  'receipt',
  'no_change',
  'other',
] as const;
export type WebhookReasonCode = (typeof WEBHOOK_REASON_CODES)[number];

/** A signature or secret check's verdict (every provider's words for it) as a code. */
export function signatureReasonCode(verdict: string): WebhookReasonCode {
  switch (verdict) {
    case 'missing':
      return 'signature_missing';
    case 'malformed':
      return 'signature_malformed';
    case 'stale':
    case 'expired':
      return 'signature_stale';
    case 'no secret':
      return 'no_secret';
    default:
      return 'signature_mismatch';
  }
}

// The mappers' ignore reasons (ycloud/, chatwoot/, evolution/ map-inbound.ts and webhook.ts), first match wins.
const IGNORED: Array<[RegExp, WebhookReasonCode]> = [
  [/^unknown instance/, 'unknown_instance'],
  [/^account \S+$/, 'other_account'],
  [/^event (type )?\S+ is not used$/, 'event_not_used'],
  [/our own (send|message)|^sent by the clinic number$/, 'own_send'],
  [/^group message$|^not a one-to-one chat/, 'not_a_chat'],
  [
    /is not a (patient )?turn$|^empty message$|^activity message$|^message type |^no sender$|^no recipient$/,
    'not_a_turn',
  ],
  [/no channel chosen for it$/, 'inbox_without_channel'],
  [/is not a delivery step$|^receipt for |no delivery step$/, 'receipt'],
  [/does not change who answers$|^an update of a stored message$|^no account to find the chat by$/, 'no_change'],
];

/** An ignored delivery's reason (the mapper's English phrase) as a code; 'other' when it is new. */
export function ignoredReasonCode(reason: string): WebhookReasonCode {
  return IGNORED.find(([pattern]) => pattern.test(reason))?.[1] ?? 'other';
}
