import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiKeySection } from '../components/ApiKeySection';
import { AssistantSettings } from '../components/assistant/AssistantSettings';
import { UsageSettings } from '../components/usage/UsageSettings';
import { LanguageSection } from '../components/LanguageSection';
import type { SettingsView } from '../api/types';
import { errorMessage } from '../lib/errors';
import { useSettingsDraft } from '../lib/settings-draft';
import { useSettings } from '../store/settings';
import { SaveBar } from '../components/SaveBar';
import { TextField } from '../components/TextField';
import { NotificationSettings } from '../components/NotificationBanner';
import { ClinicSettings } from '../components/clinic/ClinicSettings';
import { SettingsTabs, useSettingsSection } from '../components/clinic/SettingsTabs';

// The assistant's name and the AI provider live in Ajustes › Asistente (components/assistant).
type FieldKey = 'clinic.name' | 'clinic.timeZone' | 'clinic.profile';
const FIELD_KEYS: FieldKey[] = ['clinic.name', 'clinic.timeZone', 'clinic.profile'];

type Draft = Record<FieldKey, string>;

/** The profile keeps its spacing; one-line fields are trimmed. */
const toValue = (k: FieldKey, v: string) => (k === 'clinic.profile' ? v : v.trim());

const toDraft = (values: SettingsView): Draft =>
  Object.fromEntries(FIELD_KEYS.map((k) => [k, typeof values[k] === 'string' ? (values[k] as string) : ''])) as Draft;

function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    /* older engines: the current zone only */
  }
  return zones.includes(current) ? zones : [current, ...zones];
}

export function SettingsPage() {
  const { t } = useTranslation();
  const values = useSettings((s) => s.values);
  const loadError = useSettings((s) => s.loadError);
  const section = useSettingsSection();

  useEffect(() => {
    void useSettings.getState().load();
    void useSettings.getState().loadSecrets();
  }, []);

  return (
    <div className="settings-page">
      <header className="page-head">
        <h1 tabIndex={-1}>{t('settings.title')}</h1>
        <p className="muted">{t('settings.intro')}</p>
      </header>
      <SettingsTabs />
      {section !== 'general' ? (
        <ClinicSettings section={section} />
      ) : (
        <>
      {!values && !loadError ? <p>{t('app.loading')}</p> : null}
      {!values && loadError ? (
        <div className="card">
          <p className="form-error">{`${t('settings.loadError')} ${errorMessage(t, loadError)}`}</p>
          <button type="button" className="button" onClick={() => void useSettings.getState().load()}>
            {t('app.retry')}
          </button>
        </div>
      ) : null}
      {values ? <SettingsForm values={values} /> : null}
      {values ? <AssistantSettings values={values} /> : null}
      {values ? <UsageSettings values={values} /> : null}
      <ApiKeySection />
      {values ? <LanguageSection value={values['ui.language']} /> : null}
      <NotificationSettings />
        </>
      )}
    </div>
  );
}

function SettingsForm({ values }: { values: SettingsView }) {
  const { t } = useTranslation();
  const id = useId();
  const labels: Record<FieldKey, string> = {
    'clinic.name': t('settings.clinicName'),
    'clinic.timeZone': t('settings.timeZone'),
    'clinic.profile': t('settings.profile'),
  };
  const { draft, status, changed, update, save, discard } = useSettingsDraft(values, { keys: FIELD_KEYS, toDraft, toValue, labels });
  const zones = useMemo(() => timeZones(draft['clinic.timeZone']), [draft]);
  const set = (k: FieldKey) => (e: { target: { value: string } }) => update({ [k]: e.target.value });

  const field = (k: FieldKey, extra: { hint?: string; type?: string; required?: boolean; maxLength?: number } = {}) => (
    <TextField id={`${id}-${k}`} label={labels[k]} value={draft[k]} onChange={set(k)} spellCheck={extra.type === 'url' ? false : undefined} {...extra} />
  );

  return (
    <form className="settings-form" onSubmit={(e) => void save(e)}>
      <section className="card" aria-labelledby={`${id}-clinic`}>
        <h2 id={`${id}-clinic`}>{t('settings.clinicSection')}</h2>
        {field('clinic.name', { maxLength: 120 })}
        <div className="field">
          <label htmlFor={`${id}-tz`}>{labels['clinic.timeZone']}</label>
          <select id={`${id}-tz`} value={draft['clinic.timeZone']} onChange={set('clinic.timeZone')} aria-describedby={`${id}-tz-hint`}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          <p id={`${id}-tz-hint`} className="hint">
            {t('settings.timeZoneHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-profile`}>{labels['clinic.profile']}</label>
          <textarea
            id={`${id}-profile`}
            value={draft['clinic.profile']}
            onChange={set('clinic.profile')}
            rows={12}
            maxLength={20_000}
            aria-describedby={`${id}-profile-hint`}
          />
          <p id={`${id}-profile-hint`} className="hint">
            {t('settings.profileHint')}
          </p>
        </div>
      </section>
      <SaveBar
        status={status}
        dirty={changed.length > 0}
        onDiscard={discard}
        labels={{ save: t('settings.save'), saving: t('settings.saving'), discard: t('settings.discard'), saved: t('settings.saved'), unsaved: t('settings.unsaved') }}
      />
    </form>
  );
}
