import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../settings/store/settings';
import { useStepForm, type StepProps } from './step';

const TONES = ['voseo', 'tu', 'usted'] as const;
type Tone = (typeof TONES)[number];

/** Voseo, tuteo or usted, with an example of each (the same choice as Ajustes › Asistente). */
export function ToneStep({ formId, next }: StepProps) {
  const { t } = useTranslation();
  const id = useId();
  const saved = useSettings((s) => s.values?.['assistant.tone']);
  const [tone, setTone] = useState<Tone>(TONES.find((x) => x === saved) ?? 'voseo');
  const { onSubmit, feedback } = useStepForm(() => useSettings.getState().save({ 'assistant.tone': tone }), next);

  return (
    <form id={formId} onSubmit={(e) => void onSubmit(e)} noValidate>
      <p className="hint">{t('setup.tone.intro')}</p>
      <fieldset className="setup-choices">
        <legend>{t('assistant.tone')}</legend>
        {TONES.map((x) => (
          <label key={x} className="setup-choice" htmlFor={`${id}-${x}`}>
            <input
              id={`${id}-${x}`}
              type="radio"
              name={`${id}-tone`}
              value={x}
              checked={tone === x}
              onChange={() => setTone(x)}
            />
            <span>
              <strong>{t(`assistant.tones.${x}`)}</strong>{' '}
              <span className="muted">{t(`assistant.tones.${x}Example`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {feedback}
    </form>
  );
}
