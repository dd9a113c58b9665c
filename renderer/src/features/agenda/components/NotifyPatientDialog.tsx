import { useEffect, useId, useState } from 'react';
import { useAgendaAction } from '../hooks/use-agenda-action';
import { useTranslation } from 'react-i18next';
import type { Appointment, StaffReplyPreview } from '../../../shared/api/types';
import { Dialog, DialogActions } from '../../../shared/components/Dialog';
import { agendaApi } from '../api/agenda';
import { firstName, type AppointmentChangeKind } from '../notify-text';

interface Props {
  appointment: Appointment;
  /** A move's message confirms the new time: where free text cannot go, the confirmation template does. */
  change: AppointmentChangeKind;
  conversationId: number;
  /** The prefilled message: Laura may edit it before it goes. */
  initialText: string;
  onClose(): void;
  /** `asTemplate`: it went as the YCloud confirmation template (the patient last wrote over 24 h ago). */
  onSent(name: string, asTemplate: boolean): void;
}

/** "Avisar al paciente" after a move or a cancellation: one message, through the chat's outbox. */
export function NotifyPatientDialog({ appointment, change, conversationId, initialText, onClose, onSent }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(initialText);
  const { busy, error, setError, run } = useAgendaAction();
  const name = firstName(appointment.patientName);
  const confirms = change === 'moved' ? appointment.id : undefined;
  // How it will go, shown before she sends: on YCloud, a patient quiet for over 24 hours gets
  // the confirmation template instead of her words (or nothing can go). Unknown (the check
  // failed): the text, as before — the send itself says if WhatsApp refuses it.
  const [preview, setPreview] = useState<StaffReplyPreview | 'checking' | null>('checking');
  useEffect(() => {
    let live = true;
    agendaApi.previewMessage(conversationId, confirms).then(
      (p) => live && setPreview(p),
      () => live && setPreview(null),
    );
    return () => {
      live = false;
    };
  }, [conversationId, confirms]);
  const asTemplate = preview !== 'checking' && preview?.goesAs === 'template' ? preview : null;
  const refused = preview !== 'checking' && preview?.goesAs === 'refused';

  function send() {
    if (refused || preview === 'checking') return;
    if (!asTemplate && !text.trim()) return setError(t('agenda.notify.empty'));
    return run(async () => {
      const sent = await agendaApi.messagePatient(conversationId, asTemplate?.text ?? text.trim(), confirms);
      onSent(name, sent.template !== null);
    });
  }

  return (
    <Dialog
      title={t('agenda.notify.title', { name: appointment.patientName })}
      onClose={onClose}
      onSubmit={() => void send()}
      busy={busy}
      actions={
        <DialogActions
          submitLabel={t(asTemplate ? 'agenda.notify.sendTemplate' : 'agenda.notify.send')}
          busyLabel={t('agenda.notify.sending')}
          busy={busy}
          disabled={refused || preview === 'checking'}
          error={error}
          onCancel={onClose}
        />
      }
    >
      {preview === 'checking' ? (
        <p className="hint" role="status">
          {t('agenda.notify.checking')}
        </p>
      ) : refused ? (
        <p className="form-error" role="alert" data-testid="notify-refused">
          {t('agenda.notify.refused', { name })}
        </p>
      ) : asTemplate ? (
        <div className="field" data-testid="notify-template">
          <p>{t('agenda.notify.asTemplate', { name, template: asTemplate.template })}</p>
          <blockquote className="template-preview">{asTemplate.text}</blockquote>
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('agenda.notify.label')}</label>
          <textarea
            id={`${id}-text`}
            rows={5}
            maxLength={4096}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${id}-hint`}
            data-autofocus
          />
          <p className="hint" id={`${id}-hint`}>
            {t('agenda.notify.hint', { name })}
          </p>
        </div>
      )}
    </Dialog>
  );
}
