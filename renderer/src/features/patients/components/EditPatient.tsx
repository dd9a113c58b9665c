// A patient's contact details, edited in place on the patient's page.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientDetail } from '../../../shared/api/types';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { agendaApi } from '../../agenda/api/agenda';
import { agendaError } from '../../agenda/errors';
import { usePatients } from '../store/patients';
import { draftBody, PatientFields, patientFieldLabels, type PatientDraft } from './PatientFields';

const toDraft = (p: PatientDetail): PatientDraft => ({
  displayName: p.displayName,
  phone: p.phone ?? '',
  email: p.email ?? '',
  birthDate: p.birthDate ?? '',
  notes: p.notes,
});

export function EditPatient({ detail, onDone }: { detail: PatientDetail; onDone(saved: boolean): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => toDraft(detail));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameMissing, setNameMissing] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!draft.displayName.trim()) return setNameMissing(true);
    setSaving(true);
    try {
      const saved = await agendaApi.updatePatient(detail.id, draftBody(draft));
      usePatients.getState().putPatient(saved);
      await usePatients.getState().loadDetail(detail.id);
      onDone(true);
    } catch (err) {
      setError(agendaError(t, err, patientFieldLabels(t)));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="subform"
      onSubmit={(e) => void save(e)}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !saving) onDone(false);
      }}
    >
      <PatientFields
        value={draft}
        onChange={(d) => {
          setDraft(d);
          if (d.displayName.trim()) setNameMissing(false);
        }}
        nameMissing={nameMissing}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? <span className="spinner" aria-hidden="true" /> : null}
          {saving ? t('settings.saving') : t('agenda.patients.save')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => onDone(false)} disabled={saving}>
          {t('agenda.dialog.cancel')}
        </button>
      </div>
      <FormFeedback message={null} error={error} />
    </form>
  );
}
