// The WhatsApp consent box on a patient's page: the choice shows at once, the saved consent follows.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientDetail } from '../../../shared/api/types';
import { formatDateTime } from '../../../lib/format';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { agendaApi } from '../../agenda/api/agenda';
import { agendaError } from '../../agenda/errors';
import { usePatients } from '../store/patients';

export function PatientConsent({ detail, timeZone }: { detail: PatientDetail; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const given = detail.whatsappConsent;
  // The box shows the choice at once; the saved consent (with its date) follows.
  const [choice, setChoice] = useState<boolean | null>(null);
  async function toggle(next: boolean) {
    setChoice(next);
    setBusy(true);
    setError(null);
    try {
      const saved = await agendaApi.updatePatient(detail.id, { whatsappConsent: next });
      usePatients.getState().putPatient(saved);
      await usePatients.getState().loadDetail(detail.id);
    } catch (e) {
      setError(agendaError(t, e));
    } finally {
      setBusy(false);
      setChoice(null);
    }
  }
  return (
    <div className="consent">
      <label className="check">
        <input
          type="checkbox"
          checked={choice ?? given !== null}
          disabled={busy}
          onChange={(e) => void toggle(e.target.checked)}
        />
        {t('agenda.patients.consent.label')}
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
      </label>
      <p className="hint">
        {given
          ? t('agenda.patients.consent.given', {
              when: formatDateTime(given.at, i18n.language, timeZone),
              channel: given.channel,
            })
          : t('agenda.patients.consent.none')}
      </p>
      <FormFeedback message={null} error={error} />
    </div>
  );
}
