import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { conversations, inboundDedup, media, messages, patients, type TurnState } from '../schema.js';
import { transaction, type Db } from '../client.js';
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
  /** `staff` for an echo of a human answering from another device. */
  role: 'patient' | 'staff';
  text: string;
  /** A file the message carries; a `pending` media row is stored with the message and downloaded after. */
  media?: { kind: string; mimeType?: string | undefined; url?: string | undefined; fileName?: string | undefined } | null;
  /** `pending` when the assistant owes an answer, `skipped` when it must not answer, null for staff. */
  turnState: TurnState | null;
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

/**
 * Stores one inbound message in a single transaction, or nothing at all.
 *
 * The dedup row goes first: if (provider, providerMessageId) was seen before, the
 * INSERT changes zero rows and we stop — a redelivered webhook is a no-op.
 */
export function ingestInbound(db: Db, r: InboundRecord): IngestResult {
  return transaction(db, () => {
    const claimed = db
      .insert(inboundDedup)
      .values({ provider: r.provider, providerMessageId: r.providerMessageId, receivedAt: r.receivedAt })
      .onConflictDoNothing()
      .run();
    if (claimed.changes === 0) return { duplicate: true, conversationId: conversationOfSeen(db, r) } as const;

    const { conversationId, patientId, newConversation } = upsertConversation(db, r);
    const inserted = db
      .insert(messages)
      .values({
        conversationId,
        role: r.role,
        text: r.text,
        media: r.media ?? null,
        provider: r.provider,
        providerMessageId: r.providerMessageId,
        status: 'received',
        turnState: r.turnState,
        createdAt: r.receivedAt,
      })
      .returning({ id: messages.id })
      .get();

    let mediaId: string | null = null;
    // A location has nothing to download: it is described in the message text.
    if (r.media && r.media.kind !== 'location') {
      mediaId = randomUUID();
      db.insert(media)
        .values({
          id: mediaId,
          messageId: inserted.id,
          kind: r.media.kind,
          mimeType: r.media.mimeType ?? null,
          fileName: r.media.fileName ?? null,
          originalUrl: r.media.url ?? null,
          createdAt: r.receivedAt,
        })
        .run();
    }
    db.update(inboundDedup)
      .set({ messageId: inserted.id })
      .where(and(eq(inboundDedup.provider, r.provider), eq(inboundDedup.providerMessageId, r.providerMessageId)))
      .run();
    db.update(conversations)
      .set({
        lastMessageAt: sql`max(${conversations.lastMessageAt}, ${r.receivedAt})`,
        lastMessagePreview: preview(r.text, r.media),
        unread: r.role === 'patient' ? sql`${conversations.unread} + 1` : conversations.unread,
      })
      .where(eq(conversations.id, conversationId))
      .run();
    return { duplicate: false, conversationId, messageId: inserted.id, patientId, newConversation, mediaId } as const;
  });
}

function upsertConversation(
  db: Db,
  r: InboundRecord,
): { conversationId: number; patientId: number; newConversation: boolean } {
  const existing = db
    .select({ id: conversations.id, patientId: conversations.patientId, displayName: conversations.displayName })
    .from(conversations)
    .where(
      and(
        eq(conversations.provider, r.provider),
        eq(conversations.channel, r.channel),
        eq(conversations.externalUserId, r.externalUserId),
      ),
    )
    .get();
  if (existing) {
    // A patient's name can arrive later than their first message (e.g. a WhatsApp pushName).
    if (!existing.displayName && r.senderName && r.role === 'patient') {
      db.update(conversations).set({ displayName: r.senderName }).where(eq(conversations.id, existing.id)).run();
      db.update(patients)
        .set({ displayName: r.senderName, updatedAt: r.receivedAt })
        .where(and(eq(patients.id, existing.patientId), sql`${patients.displayName} IS NULL`))
        .run();
    }
    return { conversationId: existing.id, patientId: existing.patientId, newConversation: false };
  }
  const name = r.role === 'patient' ? (r.senderName ?? null) : null;
  const patient = db
    .insert(patients)
    .values({ displayName: name, phone: r.phone ?? null, createdAt: r.receivedAt, updatedAt: r.receivedAt })
    .returning({ id: patients.id })
    .get();
  const conversation = db
    .insert(conversations)
    .values({
      channel: r.channel,
      provider: r.provider,
      externalUserId: r.externalUserId,
      externalConversationId: r.externalConversationId ?? null,
      patientId: patient.id,
      displayName: name,
      lastMessageAt: r.receivedAt,
      createdAt: r.receivedAt,
    })
    .returning({ id: conversations.id })
    .get();
  return { conversationId: conversation.id, patientId: patient.id, newConversation: true };
}

/** The chat a message we already stored belongs to (null for events that never became messages). */
function conversationOfSeen(db: Db, r: InboundRecord): number | null {
  const row = db
    .select({ conversationId: messages.conversationId })
    .from(inboundDedup)
    .innerJoin(messages, eq(messages.id, inboundDedup.messageId))
    .where(and(eq(inboundDedup.provider, r.provider), eq(inboundDedup.providerMessageId, r.providerMessageId)))
    .get();
  return row?.conversationId ?? null;
}
