import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors';
import { Dialog } from '../../shared/components/Dialog';
import type { SettingsView } from '../../shared/api/types';
import { startFresh, useSetup, waitForFreshStart } from './store';

const ALWAYS_ON_STEP = 7;

/** Ajustes › General › Primeros pasos: reopen the guided setup, leave the demo, and what "always on" does now. */
export function SetupSection({ values }: { values: SettingsView }) {
  const { t } = useTranslation();
  const id = useId();
  const status = useSetup((s) => s.status);
  const done = status?.steps.filter((s) => s.done).length ?? 0;
  const total = status?.steps.length ?? 0;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('setup.section.title')}</h2>
      <p className="hint">{t('setup.section.intro')}</p>
      {status ? <p>{t('setup.section.stepsDone', { done, total })}</p> : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => useSetup.getState().show(status?.demo ? 0 : 1)}>
          {t('setup.section.reopen')}
        </button>
      </div>
      <p>
        {t('setup.section.alwaysOn', { state: t(`setup.section.${alwaysOnState(values)}`) })}{' '}
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => useSetup.getState().show(ALWAYS_ON_STEP)}
        >
          {t('setup.section.alwaysOnChange')}
        </button>
      </p>
      {status?.demo ? <LeaveDemo /> : null}
    </section>
  );
}

type AlwaysOnKey = 'alwaysOnBoth' | 'alwaysOnLogin' | 'alwaysOnAwake' | 'alwaysOnOff';

/** Which sentence says what "always on" does with these settings. */
function alwaysOnState(values: SettingsView): AlwaysOnKey {
  const login = values['desktop.openAtLogin'] !== false;
  const awake = values['desktop.keepAwake'] !== false;
  if (login && awake) return 'alwaysOnBoth';
  if (login) return 'alwaysOnLogin';
  if (awake) return 'alwaysOnAwake';
  return 'alwaysOnOff';
}

/** "Empezar de cero": confirm, clear (the core refuses over real data), wait for the restart, reload. */
function LeaveDemo() {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [phase, setPhase] = useState<'idle' | 'clearing' | 'failed'>('idle');
  const [error, setError] = useState<string | null>(null);

  const go = async () => {
    setPhase('clearing');
    setError(null);
    try {
      await startFresh();
    } catch (err) {
      setPhase('idle');
      setAsking(false);
      setError(errorMessage(t, err));
      return;
    }
    if (await waitForFreshStart()) window.location.reload();
    else setPhase('failed');
  };

  return (
    <div className="setup-demo">
      <p>{t('setup.section.demoOn')}</p>
      <div className="form-actions">
        <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
          {t('setup.section.startFresh')}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {asking ? (
        <Dialog
          title={t('setup.section.confirmTitle')}
          onClose={() => setAsking(false)}
          busy={phase === 'clearing'}
          actions={
            <>
              <button
                type="button"
                className="button button--danger"
                onClick={() => void go()}
                disabled={phase !== 'idle'}
              >
                {t('setup.section.confirm')}
              </button>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => setAsking(false)}
                disabled={phase === 'clearing'}
              >
                {t('setup.section.cancel')}
              </button>
            </>
          }
        >
          <p>{t('setup.section.confirmBody')}</p>
          {phase === 'clearing' ? <p role="status">{t('setup.section.restarting')}</p> : null}
          {phase === 'failed' ? (
            <p className="form-error" role="alert">
              {t('setup.section.restartFailed')}
            </p>
          ) : null}
        </Dialog>
      ) : null}
    </div>
  );
}
