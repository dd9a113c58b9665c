// Readers for the inbox fields the core adds over time (takeover reason, "needs
// attention", media, failure reason). Each one reads the field when the core sends it
// and falls back to a sensible value when it does not, so the UI degrades gracefully
// against an older core instead of breaking.
import type { Conversation, Message } from './types';

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
}

type Loose = Record<string, unknown>;
const loose = (v: unknown): Loose => (v && typeof v === 'object' ? (v as Loose) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Why the assistant is paused: staff_reply, staff_echo, manual, or the assistant's handoff reason. */
export function overrideReason(c: Conversation): string | null {
  return str(loose(c)['humanOverrideReason']);
}

/** Paused "until released" rather than until a time. */
export function overrideIndefinite(c: Conversation): boolean {
  return loose(c)['humanOverrideIndefinite'] === true;
}

/** Does this core accept "until released" pauses? (It reports the flag on every conversation.) */
export function supportsIndefinite(c: Conversation): boolean {
  return typeof loose(c)['humanOverrideIndefinite'] === 'boolean';
}

/** The assistant is paused for this chat right now. */
export function isPaused(c: Conversation, now: number): boolean {
  if (overrideIndefinite(c)) return true;
  return c.humanOverrideUntil !== null && Date.parse(c.humanOverrideUntil) > now;
}

/** Paused and the patient is waiting (unread messages, or just handed off): "Necesita atención". */
export function needsAttention(c: Conversation): boolean {
  return loose(c)['needsAttention'] === true;
}

const KINDS: readonly MediaKind[] = ['image', 'audio', 'video', 'document', 'sticker', 'location'];
const STATES: readonly MediaState[] = ['pending', 'stored', 'failed', 'too_large'];

/** The attachment of a message, or null (also for shapes this UI does not understand). */
export function messageMedia(m: Message): MediaInfo | null {
  if (!m.media || typeof m.media !== 'object') return null;
  const raw = loose(m.media);
  const id = typeof raw['id'] === 'number' ? String(raw['id']) : str(raw['id']);
  if (!id) return null;
  const kind = KINDS.find((k) => k === raw['kind']) ?? 'document';
  const state = STATES.find((s) => s === raw['state']) ?? 'stored';
  const sizeRaw = raw['size'] ?? raw['sizeBytes'] ?? raw['bytes'];
  return {
    id,
    kind,
    mimeType: str(raw['mimeType']),
    fileName: str(raw['fileName']),
    state,
    hasThumbnail: raw['hasThumbnail'] === true,
    error: str(raw['error']),
    size: typeof sizeRaw === 'number' && sizeRaw >= 0 ? sizeRaw : null,
  };
}

/** Why an outgoing message failed, as the channel said it. */
export function failureReason(m: Message): string | null {
  return str(loose(m)['failureReason']);
}

/** A transcript of a voice note, when the core made one. */
export function transcript(m: Message): string | null {
  return str(loose(m)['transcript']) ?? str(loose(m.media)['transcript']);
}
