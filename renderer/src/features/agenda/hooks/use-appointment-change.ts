// The appointment dialog's editing state: which sub-form is open, the change on its way
// (by the label of the button that sent it) and why the last one was refused.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, UpdateAppointment } from '../../../shared/api/types';
import { agendaApi } from '../api/agenda';
import { agendaError } from '../errors';

export type AppointmentMode = 'view' | 'cancel' | 'reschedule' | 'notes';

export function useAppointmentChange(
  appointment: Appointment,
  onChanged: (a: Appointment, message: string, label: string) => void,
) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<AppointmentMode>('view');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Sends `body`; on success hands the saved appointment, `message(saved)` and `label` to onChanged. */
  function patch(body: UpdateAppointment, label: string, message: (updated: Appointment) => string) {
    return send(() => agendaApi.updateAppointment(appointment.id, body), label, message);
  }

  /** Any change of this appointment (a patch, "Llegó"), with the same busy state and refusals. */
  async function send(request: () => Promise<Appointment>, label: string, message: (updated: Appointment) => string) {
    setBusy(label);
    setError(null);
    try {
      const updated = await request();
      onChanged(updated, message(updated), label);
    } catch (e) {
      setError(agendaError(t, e));
    } finally {
      setBusy(null);
    }
  }

  return { mode, setMode, busy, error, patch, send };
}
