// Ajustes: what happens when a reminder is not delivered (the `delivery.*` settings, issue 17).
// Self-contained, so it can move to Ajustes › Recordatorios once that page exists.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../shared/api/types';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { errorMessage } from '../../../lib/errors';
import { useSettings } from '../../settings/store/settings';

type Fallbacks = SettingsView['delivery.fallbacks'];
type Channel = keyof Fallbacks;
const CHANNELS: Channel[] = ['whatsapp', 'ycloud', 'evolution', 'chatwoot'];
const OPTIONS = ['call_list', 'template'] as const;

export function DeliverySettings({ values }: { values: SettingsView }) {
  const { t } = useTranslation();
  const id = useId();
  const [timeout, setTimeoutMinutes] = useState(String(values['delivery.timeoutMinutes']));
  const [fallbacks, setFallbacks] = useState<Fallbacks>(values['delivery.fallbacks']);
  const [cost, setCost] = useState(String(values['delivery.templateCostUsd']));
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const templateChosen = CHANNELS.some((c) => fallbacks[c] === 'template');
  const templateMapped = Boolean(values['ycloud.templates']?.reminder);

  async function save(e: FormEvent) {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    try {
      await useSettings.getState().save({
        'delivery.timeoutMinutes': Number(timeout),
        'delivery.fallbacks': fallbacks,
        'delivery.templateCostUsd': Number(cost.replace(',', '.')),
      });
      setStatus({ kind: 'saved' });
    } catch (err) {
      setStatus({ kind: 'error', message: errorMessage(t, err) });
    }
  }

  return (
    <form className="card" aria-labelledby={`${id}-title`} onSubmit={(e) => void save(e)}>
      <h2 id={`${id}-title`}>{t('callList.settings.title')}</h2>
      <p className="hint">{t('callList.settings.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-timeout`}>{t('callList.settings.timeout')}</label>
        <input
          id={`${id}-timeout`}
          type="number"
          min={5}
          max={1440}
          step={5}
          value={timeout}
          onChange={(e) => setTimeoutMinutes(e.target.value)}
        />
      </div>
      <fieldset className="field">
        <legend>{t('callList.settings.fallbackLegend')}</legend>
        {CHANNELS.map((channel) => (
          <div key={channel} className="field">
            <label htmlFor={`${id}-${channel}`}>{t(`callList.settings.channels.${channel}`)}</label>
            <select
              id={`${id}-${channel}`}
              value={fallbacks[channel]}
              onChange={(e) => setFallbacks({ ...fallbacks, [channel]: e.target.value as Fallbacks[Channel] })}
            >
              {OPTIONS.map((option) => (
                <option key={option} value={option}>
                  {t(`callList.settings.options.${option}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      {templateChosen ? (
        <>
          <p className="hint">{t('callList.settings.templatePending')}</p>
          {!templateMapped ? <p className="hint">{t('callList.settings.templateMissing')}</p> : null}
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-cost`}>{t('callList.settings.cost')}</label>
        <input
          id={`${id}-cost`}
          type="number"
          min={0}
          max={10}
          step={0.001}
          value={cost}
          onChange={(e) => setCost(e.target.value)}
          aria-describedby={`${id}-cost-hint`}
        />
        <p id={`${id}-cost-hint`} className="hint">
          {t('callList.settings.costHint')}
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={status.kind === 'saving'}>
          {status.kind === 'saving' ? t('callList.settings.saving') : t('callList.settings.save')}
        </button>
      </div>
      <FormFeedback
        message={status.kind === 'saved' ? t('callList.settings.saved') : null}
        error={status.kind === 'error' ? status.message : null}
        ok
      />
    </form>
  );
}
