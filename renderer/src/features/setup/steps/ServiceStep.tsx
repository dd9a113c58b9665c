import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../agenda/api/agenda';
import { activePractitioners, useClinic } from '../../settings/store/clinic';
import { useSettings } from '../../settings/store/settings';
import { parsePrice } from '../../settings/components/clinic/money';
import { TextField } from '../../../shared/components/TextField';
import { useStepForm, type StepProps } from './step';

const DURATIONS = [15, 20, 30, 45, 60, 90, 120];

/** One service (name, duration, price), done by the practitioners there are; the rest is in Ajustes › Servicios. */
export function ServiceStep({ formId, next }: StepProps) {
  const { t } = useTranslation();
  const id = useId();
  const services = useClinic((s) => s.services) ?? [];
  const practitioners = activePractitioners(useClinic((s) => s.practitioners));
  const currency = String(useSettings((s) => s.values?.['clinic.currency']) ?? 'ARS');
  const [name, setName] = useState('');
  const [duration, setDuration] = useState(30);
  const [price, setPrice] = useState('');

  useEffect(() => {
    void useClinic.getState().load('services');
    void useClinic.getState().load('practitioners');
  }, []);

  const { onSubmit, feedback } = useStepForm(async () => {
    if (!name.trim() && services.length > 0) return;
    const priceCents = parsePrice(price) ?? 0;
    const service = await agendaApi.createService({
      name: name.trim(),
      durationMinutes: duration,
      priceCents,
      currency,
      practitionerIds: practitioners.map((p) => p.id),
    });
    useClinic.getState().putService(service);
  }, next);

  return (
    <form id={formId} onSubmit={(e) => void onSubmit(e)} noValidate>
      <p className="hint">{t('setup.service.intro')}</p>
      {services.length ? <p>{t('setup.service.already', { names: services.map((s) => s.name).join(', ') })}</p> : null}
      <TextField
        id={`${id}-name`}
        label={t('setup.service.name')}
        placeholder={t('setup.service.namePlaceholder')}
        value={name}
        maxLength={200}
        data-autofocus
        onChange={(e) => setName(e.target.value)}
      />
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-duration`}>{t('setup.service.duration')}</label>
          <select id={`${id}-duration`} value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
            {DURATIONS.map((m) => (
              <option key={m} value={m}>
                {t('agenda.clinic.minutes', { count: m })}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id={`${id}-price`}
          label={t('setup.service.price', { currency })}
          inputMode="decimal"
          value={price}
          maxLength={20}
          onChange={(e) => setPrice(e.target.value)}
        />
      </div>
      {feedback}
    </form>
  );
}
