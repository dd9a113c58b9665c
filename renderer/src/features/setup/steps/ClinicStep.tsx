import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../settings/store/settings';
import { TextField } from '../../../shared/components/TextField';
import { allZones, likelyZone, LIKELY_ZONES } from '../zones';
import { useStepForm, type StepProps } from './step';

const OTHER = 'other';

/** Name and zone: a short list of the likely zones first, then "Otra zona…" with every IANA zone. */
export function ClinicStep({ formId, next }: StepProps) {
  const { t } = useTranslation();
  const id = useId();
  const values = useSettings((s) => s.values);
  const [name, setName] = useState(String(values?.['clinic.name'] ?? ''));
  const savedZone = String(values?.['clinic.timeZone'] ?? LIKELY_ZONES[0]!.zone);
  const [choice, setChoice] = useState(likelyZone(savedZone) ? savedZone : OTHER);
  const [otherZone, setOtherZone] = useState(savedZone);
  const zones = useMemo(allZones, []);

  const { onSubmit, feedback } = useStepForm(async () => {
    if (!name.trim()) return t('setup.clinic.nameRequired');
    const likely = likelyZone(choice);
    await useSettings.getState().save({
      'clinic.name': name.trim(),
      'clinic.timeZone': likely ? likely.zone : otherZone,
      ...(likely ? { 'clinic.defaultCountry': likely.country, 'clinic.currency': likely.currency } : {}),
    });
  }, next);

  return (
    <form id={formId} onSubmit={(e) => void onSubmit(e)} noValidate>
      <p className="hint">{t('setup.clinic.intro')}</p>
      <TextField
        id={`${id}-name`}
        label={t('setup.clinic.name')}
        value={name}
        maxLength={120}
        required
        data-autofocus
        onChange={(e) => setName(e.target.value)}
      />
      <div className="field">
        <label htmlFor={`${id}-zone`}>{t('setup.clinic.zone')}</label>
        <select
          id={`${id}-zone`}
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          aria-describedby={`${id}-zone-hint`}
        >
          <optgroup label={t('setup.clinic.likely')}>
            {LIKELY_ZONES.map((z) => (
              <option key={z.zone} value={z.zone}>
                {t(`setup.clinic.zones.${z.zone}` as 'setup.clinic.zones.Europe/Madrid')}
              </option>
            ))}
          </optgroup>
          <option value={OTHER}>{t('setup.clinic.other')}</option>
        </select>
        <p className="hint" id={`${id}-zone-hint`}>
          {t('setup.clinic.zoneHint')}
        </p>
      </div>
      {choice === OTHER ? (
        <div className="field">
          <label htmlFor={`${id}-other`}>{t('setup.clinic.otherZone')}</label>
          <select id={`${id}-other`} value={otherZone} onChange={(e) => setOtherZone(e.target.value)}>
            {(zones.includes(otherZone) ? zones : [otherZone, ...zones]).map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {feedback}
    </form>
  );
}
