// Ajustes › Recordatorios: what happens when a reminder is not delivered (the `delivery.*`
// settings, issue 17): reception's "Para llamar", or the reminder template through YCloud —
// offered only once YCloud is set up and a reminder template is chosen on its card.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/api/types';
import { FormFeedback } from '../../../../shared/components/FormFeedback';
import { errorMessage } from '../../../../lib/errors';
import { formatUsd } from '../../../../lib/template-cost';
import { Link } from '../../../../shared/components/Link';
import { useSettings } from '../../store/settings';

type Fallbacks = SettingsView['delivery.fallbacks'];
type Channel = keyof Fallbacks;
const CHANNELS: Channel[] = ['whatsapp', 'ycloud', 'evolution', 'chatwoot'];
const OPTIONS = ['call_list', 'template'] as const;

/** Why the template cannot be chosen yet, or null when it can. */
export function templateUnavailable(values: SettingsView): 'noYCloud' | 'noTemplate' | null {
  if (!values['ycloud.phoneNumber']) return 'noYCloud';
  return values['ycloud.templates']?.reminder ? null : 'noTemplate';
}

export function DeliverySettings({ values }: { values: SettingsView }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [timeout, setTimeoutMinutes] = useState(String(values['delivery.timeoutMinutes']));
  const [fallbacks, setFallbacks] = useState<Fallbacks>(values['delivery.fallbacks']);
  const [cost, setCost] = useState(String(values['delivery.templateCostUsd']));
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const unavailable = templateUnavailable(values);
  const price = formatUsd(Number(values['delivery.templateCostUsd']), i18n.language);

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
      <p className="hint">{t('callList.settings.qrTradeOff')}</p>
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
              aria-describedby={unavailable ? `${id}-template-why` : undefined}
            >
              {OPTIONS.map((option) => (
                <option key={option} value={option} disabled={option === 'template' && unavailable !== null}>
                  {option === 'template'
                    ? t('callList.settings.options.templateCost', { price })
                    : t(`callList.settings.options.${option}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      {unavailable ? (
        <p id={`${id}-template-why`} className="hint">
          {t(`callList.settings.${unavailable}`)} <Link to="/canales">{t('callList.settings.toChannels')}</Link>
        </p>
      ) : (
        <p className="hint">{t('callList.settings.templateReady')}</p>
      )}
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
