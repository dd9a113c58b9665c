import { useState } from 'react';
import { useAgendaAction } from '../../agenda/hooks/use-agenda-action';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../agenda/api/agenda';
import type { Patient, PatientDetail } from '../../../shared/api/types';
import { Dialog, DialogActions } from '../../../shared/components/Dialog';
import { formatPhone } from '../../../lib/phone';
import { PatientPicker } from './PatientPicker';

/** Two records of one person (wrote from WhatsApp and Instagram, or was typed twice): keep this one. */
export function MergeDialog({
  patient,
  onClose,
  onMerged,
}: {
  patient: PatientDetail;
  onClose(): void;
  onMerged(result: PatientDetail, duplicateName: string): void;
}) {
  const { t } = useTranslation();
  const [duplicate, setDuplicate] = useState<Patient | null>(null);
  const { busy, error, setError, run } = useAgendaAction();

  function merge() {
    if (!duplicate) return setError(t('agenda.patients.merge.pickFirst'));
    return run(async () => onMerged(await agendaApi.mergePatients(patient.id, duplicate.id), duplicate.displayName));
  }

  const describe = (p: Patient) =>
    [
      p.phone ? formatPhone(p.phone) : null,
      p.email,
      t('agenda.patients.merge.identities', { count: p.identities.length }),
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <Dialog
      title={t('agenda.patients.merge.title', { name: patient.displayName })}
      onClose={onClose}
      onSubmit={() => void merge()}
      busy={busy}
      actions={
        <DialogActions
          submitLabel={t('agenda.patients.merge.confirm')}
          busyLabel={t('agenda.patients.merge.confirm')}
          busy={busy}
          error={error}
          onCancel={onClose}
          danger
          disabled={!duplicate}
        />
      }
    >
      <p className="hint">{t('agenda.patients.merge.intro')}</p>
      <PatientPicker
        label={t('agenda.patients.merge.duplicate')}
        value={duplicate}
        onChange={setDuplicate}
        excludeId={patient.id}
        autoFocus
      />
      {duplicate ? (
        <div className="merge-preview" role="status">
          <p>
            <strong>{t('agenda.patients.merge.keep')}</strong> {patient.displayName}{' '}
            <span className="muted">({describe(patient)})</span>
          </p>
          <p>
            <strong>{t('agenda.patients.merge.remove')}</strong> {duplicate.displayName}{' '}
            <span className="muted">({describe(duplicate)})</span>
          </p>
          <p className="notice notice--warn">
            {t('agenda.patients.merge.warning', { duplicate: duplicate.displayName, name: patient.displayName })}
          </p>
        </div>
      ) : null}
    </Dialog>
  );
}
