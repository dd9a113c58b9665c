import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../lib/errors';

const KNOWLEDGE_CODES = new Set([
  'KNOWLEDGE_UNSUPPORTED_FILE',
  'KNOWLEDGE_TOO_LARGE',
  'KNOWLEDGE_TOO_MANY_ARTICLES',
  'KNOWLEDGE_IMPORT_EMPTY',
]);

/**
 * The knowledge routes' own refusals come with a specific Spanish message ("«Horarios»
 * tiene más de 20.000 caracteres…"): shown as-is in Spanish, by code in other languages.
 */
export function knowledgeErrorMessage(
  t: TFunction,
  lang: string,
  error: unknown,
  fieldLabels: Record<string, string> = {},
): string {
  if (error instanceof ApiError && KNOWLEDGE_CODES.has(error.code)) {
    return lang === 'es' && error.message
      ? error.message
      : t(`knowledge.errors.${error.code}` as 'knowledge.errors.KNOWLEDGE_TOO_LARGE');
  }
  return errorMessage(t, error, fieldLabels);
}
