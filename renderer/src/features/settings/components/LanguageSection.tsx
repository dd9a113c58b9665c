import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLanguage, isLanguage, LANGUAGES, type Language } from '../../../i18n';
import { errorMessage } from '../../../lib/errors';
import { useSettings } from '../store/settings';
import { FormFeedback } from '../../../shared/components/FormFeedback';

/** The interface language; saved the moment it changes (it is the `ui.language` setting). */
export function LanguageSection({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const id = useId();
  const current: Language = isLanguage(value) ? value : 'es';
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });

  async function change(lang: string) {
    if (!isLanguage(lang) || lang === current) return;
    const previous = current;
    applyLanguage(lang); // at once: the save follows
    setStatus({ kind: 'saving' });
    try {
      await useSettings.getState().save({ 'ui.language': lang });
      setStatus({ kind: 'saved' });
    } catch (err) {
      applyLanguage(previous);
      setStatus({ kind: 'error', message: errorMessage(t, err) });
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.languageSection')}</h2>
      <div className="field">
        <label htmlFor={`${id}-lang`}>{t('settings.language')}</label>
        <select
          id={`${id}-lang`}
          value={current}
          onChange={(e) => void change(e.target.value)}
          disabled={status.kind === 'saving'}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`settings.languages.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <FormFeedback
        message={
          status.kind === 'saving' ? t('settings.saving') : status.kind === 'saved' ? t('settings.languageSaved') : null
        }
        error={status.kind === 'error' ? status.message : null}
      />
    </section>
  );
}
