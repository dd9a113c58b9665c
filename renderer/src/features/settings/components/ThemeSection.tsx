import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors';
import { applyTheme, isTheme, THEMES, type Theme } from '../../../lib/theme';
import { useSettings } from '../store/settings';
import { FormFeedback } from '../../../shared/components/FormFeedback';

/** Claro / Oscuro / Como el sistema: applied at once and saved (the `ui.theme` setting), like the language. */
export function ThemeSection({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const id = useId();
  const saved: Theme = isTheme(value) ? value : 'system';
  // The choice shows at once; the saved setting takes over once the save is back.
  const [choice, setChoice] = useState<Theme | null>(null);
  const current = choice ?? saved;
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });

  async function change(theme: Theme) {
    if (theme === current) return;
    const previous = current;
    applyTheme(theme); // at once: the save follows
    setChoice(theme);
    setStatus({ kind: 'saving' });
    try {
      await useSettings.getState().save({ 'ui.theme': theme });
      setStatus({ kind: 'saved' });
    } catch (err) {
      applyTheme(previous);
      setStatus({ kind: 'error', message: errorMessage(t, err) });
    } finally {
      setChoice(null);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.themeSection')}</h2>
      <fieldset className="choice-group" disabled={status.kind === 'saving'}>
        <legend className="sr-only">{t('settings.themeSection')}</legend>
        {THEMES.map((theme) => (
          <label key={theme} className="choice">
            <input
              type="radio"
              name={`${id}-theme`}
              value={theme}
              checked={current === theme}
              onChange={() => void change(theme)}
            />
            <span className="choice__label">{t(`settings.themes.${theme}`)}</span>
          </label>
        ))}
      </fieldset>
      <p className="hint">{t('settings.themeHint')}</p>
      <FormFeedback
        message={
          status.kind === 'saving' ? t('settings.saving') : status.kind === 'saved' ? t('settings.themeSaved') : null
        }
        error={status.kind === 'error' ? status.message : null}
      />
    </section>
  );
}
