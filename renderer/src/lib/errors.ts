import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

const KNOWN = new Set([
  'NETWORK',
  'UNAUTHORIZED',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'KEYCHAIN_UNAVAILABLE',
  'ENV_SECRET_READ_ONLY',
  'PAYLOAD_TOO_LARGE',
  'MEDIA_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'CONFLICT',
  'CHANNEL_UNAVAILABLE',
  'INTERNAL',
]);

/**
 * What to tell the user about a failed call, chosen by the API's stable error `code`.
 * `fieldLabels` maps setting keys to their labels, so a validation error can name the field.
 */
export function errorMessage(t: TFunction, error: unknown, fieldLabels: Record<string, string> = {}): string {
  const e = error instanceof ApiError ? error : new ApiError(0, 'NETWORK', String(error));
  if (e.code === 'VALIDATION_FAILED' && Array.isArray(e.details)) {
    for (const d of e.details as Array<{ path?: string }>) {
      const key = (d.path ?? '').replace(/^\//, '').replace(/~1/g, '/');
      const label = fieldLabels[key];
      if (label) return t('errors.VALIDATION_FIELD', { field: label });
    }
  }
  if (KNOWN.has(e.code)) return t(`errors.${e.code}` as 'errors.NETWORK');
  return t('errors.unknown', { code: e.code });
}
