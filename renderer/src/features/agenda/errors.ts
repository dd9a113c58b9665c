import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api/client';
import type { AgendaErrorCode } from '../../shared/api/types';
import { errorMessage } from '../../lib/errors';
import { i18n } from '../../i18n';

/**
 * The agenda's own refusals: their Spanish message says exactly what to do (which practitioner,
 * which hours), so a Spanish interface shows it as it came; another language shows the code's
 * own translation. Keyed by the server's list (main/agenda/errors.ts): a code added there breaks this build
 * until it is placed here. Bad input and a missing record are the API's generic errors.
 */
const REFUSALS: Record<Exclude<AgendaErrorCode, 'VALIDATION_FAILED' | 'NOT_FOUND'>, true> = {
  SLOT_TAKEN: true,
  DAILY_LIMIT_REACHED: true,
  OUTSIDE_HOURS: true,
  CLOSED_DAY: true,
  IN_THE_PAST: true,
  TOO_SOON: true,
  TOO_FAR_AHEAD: true,
  INVALID_TIME_RANGE: true,
  PRACTITIONER_UNAVAILABLE: true,
  SERVICE_INACTIVE: true,
  INVALID_PHONE: true,
  CLOSURE_OVERLAP: true,
  INVALID_STATUS_CHANGE: true,
  APPOINTMENT_NOT_STARTED: true,
  ARRIVAL_TOO_EARLY: true,
  UNDO_NOT_POSSIBLE: true,
};
const AGENDA_CODES = new Set<string>(Object.keys(REFUSALS));

export const isAgendaRefusal = (e: unknown): e is ApiError => e instanceof ApiError && AGENDA_CODES.has(e.code);

/** What to tell Laura about a failed agenda call. `fieldLabels` names fields by their API path ('phone'). */
export function agendaError(t: TFunction, e: unknown, fieldLabels: Record<string, string> = {}): string {
  if (isAgendaRefusal(e) && e.message && i18n.language === 'es') return e.message;
  return errorMessage(t, e, fieldLabels);
}
