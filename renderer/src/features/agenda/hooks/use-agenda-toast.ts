// The agenda page's one toast and what it can do: undo the change it reports (through the
// API, which refuses a stale or taken-meanwhile undo with a clear reason) and open
// "Avisar al paciente".
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../shared/api/types';
import { agendaApi } from '../api/agenda';
import type { AgendaToastData, ToastAnchor } from '../components/AgendaToast';
import { eventAnchor } from '../components/AgendaToast';
import { agendaError } from '../errors';
import type { AppointmentChangeKind } from '../notify-text';
import { useAgenda } from '../store/agenda';

export type ToastInput = Omit<AgendaToastData, 'id'>;

export interface Notifying {
  appointment: Appointment;
  kind: AppointmentChangeKind;
  conversationId: number;
}

/** After the agenda redraws, the box of the appointment's event; `fallback` when it is not drawn (cancelled). */
export async function anchorAfterRefetch(appointmentId: number, fallback: ToastAnchor): Promise<ToastAnchor> {
  await useAgenda.getState().refetch();
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return eventAnchor(appointmentId) ?? fallback;
}

export function useAgendaToast() {
  const { t } = useTranslation();
  const [toast, setToast] = useState<AgendaToastData | null>(null);
  const [undoing, setUndoing] = useState(false);
  const [notifying, setNotifying] = useState<Notifying | null>(null);
  const seq = useRef(0);

  const show = useCallback((input: ToastInput) => setToast({ ...input, id: ++seq.current }), []);
  const close = useCallback(() => setToast(null), []);

  const undo = useCallback(async () => {
    const change = toast?.change;
    if (!toast || !change || undoing) return;
    const a = change.appointment;
    setUndoing(true);
    try {
      await agendaApi.undoAppointmentChange(a.id, a.updatedAt);
      const anchor = await anchorAfterRefetch(a.id, toast.anchor);
      show({ kind: 'ok', text: t('agenda.toast.undone', { name: a.patientName }), anchor });
    } catch (e) {
      show({ kind: 'error', text: t('agenda.toast.undoRefused', { reason: agendaError(t, e) }), anchor: toast.anchor });
      void useAgenda.getState().refetch();
    } finally {
      setUndoing(false);
    }
  }, [toast, undoing, show, t]);

  const notify = useCallback(
    (conversationId: number) => {
      if (toast?.change) setNotifying({ ...toast.change, conversationId });
    },
    [toast],
  );

  return { toast, undoing, show, close, undo, notifying, notify, stopNotifying: () => setNotifying(null) };
}
