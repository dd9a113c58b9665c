import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { inboundDedup, type TurnState } from '../schema.js';
import { transaction, type Db } from '../client.js';
import { preparedStatements } from './prepared.js';
import { preview } from './preview.js';

/** One inbound message as the database stores it (the pipeline maps a channel's `InboundMessage` to this). */
export interface InboundRecord {
  provider: string;
  channel: string;
  externalUserId: string;
  externalConversationId?: string | null;
  providerMessageId: string;
  senderName?: string | null;
  phone?: string | null;
  /** `staff` for an echo of a human answering from another device; `system` for a provider's internal note. */
  role: 'patient' | 'staff' | 'system';
  text: string;
  /** A file the message carries; a `pending` media row is stored with the message and downloaded after. */
  media?: {
    kind: string;
    mimeType?: string | undefined;
    url?: string | undefined;
    fileName?: string | undefined;
  } | null;
  /** `pending` when the assistant owes an answer, `skipped` when it must not answer, null for staff. */
  turnState: TurnState | null;
  /** Small facts about how the message arrived (e.g. `receivedWhileOffline`). */
  meta?: Record<string, unknown> | null;
  receivedAt: number;
}

export type IngestResult =
  | { duplicate: true; conversationId: number | null }
  | {
      duplicate: false;
      conversationId: number;
      messageId: number;
      patientId: number;
      newConversation: boolean;
      /** The media row to download, when the message carries a file. */
      mediaId: string | null;
    };

/** The hottest write path of all: every message of every channel (see prepared.ts). */
const statements = preparedStatements((sqlite) => ({
  claim: sqlite.prepare(
    'INSERT INTO inbound_dedup (provider, provider_message_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  ),
  seen: sqlite.prepare(
    'SELECT m.conversation_id AS conversationId FROM inbound_dedup d JOIN messages m ON m.id = d.message_id ' +
      'WHERE d.provider = ? AND d.provider_message_id = ?',
  ),
  findConversation: sqlite.prepare(
    'SELECT id, patient_id AS patientId, display_name AS displayName FROM conversations ' +
      'WHERE provider = ? AND channel = ? AND external_user_id = ?',
  ),
  nameConversation: sqlite.prepare('UPDATE conversations SET display_name = ? WHERE id = ?'),
  namePatient: sqlite.prepare(
    'UPDATE patients SET display_name = ?, updated_at = ? WHERE id = ? AND display_name IS NULL',
  ),
  insertPatient: sqlite.prepare(
    'INSERT INTO patients (display_name, phone, created_at, updated_at) VALUES (?, ?, ?, ?)',
  ),
  // The oldest unmerged patient with this E.164 number (the patients_phone index).
  patientByPhone: sqlite.prepare(
    'SELECT id FROM patients WHERE phone = ? AND merged_into_id IS NULL ORDER BY id LIMIT 1',
  ),
  insertConversation: sqlite.prepare(
    'INSERT INTO conversations (channel, provider, external_user_id, external_conversation_id, patient_id, display_name, last_message_at, created_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  insertMessage: sqlite.prepare(
    'INSERT INTO messages (conversation_id, role, text, media, provider, provider_message_id, status, turn_state, meta, created_at) ' +
      "VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?, ?)",
  ),
  insertMedia: sqlite.prepare(
    'INSERT INTO media (id, message_id, kind, mime_type, file_name, original_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  linkDedup: sqlite.prepare('UPDATE inbound_dedup SET message_id = ? WHERE provider = ? AND provider_message_id = ?'),
  touchConversation: sqlite.prepare(
    'UPDATE conversations SET last_message_at = max(last_message_at, ?), last_message_preview = ?, unread = unread + ? WHERE id = ?',
  ),
}));

type Statements = ReturnType<typeof statements>;

/**
 * Stores inbound messages, all in one transaction (group commit: one disk flush for
 * every message that arrived in the same tick), or none at all. Results are in input order.
 *
 * For each message the dedup row goes first: if (provider, providerMessageId) was seen
 * before, the INSERT changes zero rows and that message stops there — a redelivered
 * webhook is a no-op, even when both copies are in the same batch.
 */
export function ingestInboundBatch(
  db: Db,
  records: readonly InboundRecord[],
  opts: IngestOptions = {},
): IngestResult[] {
  const s = statements(db);
  return transaction(db, () => records.map((r) => ingestOne(s, r, opts)));
}

export interface IngestOptions {
  /**
   * Turns a phone as the provider reported it into E.164 (null: keep it as reported).
   * Called only when a message creates its patient — parsing a number costs more than
   * storing the message, and a chat's later messages do not need it.
   */
  normalizePhone?: ((raw: string) => string | null) | undefined;
}

/** One message in its own transaction. */
export function ingestInbound(db: Db, r: InboundRecord, opts: IngestOptions = {}): IngestResult {
  return ingestInboundBatch(db, [r], opts)[0]!;
}

function ingestOne(s: Statements, r: InboundRecord, opts: IngestOptions): IngestResult {
  if (s.claim.run(r.provider, r.providerMessageId, r.receivedAt).changes === 0) {
    const seen = s.seen.get(r.provider, r.providerMessageId) as { conversationId: number } | undefined;
    return { duplicate: true, conversationId: seen?.conversationId ?? null };
  }
  const { conversationId, patientId, newConversation } = upsertConversation(s, r, opts);
  const messageId = Number(
    s.insertMessage.run(
      conversationId,
      r.role,
      r.text,
      r.media ? JSON.stringify(r.media) : null,
      r.provider,
      r.providerMessageId,
      r.turnState,
      r.meta ? JSON.stringify(r.meta) : null,
      r.receivedAt,
    ).lastInsertRowid,
  );
  let mediaId: string | null = null;
  // A location has nothing to download: it is described in the message text.
  if (r.media && r.media.kind !== 'location') {
    mediaId = randomUUID();
    s.insertMedia.run(
      mediaId,
      messageId,
      r.media.kind,
      r.media.mimeType ?? null,
      r.media.fileName ?? null,
      r.media.url ?? null,
      r.receivedAt,
    );
  }
  s.linkDedup.run(messageId, r.provider, r.providerMessageId);
  s.touchConversation.run(r.receivedAt, preview(r.text, r.media), r.role === 'patient' ? 1 : 0, conversationId);
  return { duplicate: false, conversationId, messageId, patientId, newConversation, mediaId };
}

function upsertConversation(
  s: Statements,
  r: InboundRecord,
  opts: IngestOptions,
): { conversationId: number; patientId: number; newConversation: boolean } {
  const existing = s.findConversation.get(r.provider, r.channel, r.externalUserId) as
    { id: number; patientId: number; displayName: string | null } | undefined;
  if (existing) {
    // A patient's name can arrive later than their first message (e.g. a WhatsApp pushName).
    if (!existing.displayName && r.senderName && r.role === 'patient') {
      s.nameConversation.run(r.senderName, existing.id);
      s.namePatient.run(r.senderName, r.receivedAt, existing.patientId);
    }
    return { conversationId: existing.id, patientId: existing.patientId, newConversation: false };
  }
  const name = r.role === 'patient' ? (r.senderName ?? null) : null;
  const phone = r.phone ? (opts.normalizePhone?.(r.phone) ?? r.phone) : null;
  // A patient who already wrote on another channel (or was registered at the desk) with the
  // same number is the same patient: a new chat joins them instead of making a second one.
  const known = phone?.startsWith('+') ? (s.patientByPhone.get(phone) as { id: number } | undefined) : undefined;
  if (known && name) s.namePatient.run(name, r.receivedAt, known.id);
  const patientId = known?.id ?? Number(s.insertPatient.run(name, phone, r.receivedAt, r.receivedAt).lastInsertRowid);
  const conversationId = Number(
    s.insertConversation.run(
      r.channel,
      r.provider,
      r.externalUserId,
      r.externalConversationId ?? null,
      patientId,
      name,
      r.receivedAt,
      r.receivedAt,
    ).lastInsertRowid,
  );
  return { conversationId, patientId, newConversation: true };
}

/**
 * When the newest message kept from `provider` was sent (ms), or null when none was: where
 * a catch-up after downtime starts asking the provider for what it missed.
 */
export function lastInboundAt(db: Db, provider: string): number | null {
  const row = db
    .select({ at: sql<number | null>`max(${inboundDedup.receivedAt})` })
    .from(inboundDedup)
    .where(eq(inboundDedup.provider, provider))
    .get();
  return row?.at ?? null;
}
