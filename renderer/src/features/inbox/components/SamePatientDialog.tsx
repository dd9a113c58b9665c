import { useState } from 'react';
import { useAgendaAction } from '../../agenda/hooks/use-agenda-action';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../agenda/api/agenda';
import { PatientPicker } from '../../patients/components/PatientPicker';
import type { Patient, PatientDetail } from '../../../shared/api/types';
import { Dialog, DialogActions } from '../../../shared/components/Dialog';

/**
 * "Es el mismo paciente que…": the contact writing in this chat (an Instagram or Facebook
 * account, another number) is a patient the clinic already has. The chat's own record is
 * joined to the one chosen, through the same merge as Pacientes › Unir duplicado, so the
 * chat, its visits and its channels now belong to that patient.
 */
export function SamePatientDialog({
  contactName,
  chatPatientId,
  onClose,
  onLinked,
}: {
  contactName: string;
  chatPatientId: number;
  onClose(): void;
  onLinked(patient: PatientDetail): void;
}) {
  const { t } = useTranslation();
  const [patient, setPatient] = useState<Patient | null>(null);
  const { busy, error, setError, run } = useAgendaAction();

  function link() {
    if (!patient) return setError(t('thread.samePatient.pickFirst'));
    return run(async () => onLinked(await agendaApi.mergePatients(patient.id, chatPatientId)));
  }

  return (
    <Dialog
      title={t('thread.samePatient.title', { name: contactName })}
      onClose={onClose}
      onSubmit={() => void link()}
      busy={busy}
      actions={
        <DialogActions
          submitLabel={t('thread.samePatient.confirm')}
          busyLabel={t('thread.samePatient.confirm')}
          busy={busy}
          error={error}
          onCancel={onClose}
          disabled={!patient}
        />
      }
    >
      <p className="hint">{t('thread.samePatient.intro')}</p>
      <PatientPicker
        label={t('thread.samePatient.pick')}
        value={patient}
        onChange={setPatient}
        excludeId={chatPatientId}
        autoFocus
      />
      {patient ? (
        <p className="notice" role="status">
          {t('thread.samePatient.result', { contact: contactName, name: patient.displayName })}
        </p>
      ) : null}
    </Dialog>
  );
}
