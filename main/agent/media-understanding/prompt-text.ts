import type { Db } from '../../../db/client.js';
import { mediaForMessages, type MediaRow } from '../../../db/repos/media.js';
import type { MessageRow } from '../../../db/repos/messages.js';

/** An image is visual context for the turns of the next five minutes; after that, a one-line mention is enough. */
export const RECENT_IMAGE_MS = 5 * 60_000;

/** The stored files of a turn's history, by message id (one query, on the `media_message` index). */
export function historyFiles(db: Db | null, history: readonly MessageRow[]): Map<number, MediaRow> {
  const ids = history.filter((m) => m.media !== null).map((m) => m.id);
  return new Map(db && ids.length ? mediaForMessages(db, ids).map((f) => [f.messageId, f]) : []);
}

/**
 * What the model reads for a patient message that carries a file: a voice note's
 * transcript as the patient's own words, a recent image's description, or a short
 * mention of what arrived; then any caption.
 */
export function patientFileText(kind: string, caption: string, file: MediaRow | undefined, ageMs: number): string {
  let said: string;
  if (kind === 'audio') {
    // Still downloading or being transcribed when the turn stopped waiting: on its way, not lost.
    const onItsWay = file?.state === 'pending' || file?.analysisState === 'pending';
    said = file?.transcript
      ? `[Nota de voz] ${file.transcript}`
      : onItsWay
        ? '[El paciente envió una nota de voz; todavía no está transcripta]'
        : '[El paciente envió una nota de voz que no se pudo transcribir]';
  } else if (kind === 'image' || kind === 'sticker') {
    const what = kind === 'sticker' ? 'un sticker' : 'una imagen';
    said =
      file?.description && ageMs <= RECENT_IMAGE_MS
        ? `[El paciente envió ${what}: ${file.description}]`
        : `[El paciente envió ${what}]`;
  } else {
    said = `[El paciente envió un archivo: ${kind}]`;
  }
  return caption ? `${said}\n${caption}` : said;
}
