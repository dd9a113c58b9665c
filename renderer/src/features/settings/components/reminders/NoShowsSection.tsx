import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { FormFeedback } from '../../../../shared/components/FormFeedback';
import { useSettings } from '../../store/settings';

interface Draft {
  grace: string;
  enabled: boolean;
  textEs: string;
  textEn: string;
}

type Values = Record<string, unknown>;

const draftOf = (v: Values): Draft => ({
  grace: String(typeof v['noShows.graceMinutes'] === 'number' ? v['noShows.graceMinutes'] : 15),
  enabled: v['noShows.followUp.enabled'] === true,
  textEs: typeof v['noShows.followUp.textEs'] === 'string' ? v['noShows.followUp.textEs'] : '',
  textEn: typeof v['noShows.followUp.textEn'] === 'string' ? v['noShows.followUp.textEn'] : '',
});

/**
 * The no-shows job's settings (main/automations/no-shows/): the grace after a visit's start
 * and the optional follow-up. Shown in Ajustes › Recordatorios, under the reminders.
 */
export function NoShowsSection({ values }: { values: Values }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(() => draftOf(values));
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  // Reset to what is saved only when a saved value changes (not on every refresh of the settings object).
  const saved = JSON.stringify(draftOf(values));
  useEffect(() => setDraft(JSON.parse(saved) as Draft), [saved]);
  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus({ kind: 'idle' });
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    try {
      await useSettings.getState().save({
        'noShows.graceMinutes': Number(draft.grace),
        'noShows.followUp.enabled': draft.enabled,
        'noShows.followUp.textEs': draft.textEs,
        'noShows.followUp.textEn': draft.textEn,
      });
      setStatus({ kind: 'saved' });
    } catch (err) {
      setStatus({
        kind: 'error',
        message: errorMessage(t, err, {
          'noShows.graceMinutes': t('noShows.grace'),
          'noShows.followUp.textEs': t('noShows.textEs'),
          'noShows.followUp.textEn': t('noShows.textEn'),
        }),
      });
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`} id="inasistencias">
      <h2 id={`${id}-title`}>{t('noShows.section')}</h2>
      <p className="muted">{t('noShows.intro')}</p>
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-grace`}>{t('noShows.grace')}</label>
          <input
            id={`${id}-grace`}
            type="number"
            min={5}
            max={240}
            value={draft.grace}
            onChange={(e) => edit({ grace: e.target.value })}
            aria-describedby={`${id}-grace-hint`}
          />
          <p className="hint" id={`${id}-grace-hint`}>
            {t('noShows.graceHint')}
          </p>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => edit({ enabled: e.target.checked })}
            aria-describedby={`${id}-follow-hint`}
          />
          {t('noShows.followUp')}
        </label>
        <p className="hint" id={`${id}-follow-hint`}>
          {t('noShows.followUpHint')}
        </p>
        {draft.enabled ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-es`}>{t('noShows.textEs')}</label>
              <textarea
                id={`${id}-es`}
                rows={2}
                maxLength={500}
                value={draft.textEs}
                onChange={(e) => edit({ textEs: e.target.value })}
                aria-describedby={`${id}-text-hint`}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-en`}>{t('noShows.textEn')}</label>
              <textarea
                id={`${id}-en`}
                rows={2}
                maxLength={500}
                value={draft.textEn}
                onChange={(e) => edit({ textEn: e.target.value })}
                aria-describedby={`${id}-text-hint`}
              />
              <p className="hint" id={`${id}-text-hint`}>
                {t('noShows.textHint')}
              </p>
            </div>
          </>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={status.kind === 'saving'}>
            {status.kind === 'saving' ? <span className="spinner" aria-hidden="true" /> : null}
            {status.kind === 'saving' ? t('noShows.saving') : t('noShows.save')}
          </button>
        </div>
        <FormFeedback
          message={status.kind === 'saved' ? t('noShows.saved') : null}
          error={status.kind === 'error' ? status.message : null}
        />
      </form>
    </section>
  );
}
