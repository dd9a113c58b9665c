import type { Db } from '../../db/client.js';
import { ingestInbound } from '../../db/repos/ingest.js';
import type { InboundHandler } from '../channels/channel.js';
import type { AppEvents } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';

export interface IngestDeps {
  db: Db;
  events: AppEvents;
  log: Logger;
  metrics?: Metrics;
  /** Called once a patient message is committed: the chat owes the assistant a turn. */
  onPatientMessage: (conversationId: number) => void;
  /** Called once a staff echo is committed (a human answered from elsewhere). */
  onStaffMessage?: (conversationId: number) => void;
  /** Called once a message carrying a file is committed: the file is downloaded after, not before, the ack. */
  onMedia?: (mediaId: string) => void;
}

/**
 * Step 2 of a message's life: commit it (or recognise it as a duplicate), and only
 * then tell anyone. The promise resolves after the commit, which is when a webhook
 * may answer 200.
 */
export function createIngest(deps: IngestDeps): InboundHandler {
  return async (m) => {
    const result = ingestInbound(deps.db, {
      provider: m.provider,
      channel: m.channel,
      externalUserId: m.externalUserId,
      externalConversationId: m.externalConversationId ?? null,
      providerMessageId: m.providerMessageId,
      senderName: m.senderName ?? null,
      phone: m.phone ?? null,
      role: m.fromMe ? 'staff' : 'patient',
      text: m.text,
      media: m.media,
      turnState: m.fromMe ? null : 'pending',
      receivedAt: m.timestamp,
    });
    if (result.duplicate) {
      deps.metrics?.duplicatesIn.inc({ provider: m.provider });
      deps.log.debug({ provider: m.provider }, 'duplicate inbound message ignored');
      return { duplicate: true, conversationId: result.conversationId };
    }
    deps.metrics?.messagesIn.inc({ channel: m.channel, provider: m.provider });
    deps.events.emit('message.created', { conversationId: result.conversationId, messageId: result.messageId });
    deps.events.emit('conversation.updated', { conversationId: result.conversationId });
    if (result.mediaId) deps.onMedia?.(result.mediaId);
    if (m.fromMe) deps.onStaffMessage?.(result.conversationId);
    else deps.onPatientMessage(result.conversationId);
    return { duplicate: false, conversationId: result.conversationId };
  };
}
