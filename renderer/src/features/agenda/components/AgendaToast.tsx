// The agenda's confirmations and refusals, shown where Laura is looking: next to the event
// she just dragged or changed. A move or a cancellation can be undone for a few seconds
// ("Deshacer", also Ctrl+Z), and when the patient has a chat, "Avisar al paciente".
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../shared/api/types';
import { CloseIcon } from '../../../shared/components/icons';
import { agendaApi } from '../api/agenda';
import { latestConversationId, type AppointmentChangeKind } from '../notify-text';

/** The box on screen the toast sits next to (an event's), or null for the bottom of the window. */
export type ToastAnchor = { top: number; bottom: number; left: number; right: number } | null;

export interface AgendaToastData {
  /** A new number for every toast, so its timer starts over. */
  id: number;
  kind: 'ok' | 'error';
  text: string;
  anchor: ToastAnchor;
  /** A move or cancellation just made (the appointment as the change returned it): undoable, and worth telling the patient. */
  change?: { appointment: Appointment; kind: AppointmentChangeKind };
  /** Move the focus to the toast (the change came from a dialog that just closed). */
  takeFocus?: boolean;
}

/** How long an undoable confirmation stays (and "Deshacer" with it), unless hovered or focused. */
export const TOAST_MS = 10_000;
const GAP = 8;

/** The box of an appointment's event on screen, if it is drawn. */
export function eventAnchor(appointmentId: number): ToastAnchor {
  const el = document.querySelector(`.fc-event[data-appointment-id="${appointmentId}"]`);
  return el ? boxOf(el) : null;
}

export const boxOf = (el: Element): ToastAnchor => {
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
};

interface Props {
  toast: AgendaToastData;
  busy: boolean;
  onClose(): void;
  onUndo(): void;
  onNotify(conversationId: number): void;
}

export function AgendaToast({ toast, busy, onClose, onUndo, onNotify }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const [held, setHeld] = useState(false);
  const chat = usePatientChat(toast.change?.appointment.patientId ?? null);

  // Below the event when it fits, else above it; always inside the window.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !toast.anchor) return setPosition(null);
    const { width, height } = el.getBoundingClientRect();
    const a = toast.anchor;
    const below = a.bottom + GAP + height <= window.innerHeight - GAP;
    const top = below ? a.bottom + GAP : Math.max(GAP, a.top - GAP - height);
    const left = Math.min(Math.max(GAP, a.left), window.innerWidth - width - GAP);
    setPosition({ top, left });
  }, [toast]);

  useEffect(() => {
    if (toast.takeFocus) ref.current?.querySelector<HTMLButtonElement>('button')?.focus({ preventScroll: true });
  }, [toast]);

  // Leaving with the focus inside (closed, undone, timed out): the focus goes back to the
  // calendar, not to the top of the page. A layout cleanup runs while the toast is still in the DOM.
  useLayoutEffect(() => {
    const el = ref.current;
    return () => {
      if (el?.contains(document.activeElement)) {
        document.querySelector<HTMLElement>('.agenda-calendar')?.focus({ preventScroll: true });
      }
    };
  }, []);

  // Confirmations leave by themselves; a refusal stays until read and closed.
  useEffect(() => {
    if (toast.kind === 'error' || held || busy) return;
    const timer = setTimeout(onClose, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, held, busy, onClose]);

  const undoable = toast.change !== undefined;
  useUndoShortcut(undoable && !busy, onUndo);

  const style = position ? { top: position.top, left: position.left } : undefined;
  return (
    <div
      ref={ref}
      className={`agenda-toast agenda-toast--${toast.kind} ${position ? '' : 'agenda-toast--docked'}`}
      style={style}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setHeld(false);
      }}
    >
      <p className="agenda-toast__text">{toast.text}</p>
      <div className="agenda-toast__actions">
        {undoable ? (
          <button
            type="button"
            className="button button--small"
            onClick={onUndo}
            // Not `disabled`: a disabled button drops the focus, and Laura may be on it (the hook ignores a second press).
            aria-disabled={busy}
            aria-keyshortcuts="Control+Z"
          >
            {busy ? <span className="spinner" aria-hidden="true" /> : null}
            {busy ? t('agenda.toast.undoing') : t('agenda.toast.undo')}
          </button>
        ) : null}
        {undoable && chat !== null ? (
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => onNotify(chat)}
            disabled={busy}
          >
            {t('agenda.notify.button')}
          </button>
        ) : null}
        <button
          type="button"
          className="icon-button agenda-toast__close"
          onClick={onClose}
          aria-label={t('agenda.toast.close')}
          title={t('agenda.toast.close')}
        >
          <CloseIcon />
        </button>
      </div>
    </div>
  );
}

/** The patient's chat, to offer "Avisar al paciente" only when there is one to write to. */
function usePatientChat(patientId: number | null): number | null {
  const [chat, setChat] = useState<{ patientId: number; id: number | null } | null>(null);
  useEffect(() => {
    if (patientId === null) return;
    let cancelled = false;
    agendaApi
      .patient(patientId)
      .then((p) => !cancelled && setChat({ patientId, id: latestConversationId(p) }))
      .catch(() => !cancelled && setChat({ patientId, id: null }));
    return () => {
      cancelled = true;
    };
  }, [patientId]);
  return chat && chat.patientId === patientId ? chat.id : null;
}

/** Ctrl+Z (⌘Z) undoes while the toast offers it, unless Laura is typing somewhere. */
function useUndoShortcut(enabled: boolean, undo: () => void) {
  const latest = useRef(undo);
  latest.current = undo;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'z') return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable], dialog')) return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
