import type { TFunction } from 'i18next';
import { ApiError } from '../shared/api/client';
import { KNOWN_ERROR_CODES } from '../i18n/errors';

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
  if (KNOWN_ERROR_CODES.has(e.code)) return t(`errors.${e.code}` as 'errors.NETWORK');
  return t('errors.unknown', { code: e.code });
}
