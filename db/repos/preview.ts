const PREVIEW_LENGTH = 140;

/** The one-line preview shown in the conversation list. */
export function preview(text: string, media?: unknown): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line) return line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH - 1)}…` : line;
  return media ? '📎' : '';
}
