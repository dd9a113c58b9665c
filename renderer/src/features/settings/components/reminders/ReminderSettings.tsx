// Ajustes › Recordatorios: when each reminder goes, its words (with a preview of what the
// patient reads), quiet hours, who gets them on WhatsApp by QR, and "Ejecutar ahora".
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsUpdate, SettingsView } from '../../../../shared/api/types';
import { errorMessage } from '../../../../lib/errors';
import { useSettings } from '../../store/settings';
import { ReminderKindFields } from './ReminderKindFields';
import { RunRemindersNow } from './RunRemindersNow';
import { DeliverySettings } from './DeliverySettings';
import { NoShowsSection } from './NoShowsSection';

export const REMINDER_KINDS = ['early', 'main', 'short'] as const;
export type ReminderKindName = (typeof REMINDER_KINDS)[number];
export type Version = 'voseo' | 'tu' | 'usted' | 'en';

type Draft = Pick<
  SettingsView,
  | 'reminders.enabled'
  | 'reminders.early.enabled'
  | 'reminders.early.offsetHours'
  | 'reminders.early.text'
  | 'reminders.main.enabled'
  | 'reminders.main.offsetHours'
  | 'reminders.main.text'
  | 'reminders.short.enabled'
  | 'reminders.short.offsetHours'
  | 'reminders.short.text'
  | 'reminders.quietStart'
  | 'reminders.quietEnd'
  | 'reminders.onlyExistingChats'
>;
const KEYS = [
  'reminders.enabled',
  ...REMINDER_KINDS.flatMap(
    (k) => [`reminders.${k}.enabled`, `reminders.${k}.offsetHours`, `reminders.${k}.text`] as const,
  ),
  'reminders.quietStart',
  'reminders.quietEnd',
  'reminders.onlyExistingChats',
] as const satisfies readonly (keyof Draft)[];

const pickDraft = (values: SettingsView): Draft => Object.fromEntries(KEYS.map((k) => [k, values[k]])) as Draft;

/** The version a patient gets today: English when the assistant answers in English, else the assistant's tone. */
export function versionInUse(values: SettingsView): Version {
  return values['assistant.replyLanguage'] === 'en' ? 'en' : values['assistant.tone'];
}

export function ReminderSettings() {
  const { t } = useTranslation();
  const values = useSettings((s) => s.values);
  useEffect(() => {
    void useSettings.getState().load();
  }, []);
  if (!values) return <p>{t('app.loading')}</p>;
  return (
    <>
      <ReminderForm values={values} />
      <DeliverySettings values={values} />
      <NoShowsSection values={values} />
    </>
  );
}

function ReminderForm({ values }: { values: SettingsView }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => pickDraft(values));
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const saved = pickDraft(values);
  const changed = KEYS.filter((k) => JSON.stringify(draft[k]) !== JSON.stringify(saved[k]));
  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus({ kind: 'idle' });
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (changed.length === 0) return;
    setStatus({ kind: 'saving' });
    const patch = Object.fromEntries(changed.map((k) => [k, draft[k]])) as SettingsUpdate;
    try {
      await useSettings.getState().save(patch);
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  return (
    <form className="reminders-settings" onSubmit={(e) => void save(e)}>
      <section className="card" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('reminders.title')}</h2>
        <p className="hint">{t('reminders.intro')}</p>
        <label className="check">
          <input
            type="checkbox"
            checked={draft['reminders.enabled']}
            onChange={(e) => update({ 'reminders.enabled': e.target.checked })}
            aria-describedby={`${id}-enabled-hint`}
          />
          {t('reminders.enabled')}
        </label>
        <p className="hint" id={`${id}-enabled-hint`}>
          {t('reminders.enabledHint')}
        </p>
      </section>

      <section className="card" aria-labelledby={`${id}-schedule`}>
        <h2 id={`${id}-schedule`}>{t('reminders.schedule')}</h2>
        {REMINDER_KINDS.map((kind) => (
          <ReminderKindFields
            key={kind}
            kind={kind}
            enabled={draft[`reminders.${kind}.enabled`]}
            offsetHours={draft[`reminders.${kind}.offsetHours`]}
            text={draft[`reminders.${kind}.text`]}
            initialVersion={versionInUse(values)}
            onChange={(patch) =>
              update({
                ...(patch.enabled !== undefined ? { [`reminders.${kind}.enabled`]: patch.enabled } : {}),
                ...(patch.offsetHours !== undefined ? { [`reminders.${kind}.offsetHours`]: patch.offsetHours } : {}),
                ...(patch.text !== undefined ? { [`reminders.${kind}.text`]: patch.text } : {}),
              })
            }
          />
        ))}
      </section>

      <section className="card" aria-labelledby={`${id}-quiet`}>
        <h2 id={`${id}-quiet`}>{t('reminders.quiet')}</h2>
        <p className="hint">{t('reminders.quietHint')}</p>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-quiet-start`}>{t('reminders.quietStart')}</label>
            <input
              id={`${id}-quiet-start`}
              type="time"
              value={draft['reminders.quietStart']}
              onChange={(e) => update({ 'reminders.quietStart': e.target.value })}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-quiet-end`}>{t('reminders.quietEnd')}</label>
            <input
              id={`${id}-quiet-end`}
              type="time"
              value={draft['reminders.quietEnd']}
              onChange={(e) => update({ 'reminders.quietEnd': e.target.value })}
              required
            />
          </div>
        </div>
      </section>

      <section className="card" aria-labelledby={`${id}-who`}>
        <h2 id={`${id}-who`}>{t('reminders.who')}</h2>
        <label className="check">
          <input
            type="checkbox"
            checked={draft['reminders.onlyExistingChats']}
            onChange={(e) => update({ 'reminders.onlyExistingChats': e.target.checked })}
            aria-describedby={`${id}-who-hint`}
          />
          {t('reminders.onlyExistingChats')}
        </label>
        <p className="hint" id={`${id}-who-hint`}>
          {t('reminders.onlyExistingChatsHint')}
        </p>
      </section>

      <div className="reminders-settings__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={changed.length === 0 || status.kind === 'saving'}
        >
          {status.kind === 'saving' ? t('reminders.saving') : t('reminders.save')}
        </button>
        <p role="status" aria-live="polite" className={status.kind === 'error' ? 'form-error' : 'hint'}>
          {status.kind === 'saved' ? t('reminders.saved') : null}
          {status.kind === 'error' ? t('reminders.saveError', { message: status.message }) : null}
        </p>
      </div>
      <RunRemindersNow enabled={values['reminders.enabled']} />
    </form>
  );
}
