// Readers for the inbox fields of the API: takeover reason, "needs attention", media,
// failure reason. Each falls back to a sensible value when a field is missing (an older
// core, a cached response), so the UI degrades instead of breaking. `media` is untyped in
// the API (z.unknown), so it is read defensively.
import type { Conversation, Message } from '../../../shared/api/types';

export type MediaKind = 'image' | 'audio' | 'video' | 'document' | 'sticker' | 'location';
export type MediaState = 'pending' | 'stored' | 'failed' | 'too_large';

export interface MediaInfo {
  id: string;
  kind: MediaKind;
  mimeType: string | null;
  fileName: string | null;
  state: MediaState;
  hasThumbnail: boolean;
  error: string | null;
  /** Bytes, when the core says. */
  size: number | null;
  /** What the vision model saw in a patient's image. */
  description: string | null;
  /** A patient's voice note in words. */
  transcript: string | null;
  /** The description or transcription job; null when the file gets none (older cores too). */
  analysisState: AnalysisState | null;
  /** Why that job failed (a short code: not_configured, unreachable…). */
  analysisError: string | null;
}

export type AnalysisState = 'pending' | 'done' | 'failed';
const ANALYSIS_STATES: readonly AnalysisState[] = ['pending', 'done', 'failed'];

type Loose = Record<string, unknown>;
const loose = (v: unknown): Loose => (v && typeof v === 'object' ? (v as Loose) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Why the assistant is paused: staff_reply, staff_echo, manual, or `handoff:<the assistant's reason>`. */
export function overrideReason(c: Conversation): string | null {
  return c.humanOverrideReason ?? null;
}

/** Paused "until released" rather than until a time. */
export function overrideIndefinite(c: Conversation): boolean {
  return c.humanOverrideIndefinite ?? false;
}

/** Does this core accept "until released" pauses? (It reports the flag on every conversation.) */
export function supportsIndefinite(c: Conversation): boolean {
  return typeof (c as Partial<Conversation>).humanOverrideIndefinite === 'boolean';
}

/** The assistant is paused for this chat right now. */
export function isPaused(c: Conversation, now: number): boolean {
  if (overrideIndefinite(c)) return true;
  return c.humanOverrideUntil !== null && Date.parse(c.humanOverrideUntil) > now;
}

/** A person owes this chat an answer (handed off, or the patient wrote and nobody answered): "Necesita atención". */
export function needsAttention(c: Conversation): boolean {
  return c.needsAttention ?? false;
}

/** Since when a person owes this chat an answer (ms), or null. */
export function waitingSince(c: Conversation): number | null {
  const at = c.waitingSince ? Date.parse(c.waitingSince) : NaN;
  return Number.isFinite(at) ? at : null;
}

/** The wait passed the clinic's SLA with no staff reply (the red marker); cleared by a reply. */
export function slaBreached(c: Conversation): boolean {
  return Boolean(c.slaBreachedAt);
}

/** Patient messages after the last reply that nothing answered (what a hand-back asks about). */
export function unanswered(c: Conversation): number {
  return c.unansweredCount ?? 0;
}

const KINDS: readonly MediaKind[] = ['image', 'audio', 'video', 'document', 'sticker', 'location'];
const STATES: readonly MediaState[] = ['pending', 'stored', 'failed', 'too_large'];

/**
 * The attachment of a message, or null. Kinds this UI does not know are shown as
 * documents (a download), and a shape it cannot read as no attachment.
 */
export function messageMedia(m: Message): MediaInfo | null {
  const raw = loose(m.media as unknown);
  const id = typeof raw['id'] === 'number' ? String(raw['id']) : str(raw['id']);
  if (!id) return null;
  const kind = KINDS.find((k) => k === raw['kind']) ?? 'document';
  const state = STATES.find((s) => s === raw['state']) ?? 'stored';
  const sizeRaw = raw['sizeBytes'] ?? raw['size'];
  return {
    id,
    kind,
    mimeType: str(raw['mimeType']),
    fileName: str(raw['fileName']),
    state,
    hasThumbnail: raw['hasThumbnail'] === true,
    error: str(raw['error']),
    size: typeof sizeRaw === 'number' && sizeRaw >= 0 ? sizeRaw : null,
    description: str(raw['description']),
    transcript: str(raw['transcript']),
    analysisState: ANALYSIS_STATES.find((s) => s === raw['analysisState']) ?? null,
    analysisError: str(raw['analysisError']),
  };
}

/** Why an outgoing message failed, as the channel said it. */
export function failureReason(m: Message): string | null {
  return m.failureReason ?? null;
}

/** A transcript of a voice note, when the core made one. */
export function transcript(m: Message): string | null {
  return str(loose(m)['transcript']) ?? str(loose(m.media)['transcript']);
}
