import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../agenda/api/agenda';
import { activePractitioners, useClinic } from '../../settings/store/clinic';
import { PALETTE } from '../../settings/components/clinic/PractitionerDialog';
import { TextField } from '../../../shared/components/TextField';
import { useStepForm, type StepProps } from './step';

/** One practitioner (name and specialty); the rest of the team, hours and colours are in Ajustes › Profesionales. */
export function PractitionerStep({ formId, next }: StepProps) {
  const { t } = useTranslation();
  const id = useId();
  const team = activePractitioners(useClinic((s) => s.practitioners));
  const [name, setName] = useState('');
  const [specialty, setSpecialty] = useState('');

  useEffect(() => {
    void useClinic.getState().load('practitioners');
  }, []);

  const { onSubmit, feedback } = useStepForm(async () => {
    // Nothing typed and someone already there: going on is enough.
    if (!name.trim() && team.length > 0) return;
    const color = PALETTE[team.length % PALETTE.length] ?? '#1c6b62';
    useClinic.getState().putPractitioner(await agendaApi.createPractitioner({ name: name.trim(), specialty, color }));
  }, next);

  return (
    <form id={formId} onSubmit={(e) => void onSubmit(e)} noValidate>
      <p className="hint">{t('setup.practitioner.intro')}</p>
      {team.length ? <p>{t('setup.practitioner.already', { names: team.map((p) => p.name).join(', ') })}</p> : null}
      <div className="field-row">
        <TextField
          id={`${id}-name`}
          label={t('setup.practitioner.name')}
          placeholder={t('setup.practitioner.namePlaceholder')}
          value={name}
          maxLength={200}
          data-autofocus
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          id={`${id}-specialty`}
          label={t('setup.practitioner.specialty')}
          value={specialty}
          maxLength={200}
          onChange={(e) => setSpecialty(e.target.value)}
        />
      </div>
      {feedback}
    </form>
  );
}
