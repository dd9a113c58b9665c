// An automation's own message to a patient ("Listo, confirmado", a no-show follow-up), queued through the durable
// outbox like the assistant's: it marks the patient's messages answered up to the one it
// answers, in the same transaction, so the turn owes nothing more and a restart sends it once.
import type { Db } from '../../../db/client.js';
import { getConversation } from '../../../db/repos/conversations.js';
import { enqueueOutgoing } from '../../../db/repos/messages.js';
import type { MessageMeta } from '../../../db/json/messages.js';
import type { InboxSettings } from '../../inbox/settings.js';
import type { SettingsReader } from '../../kernel/settings-store.js';
import { splitIntoBubbles } from '../../pipeline/pacing.js';

export interface AutomationAnswer {
  conversationId: number;
  text: string;
  /** The patient message it answers (and every owed one before it); none for a message that starts the exchange. */
  answersUpTo?: number;
  now: number;
  meta?: MessageMeta;
}

export function queueAutomationAnswer(db: Db, settings: SettingsReader<InboxSettings>, a: AutomationAnswer): void {
  const conversation = getConversation(db, a.conversationId);
  if (!conversation) return;
  enqueueOutgoing(db, {
    conversationId: a.conversationId,
    provider: conversation.provider,
    role: 'assistant',
    text: a.text,
    bubbles: splitIntoBubbles(a.text),
    meta: a.meta ?? null,
    answersUpTo: a.answersUpTo,
    maxAttempts: settings.get('outbox.maxAttempts'),
    now: a.now,
  });
}
