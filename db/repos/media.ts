import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { media, messages } from '../schema.js';
import type { Db } from '../client.js';
import { preparedStatements } from './prepared.js';

export type MediaRow = typeof media.$inferSelect;

export function getMedia(db: Db, id: string): MediaRow | undefined {
  return db.select().from(media).where(eq(media.id, id)).get();
}

/** The files of a page of messages, in one query (uses the `media_message` index). */
export function mediaForMessages(db: Db, messageIds: readonly number[]): MediaRow[] {
  if (messageIds.length === 0) return [];
  return db
    .select()
    .from(media)
    .where(inArray(media.messageId, [...messageIds]))
    .orderBy(asc(media.messageId))
    .all();
}

/**
 * Rows still waiting for their download, oldest first (resumed at start-up).
 * No index on `state`: the media table is a small fraction of messages and this runs
 * once per start.
 */
export function pendingMedia(db: Db): string[] {
  return db
    .select({ id: media.id })
    .from(media)
    .where(eq(media.state, 'pending'))
    .orderBy(asc(media.createdAt), asc(media.messageId))
    .all()
    .map((r) => r.id);
}

export interface StoredFile {
  /** Relative to the data folder, with forward slashes (`media/<id>.<ext>`). */
  path: string;
  thumbnailPath: string | null;
  sizeBytes: number;
  /** What the file turned out to be, when the message did not say. */
  mimeType: string | null;
}

// Every transition starts from `pending` only: a download that finishes after another
// run already settled the row (a resumed duplicate) changes nothing.

/**
 * False when the row was not pending any more. `analyze`: the file goes to the vision or
 * transcription job, marked in the same write so a crash in between cannot lose it.
 */
export function markStored(db: Db, id: string, file: StoredFile, analyze = false): boolean {
  return (
    db
      .update(media)
      .set({
        state: 'stored',
        path: file.path,
        thumbnailPath: file.thumbnailPath,
        sizeBytes: file.sizeBytes,
        mimeType: file.mimeType,
        error: null,
        ...(analyze ? { analysisState: 'pending' as const } : {}),
      })
      .where(and(eq(media.id, id), eq(media.state, 'pending')))
      .run().changes === 1
  );
}

export function markFailed(db: Db, id: string, error: string): boolean {
  return (
    db
      .update(media)
      .set({ state: 'failed', error })
      .where(and(eq(media.id, id), eq(media.state, 'pending')))
      .run().changes === 1
  );
}

/** `sizeBytes` is what the provider announced, when it did (a streamed body is cut before its end). */
export function markTooLarge(db: Db, id: string, error: string, sizeBytes: number | null): boolean {
  return (
    db
      .update(media)
      .set({ state: 'too_large', error, sizeBytes })
      .where(and(eq(media.id, id), eq(media.state, 'pending')))
      .run().changes === 1
  );
}

// The vision / transcription job (main/agent/media-understanding). Like the download,
// every transition starts from `pending`, so a job that finishes twice writes once.

/** Files still waiting to be described or transcribed, oldest first (uses `media_analysis_pending`). */
export function pendingAnalysis(db: Db): string[] {
  return db
    .select({ id: media.id })
    .from(media)
    .where(eq(media.analysisState, 'pending'))
    .orderBy(asc(media.createdAt))
    .all()
    .map((r) => r.id);
}

/** What the model made of the file: a description for an image, a transcript for audio. */
export function markAnalyzed(db: Db, id: string, result: { description: string } | { transcript: string }): boolean {
  return (
    db
      .update(media)
      .set({ ...result, analysisState: 'done', analysisError: null })
      .where(and(eq(media.id, id), eq(media.analysisState, 'pending')))
      .run().changes === 1
  );
}

/** `reason` is a short code (`not_configured`, `unreachable`, `http_404`…), never the provider's text. */
export function markAnalysisFailed(db: Db, id: string, reason: string): boolean {
  return (
    db
      .update(media)
      .set({ analysisState: 'failed', analysisError: reason })
      .where(and(eq(media.id, id), eq(media.analysisState, 'pending')))
      .run().changes === 1
  );
}

/**
 * Which of a chat's unanswered patient messages carry a file whose words are not in yet:
 * audio still downloading or waiting for its transcript, an image (or sticker) still
 * downloading or waiting for its description. The turn waits for them.
 */
/** Read before every turn (see prepared.ts: the constants are written in, not bound, to match the partial indexes). */
const filesBeingRead = preparedStatements((_sqlite, db) =>
  db
    .select({
      voiceNotes: sql<number>`coalesce(sum(${media.kind} = 'audio'), 0)`,
      files: sql<number>`count(*)`,
    })
    .from(messages)
    .innerJoin(media, eq(media.messageId, messages.id))
    .where(
      and(
        eq(messages.conversationId, sql.placeholder('conversationId')),
        sql`${messages.turnState} = 'pending'`,
        sql`${media.kind} IN ('audio', 'image', 'sticker')`,
        sql`(${media.state} = 'pending' OR ${media.analysisState} = 'pending')`,
      ),
    )
    .prepare(),
);

export function filesInFlight(db: Db, conversationId: number): { voiceNotes: number; images: number } {
  const row = filesBeingRead(db).get({ conversationId });
  const voiceNotes = row?.voiceNotes ?? 0;
  return { voiceNotes, images: (row?.files ?? 0) - voiceNotes };
}
