// "Avisar al paciente": the message Laura sends after moving or cancelling an appointment,
// prefilled in the clinic's words (she can edit it before it goes).
import type { TFunction } from 'i18next';
import type { Appointment, PatientDetail } from '../../shared/api/types';
import { formatDateTime } from '../../lib/format';

export type AppointmentChangeKind = 'moved' | 'cancelled';

/** "Lucía" from "Lucía Fernández": a chat greets by first name. */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** The prefilled message for a move (the new time) or a cancellation (the time it had). */
export function notifyText(
  t: TFunction,
  change: AppointmentChangeKind,
  a: Appointment,
  opts: { clinicName: string; lang: string; timeZone: string },
): string {
  const values = {
    name: firstName(a.patientName),
    clinic: opts.clinicName.trim() || t('agenda.notify.theClinic'),
    service: a.serviceName,
    when: formatDateTime(a.start, opts.lang, opts.timeZone),
  };
  return change === 'moved' ? t('agenda.notify.movedText', values) : t('agenda.notify.cancelledText', values);
}

/** The patient's chat to write to: the one they wrote in last. Null when they have none. */
export function latestConversationId(patient: Pick<PatientDetail, 'conversations'>): number | null {
  const sorted = [...patient.conversations].sort((x, y) => Date.parse(y.lastMessageAt) - Date.parse(x.lastMessageAt));
  return sorted[0]?.id ?? null;
}
