import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/api/types';
import { useSettingsDraft } from '../../../../lib/settings-draft';
import { SaveBar } from '../../../../shared/components/SaveBar';
import { useSettings } from '../../store/settings';

type Key = 'sla.thresholdMinutes' | 'sla.onlyOpeningHours';
const KEYS: Key[] = ['sla.thresholdMinutes', 'sla.onlyOpeningHours'];

// The draft holds text fields; the checkbox is 'true' / 'false'.
const toDraft = (v: SettingsView): Record<Key, string> => ({
  'sla.thresholdMinutes': String(v['sla.thresholdMinutes']),
  'sla.onlyOpeningHours': String(v['sla.onlyOpeningHours']),
});
const toValue = (k: Key, text: string) => (k === 'sla.thresholdMinutes' ? Number(text) : text === 'true');

/**
 * The handoff SLA watch's settings (main/automations/sla/settings.ts), next to the
 * integrations it alerts: how long a chat may wait for a person, and whether the night counts.
 */
export function SlaSettings() {
  const values = useSettings((s) => s.values);
  useEffect(() => {
    if (!useSettings.getState().values) void useSettings.getState().load();
  }, []);
  return values ? <SlaForm values={values} /> : null;
}

function SlaForm({ values }: { values: SettingsView }) {
  const { t } = useTranslation();
  const id = useId();
  const { draft, status, changed, update, save, discard } = useSettingsDraft(values, {
    keys: KEYS,
    toDraft,
    toValue,
    labels: { 'sla.thresholdMinutes': t('slaSettings.threshold') },
  });

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <section className="card" aria-labelledby={`${id}-title`} id="chats-que-esperan">
        <h2 id={`${id}-title`}>{t('slaSettings.section')}</h2>
        <p className="hint">{t('slaSettings.intro')}</p>
        <div className="field">
          <label htmlFor={`${id}-minutes`}>{t('slaSettings.threshold')}</label>
          <input
            id={`${id}-minutes`}
            type="number"
            min={1}
            max={1440}
            value={draft['sla.thresholdMinutes']}
            onChange={(e) => update({ 'sla.thresholdMinutes': e.target.value })}
            aria-describedby={`${id}-minutes-hint`}
          />
          <p className="hint" id={`${id}-minutes-hint`}>
            {t('slaSettings.thresholdHint')}
          </p>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={draft['sla.onlyOpeningHours'] === 'true'}
            onChange={(e) => update({ 'sla.onlyOpeningHours': String(e.target.checked) })}
            aria-describedby={`${id}-open-hint`}
          />
          {t('slaSettings.onlyOpen')}
        </label>
        <p className="hint" id={`${id}-open-hint`}>
          {t('slaSettings.onlyOpenHint')}
        </p>
        <SaveBar
          status={status}
          dirty={changed.length > 0}
          onDiscard={discard}
          labels={{
            save: t('slaSettings.save'),
            saving: t('slaSettings.saving'),
            discard: t('settings.discard'),
            saved: t('slaSettings.saved'),
            unsaved: t('settings.unsaved'),
          }}
        />
      </section>
    </form>
  );
}
