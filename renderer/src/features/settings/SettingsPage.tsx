import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiKeySection } from './components/ApiKeySection';
import { AssistantSettings } from './components/assistant/AssistantSettings';
import { UsageSettings } from './components/usage/UsageSettings';
import { LanguageSection } from './components/LanguageSection';
import { ThemeSection } from './components/ThemeSection';
import { LanAccessSection } from './components/LanAccessSection';
import { PublicAddressSection } from './components/PublicAddressSection';
import type { SettingsView } from '../../shared/api/types';
import { errorMessage } from '../../lib/errors';
import { useSettingsDraft } from '../../lib/settings-draft';
import { useSettings } from './store/settings';
import { SaveBar } from '../../shared/components/SaveBar';
import { Link } from '../../shared/components/Link';
import { NotificationSettings } from '../../app/banners/NotificationBanner';
import { ClinicSettings } from './components/clinic/ClinicSettings';
import { SettingsTabs, useSettingsSection } from './components/SettingsTabs';
import { clinicSettingsPath } from './sections';
import { BackupSettings } from './components/backups/BackupSettings';
import { ReminderSettings } from './components/reminders/ReminderSettings';
import { IntegrationsSettings } from './components/integrations/IntegrationsSettings';
import { SetupSection } from '../setup/SetupSection';

// The assistant's name and the AI provider live in Ajustes › Asistente (components/assistant);
// the clinic's name, time zone, hours and contact details in Ajustes › Clínica (one place each).
type FieldKey = 'clinic.profile';
const FIELD_KEYS: FieldKey[] = ['clinic.profile'];

type Draft = Record<FieldKey, string>;

/** The profile keeps its spacing. */
const toValue = (_k: FieldKey, v: string) => v;

const toDraft = (values: SettingsView): Draft =>
  Object.fromEntries(FIELD_KEYS.map((k) => [k, typeof values[k] === 'string' ? (values[k] as string) : ''])) as Draft;

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
      {section === 'backups' ? (
        <BackupSettings />
      ) : section === 'reminders' ? (
        <ReminderSettings />
      ) : section === 'integrations' ? (
        <IntegrationsSettings />
      ) : section !== 'general' ? (
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
          {values ? <SetupSection values={values} /> : null}
          {values ? <SettingsForm values={values} /> : null}
          {values ? <AssistantSettings values={values} /> : null}
          {values ? <UsageSettings values={values} /> : null}
          <ApiKeySection />
          {values ? <LanguageSection value={values['ui.language']} /> : null}
          {values ? <ThemeSection value={values['ui.theme']} /> : null}
          <LanAccessSection />
          {values ? <PublicAddressSection value={values['network.publicUrl']} /> : null}
          <NotificationSettings />
        </>
      )}
    </div>
  );
}

function SettingsForm({ values }: { values: SettingsView }) {
  const { t } = useTranslation();
  const id = useId();
  const labels: Record<FieldKey, string> = { 'clinic.profile': t('settings.profile') };
  const { draft, status, changed, update, save, discard } = useSettingsDraft(values, {
    keys: FIELD_KEYS,
    toDraft,
    toValue,
    labels,
  });

  return (
    <form className="settings-form" onSubmit={(e) => void save(e)}>
      <section className="card" aria-labelledby={`${id}-clinic`}>
        <h2 id={`${id}-clinic`}>{t('settings.clinicSection')}</h2>
        <p className="hint">
          {t('settings.clinicElsewhere')}{' '}
          <Link to={clinicSettingsPath('clinic')}>{t('settings.clinicElsewhereLink')}</Link>
        </p>
        <div className="field">
          <label htmlFor={`${id}-profile`}>{labels['clinic.profile']}</label>
          <textarea
            id={`${id}-profile`}
            value={draft['clinic.profile']}
            onChange={(e) => update({ 'clinic.profile': e.target.value })}
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
        labels={{
          save: t('settings.save'),
          saving: t('settings.saving'),
          discard: t('settings.discard'),
          saved: t('settings.saved'),
          unsaved: t('settings.unsaved'),
        }}
      />
    </form>
  );
}
