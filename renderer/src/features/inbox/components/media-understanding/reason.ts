import type { TFunction } from 'i18next';

const KNOWN = [
  'not_configured',
  'rejected',
  'unreachable',
  'timeout',
  'unreadable_image',
  'file_missing',
  'empty',
  'keychain_unavailable',
] as const;
type Known = (typeof KNOWN)[number];

/** Why a description or transcription failed, in words: the core stores a short code (`unreachable`, `http_404`…). */
export function analysisReason(t: TFunction, code: string | null): string {
  const known = KNOWN.find((k): k is Known => k === code);
  if (known) return t(`understanding.reason.${known}`);
  const http = code ? /^http_(\d{3})$/.exec(code) : null;
  return http ? t('understanding.reason.model', { code: http[1] }) : t('understanding.reason.other');
}
