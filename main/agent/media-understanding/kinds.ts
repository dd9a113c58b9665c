/** Which job a file gets: a description (images, stickers) or a transcript (audio, voice notes). */
export type AnalysisKind = 'vision' | 'transcription';

/**
 * Only what patients send is looked at: the assistant reads it as part of the chat.
 * Staff's own files, documents and videos get no job (their `analysisState` stays null).
 */
export function analysisKind(role: string, kind: string): AnalysisKind | null {
  if (role !== 'patient') return null;
  if (kind === 'image' || kind === 'sticker') return 'vision';
  if (kind === 'audio') return 'transcription';
  return null;
}
