import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../agenda/api/agenda';
import type { Patient } from '../../../shared/api/types';
import { Dialog, DialogActions } from '../../../shared/components/Dialog';
import { agendaError } from '../../agenda/errors';
import { draftBody, emptyDraft, PatientFields, patientFieldLabels, type PatientDraft } from './PatientFields';

export function NewPatientDialog({ onClose, onCreated }: { onClose(): void; onCreated(p: Patient): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<PatientDraft>(emptyDraft);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameMissing, setNameMissing] = useState(false);

  async function submit() {
    setError(null);
    if (!draft.displayName.trim()) return setNameMissing(true);
    setSaving(true);
    try {
      onCreated(await agendaApi.createPatient(draftBody(draft)));
    } catch (e) {
      setError(agendaError(t, e, patientFieldLabels(t)));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      title={t('agenda.patients.newTitle')}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={saving}
      actions={
        <DialogActions
          submitLabel={t('agenda.patients.create')}
          busyLabel={t('settings.saving')}
          busy={saving}
          error={error}
          onCancel={onClose}
        />
      }
    >
      <PatientFields
        value={draft}
        onChange={(d) => {
          setDraft(d);
          if (d.displayName.trim()) setNameMissing(false);
        }}
        nameMissing={nameMissing}
      />
    </Dialog>
  );
}
