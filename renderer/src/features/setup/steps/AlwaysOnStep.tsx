import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../settings/store/settings';
import { useStepForm, type StepProps } from './step';

/** Open at login (to the tray) and keep the PC awake while a channel is connected: both on by default. */
export function AlwaysOnStep({ formId, next }: StepProps) {
  const { t } = useTranslation();
  const id = useId();
  const values = useSettings((s) => s.values);
  const [openAtLogin, setOpenAtLogin] = useState(values?.['desktop.openAtLogin'] !== false);
  const [keepAwake, setKeepAwake] = useState(values?.['desktop.keepAwake'] !== false);
  const desktop = Boolean((window as { recepta?: unknown }).recepta);
  const { onSubmit, feedback } = useStepForm(
    () => useSettings.getState().save({ 'desktop.openAtLogin': openAtLogin, 'desktop.keepAwake': keepAwake }),
    next,
  );

  return (
    <form id={formId} onSubmit={(e) => void onSubmit(e)} noValidate>
      <p className="hint">{t('setup.alwaysOn.intro')}</p>
      <div className="setup-choices">
        <label className="setup-choice" htmlFor={`${id}-login`}>
          <input
            id={`${id}-login`}
            type="checkbox"
            checked={openAtLogin}
            onChange={(e) => setOpenAtLogin(e.target.checked)}
          />
          <span>{t('setup.alwaysOn.openAtLogin')}</span>
        </label>
        <label className="setup-choice" htmlFor={`${id}-awake`}>
          <input
            id={`${id}-awake`}
            type="checkbox"
            checked={keepAwake}
            onChange={(e) => setKeepAwake(e.target.checked)}
          />
          <span>{t('setup.alwaysOn.keepAwake')}</span>
        </label>
      </div>
      {desktop ? null : <p className="hint">{t('setup.alwaysOn.browserNote')}</p>}
      {feedback}
    </form>
  );
}
