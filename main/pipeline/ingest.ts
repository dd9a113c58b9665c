import type { Db } from '../../db/client.js';
import { WalSync } from '../../db/wal-sync.js';
import {
  ingestInboundBatch,
  type InboundRecord,
  type IngestOptions,
  type IngestResult,
} from '../../db/repos/ingest.js';
import { normalizePhone } from '../kernel/phone.js';
import type { InboundHandler, InboundMessage, InboundOutcome } from '../channels/channel.js';
import type { PipelineEventBus } from './events.js';
import type { Logger } from '../kernel/logger.js';
import type { Metrics } from '../kernel/metrics.js';

export interface IngestDeps {
  db: Db;
  events: PipelineEventBus;
  log: Logger;
  metrics?: Metrics;
  /** Called once a patient message is committed: the chat owes the assistant a turn. */
  onPatientMessage: (conversationId: number) => void;
  /** Called once a staff echo is committed (a human answered from elsewhere). */
  onStaffMessage?: (conversationId: number) => void;
  /** Called once a message carrying a file is committed: the file is downloaded after, not before, the ack. */
  onMedia?: (mediaId: string) => void;
  /**
   * The country a number without its code is read in (the clinic's). Providers report
   * international numbers (+…), so this is only a fallback; a number that cannot be read
   * is kept as reported.
   */
  defaultCountry?: () => string;
}

/** A batch never grows past this, so one tick of a flood cannot hold the event loop for long. */
const MAX_BATCH = 256;

interface Waiting {
  message: InboundMessage;
  resolve: (outcome: InboundOutcome) => void;
  reject: (error: unknown) => void;
}

/** How a message from the clinic's side is kept: a provider's internal note is a note, never a turn for the model. */
function roleOf(m: InboundMessage): InboundRecord['role'] {
  if (!m.fromMe) return 'patient';
  return m.authoredBy === 'internal_note' ? 'system' : 'staff';
}

function metaOf(m: InboundMessage): Record<string, unknown> | null {
  if (m.receivedWhileOffline) return { receivedWhileOffline: true };
  if (m.fromMe && m.authoredBy === 'internal_note') return { note: 'internal' };
  if (m.fromMe && m.authoredBy === 'automation') return { automated: true };
  return null;
}

function toRecord(m: InboundMessage): InboundRecord {
  return {
    provider: m.provider,
    channel: m.channel,
    externalUserId: m.externalUserId,
    externalConversationId: m.externalConversationId ?? null,
    providerMessageId: m.providerMessageId,
    senderName: m.senderName ?? null,
    phone: m.phone ?? null,
    role: roleOf(m),
    text: m.text,
    media: m.media,
    turnState: m.fromMe ? null : m.receivedWhileOffline ? 'skipped' : 'pending',
    meta: metaOf(m),
    receivedAt: m.timestamp,
  };
}

/**
 * Step 2 of a message's life: commit it (or recognise it as a duplicate), and only
 * then tell anyone. The promise resolves once the commit is on disk, which is when a
 * webhook may answer 200.
 *
 * Messages that arrive in the same tick are committed together (group commit), and the
 * disk flush runs off the event loop, shared with whatever else committed meanwhile:
 * that is what lets a burst of webhooks through without giving up durability. The
 * inbox and the assistant hear of a message as soon as it is committed; nothing they
 * do reaches a patient before a later flush, which covers it too (the WAL is written
 * in order).
 */
export function createIngest(deps: IngestDeps): InboundHandler {
  const waiting: Waiting[] = [];
  const wal = WalSync.for(deps.db);
  const options: IngestOptions = { normalizePhone: (raw) => normalizePhone(raw, deps.defaultCountry?.() ?? 'AR') };

  const announce = (m: InboundMessage, result: IngestResult): InboundOutcome => {
    if (result.duplicate) {
      deps.metrics?.duplicatesIn.inc({ provider: m.provider });
      deps.log.debug({ provider: m.provider }, 'duplicate inbound message ignored');
      return { duplicate: true, conversationId: result.conversationId };
    }
    deps.metrics?.messagesIn.inc({ channel: m.channel, provider: m.provider });
    deps.events.emit('message.created', { conversationId: result.conversationId, messageId: result.messageId });
    deps.events.emit('conversation.updated', { conversationId: result.conversationId });
    if (result.mediaId) deps.onMedia?.(result.mediaId);
    // Only a person answering takes the chat over; an automation or a note does not.
    if (m.fromMe) {
      if ((m.authoredBy ?? 'staff') === 'staff') deps.onStaffMessage?.(result.conversationId);
    } else if (!m.receivedWhileOffline) deps.onPatientMessage(result.conversationId);
    return { duplicate: false, conversationId: result.conversationId };
  };

  /** Tells the app (the inbox, the turn scheduler) at once; the sender hears back only once the message is on disk. */
  const announceSafely = (m: InboundMessage, result: IngestResult): InboundOutcome => {
    try {
      return announce(m, result);
    } catch (error) {
      // The message is committed; a failing listener must not turn that into an error for the sender.
      deps.log.error({ err: error }, 'after-ingest step failed');
      return { duplicate: result.duplicate, conversationId: result.conversationId };
    }
  };

  /**
   * Answers the senders once the WAL is flushed (off the event loop, shared with every
   * commit of the moment: WalSync). A duplicate waits too: the first copy may have been
   * committed a moment ago and not be on disk yet.
   */
  const acknowledge = (settled: Array<{ w: Waiting; outcome: InboundOutcome }>) => {
    if (settled.length === 0) return;
    wal.flushed().then(
      () => settled.forEach(({ w, outcome }) => w.resolve(outcome)),
      (error: unknown) => {
        deps.log.error({ err: error }, 'flushing inbound messages to disk failed');
        settled.forEach(({ w }) => w.reject(error));
      },
    );
  };

  const commit = (records: InboundRecord[]) => wal.deferred(() => ingestInboundBatch(deps.db, records, options));

  const flush = () => {
    const batch = waiting.splice(0, MAX_BATCH);
    if (waiting.length) setImmediate(flush);
    let results: IngestResult[];
    try {
      results = commit(batch.map((w) => toRecord(w.message)));
    } catch {
      // One message the database refuses must not fail the others: retry them one by one.
      const settled: Array<{ w: Waiting; outcome: InboundOutcome }> = [];
      for (const w of batch) {
        let result: IngestResult;
        try {
          result = commit([toRecord(w.message)])[0]!;
        } catch (error) {
          w.reject(error);
          continue;
        }
        settled.push({ w, outcome: announceSafely(w.message, result) });
      }
      acknowledge(settled);
      return;
    }
    acknowledge(batch.map((w, i) => ({ w, outcome: announceSafely(w.message, results[i]!) })));
  };

  return (message) =>
    new Promise<InboundOutcome>((resolve, reject) => {
      waiting.push({ message, resolve, reject });
      if (waiting.length === 1) setImmediate(flush);
    });
}
