const PREVIEW_LENGTH = 140;

/** What the list says for a message that is only a file (stored text, so Spanish, like the thread's notes). */
const MEDIA_LABELS: Record<string, string> = {
  image: 'Foto',
  sticker: 'Sticker',
  audio: 'Audio',
  video: 'Video',
  document: 'Documento',
  location: 'Ubicación',
};

/** The one-line preview shown in the conversation list. */
export function preview(text: string, media?: { kind?: string } | null): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line) return line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH - 1)}…` : line;
  return media ? (MEDIA_LABELS[media.kind ?? ''] ?? 'Archivo') : '';
}
