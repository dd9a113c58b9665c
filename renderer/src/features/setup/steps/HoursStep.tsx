import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../agenda/api/agenda';
import { useClinic } from '../../settings/store/clinic';
import { byDay, dayProblem, toWeekly, type HoursByDay } from '../../settings/components/clinic/hours';
import { WeeklyHoursEditor } from '../../settings/components/clinic/WeeklyHoursEditor';
import { useStepForm, type StepProps } from './step';

/** The opening hours, with the editor of Ajustes › Clínica; saved with the rest of the clinic profile. */
export function HoursStep({ formId, next }: StepProps) {
  const { t } = useTranslation();
  const profile = useClinic((s) => s.profile);
  const [hours, setHours] = useState<HoursByDay | null>(profile ? byDay(profile.openingHours) : null);

  useEffect(() => {
    if (!profile) void useClinic.getState().load('clinic');
    else setHours((h) => h ?? byDay(profile.openingHours));
  }, [profile]);

  const { onSubmit, feedback } = useStepForm(async () => {
    if (!hours) return;
    if (hours.some((d) => dayProblem(d) !== null)) return t('agenda.clinic.hours.fixFirst');
    const current = profile ?? (await agendaApi.clinic());
    useClinic.getState().setProfile(await agendaApi.saveClinic({ ...current, openingHours: toWeekly(hours) }));
  }, next);

  return (
    <form id={formId} onSubmit={(e) => void onSubmit(e)} noValidate>
      <p className="hint">{t('setup.hours.intro')}</p>
      {hours ? (
        <WeeklyHoursEditor label={t('agenda.clinic.profile.hoursTitle')} value={hours} onChange={setHours} />
      ) : (
        <p>{t('app.loading')}</p>
      )}
      {feedback}
    </form>
  );
}
