// The reception's "Para llamar" list (issue 17): patients a reminder could not reach.
import type { Db } from '../client.js';
import { callList } from '../schema.js';

export type CallListRow = typeof callList.$inferSelect;
export interface NewCallListEntry {
  patientId: number;
  appointmentId: number | null;
  conversationId: number | null;
  /** A code the UI words: `reminder_not_delivered`, `no_chat`, … */
  reason: string;
  createdAt: number;
}

/**
 * Puts a patient on the list once per visit and reason (the UNIQUE key): a second failed
 * reminder for the same visit does not ask for a second call. True when a row was added.
 */
export function addToCallList(db: Db, entry: NewCallListEntry): boolean {
  const result = db.insert(callList).values(entry).onConflictDoNothing().run();
  return result.changes > 0;
}
