import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../shared/api/client';
import type { QuickTunnelView } from '../../../shared/api/types';
import { errorMessage } from '../../../lib/errors';
import { useSettings } from '../store/settings';

/**
 * "Iniciar un túnel rápido": offered only when cloudflared is installed on this PC. Its
 * address becomes the public address, with the warning that it changes on every restart.
 */
export function QuickTunnelOffer() {
  const { t } = useTranslation();
  const id = useId();
  const [view, setView] = useState<QuickTunnelView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('GET /api/network/quick-tunnel')
      .then((v) => live && setView(v))
      .catch(() => live && setView(null)); // not offered: the section works without it
    return () => {
      live = false;
    };
  }, []);

  if (!view?.available) return null;

  async function run(route: 'POST /api/network/quick-tunnel' | 'POST /api/network/quick-tunnel/stop') {
    setBusy(true);
    setError(null);
    try {
      setView(await call(route, { body: {} }));
      await useSettings.getState().load(); // the public address changed with it
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="quick-tunnel" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('addressCheck.quickTitle')}</h3>
      <p className="muted">{t('addressCheck.quickIntro')}</p>
      <p className="quick-tunnel__warn">{t('addressCheck.quickWarn')}</p>
      <div className="form-actions">
        {view.running ? (
          <button
            type="button"
            className="button button--quiet"
            disabled={busy}
            onClick={() => void run('POST /api/network/quick-tunnel/stop')}
          >
            {t('addressCheck.quickStop')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void run('POST /api/network/quick-tunnel')}
          >
            {busy ? <span className="spinner" aria-hidden="true" /> : null}
            {busy ? t('addressCheck.quickStarting') : t('addressCheck.quickStart')}
          </button>
        )}
      </div>
      <p role="status" className="form-status form-status--ok">
        {view.running && view.url ? t('addressCheck.quickRunning', { url: view.url }) : ''}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
