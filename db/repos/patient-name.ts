import type { Db } from '../client.js';
import { preparedStatements } from './prepared.js';

/** What decides whether a chat's patient name is confirmed (main/agent/patient-name.ts). */
export interface NameFacts {
  /** The patient's name as stored (staff may have typed it; ingest copies the profile's). */
  name: string | null;
  /** The chat profile's name (a WhatsApp pushName), as ingest stored it on the conversation. */
  profile: string | null;
  /** The patient has had an appointment, in any status. */
  booked: boolean;
}

/** Read on every turn of a named chat: one prepared statement on the primary keys and `appointments_patient`. */
const nameFacts = preparedStatements((sqlite) =>
  sqlite.prepare(
    'SELECT p.display_name AS name, c.display_name AS profile, ' +
      'EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = p.id) AS booked ' +
      'FROM conversations c JOIN patients p ON p.id = c.patient_id AND p.merged_into_id IS NULL WHERE c.id = ?',
  ),
);

export function patientNameFacts(db: Db, conversationId: number): NameFacts | null {
  const row = nameFacts(db).get(conversationId) as
    { name: string | null; profile: string | null; booked: number } | undefined;
  return row ? { name: row.name, profile: row.profile, booked: row.booked === 1 } : null;
}
