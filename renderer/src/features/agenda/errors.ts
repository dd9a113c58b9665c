import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../lib/errors';

/** The agenda's own refusals: their Spanish message says exactly what to do, so it is shown as it came. */
const AGENDA_CODES = new Set([
  'SLOT_TAKEN',
  'OUTSIDE_HOURS',
  'CLOSED_DAY',
  'IN_THE_PAST',
  'TOO_SOON',
  'TOO_FAR_AHEAD',
  'INVALID_TIME_RANGE',
  'PRACTITIONER_UNAVAILABLE',
  'SERVICE_INACTIVE',
  'INVALID_PHONE',
  'CLOSURE_OVERLAP',
  'INVALID_STATUS_CHANGE',
]);

export const isAgendaRefusal = (e: unknown): e is ApiError => e instanceof ApiError && AGENDA_CODES.has(e.code);

/** What to tell Laura about a failed agenda call. `fieldLabels` names fields by their API path ('phone'). */
export function agendaError(t: TFunction, e: unknown, fieldLabels: Record<string, string> = {}): string {
  if (isAgendaRefusal(e) && e.message) return e.message;
  return errorMessage(t, e, fieldLabels);
}
