import { and, asc, eq, inArray } from 'drizzle-orm';
import { media } from '../schema.js';
import type { Db } from '../client.js';

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

/** False when the row was not pending any more. */
export function markStored(db: Db, id: string, file: StoredFile): boolean {
  return (
    db
      .update(media)
      .set({ state: 'stored', path: file.path, thumbnailPath: file.thumbnailPath, sizeBytes: file.sizeBytes, mimeType: file.mimeType, error: null })
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
