import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { Reachability } from '../api/types';
import { errorMessage } from '../../lib/errors';

/**
 * "Probar la dirección": does the clinic's public address (the tunnel) reach Recepta's
 * webhook listener? Shown in Ajustes › General › Dirección pública and on every webhook card.
 */
export function AddressCheck({ disabled = false }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'checking' }
    | { kind: 'done'; result: Reachability }
    | { kind: 'error'; message: string }
  >({ kind: 'idle' });

  async function check() {
    setState({ kind: 'checking' });
    try {
      setState({ kind: 'done', result: await call('POST /api/network/check', { body: {} }) });
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  const result = state.kind === 'done' ? state.result : null;
  return (
    <div className="address-check">
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void check()}
        disabled={disabled || state.kind === 'checking'}
      >
        {state.kind === 'checking' ? <span className="spinner" aria-hidden="true" /> : null}
        {state.kind === 'checking' ? t('addressCheck.checking') : t('addressCheck.button')}
      </button>
      <div role="status" className="address-check__result">
        {result ? (
          <p className={result.ok ? 'check-result check-result--ok' : 'check-result check-result--bad'}>
            <span aria-hidden="true">{result.ok ? '✓ ' : '✗ '}</span>
            {t(`addressCheck.result.${result.code}`, { status: result.status ?? '' })}
          </p>
        ) : null}
        {result && !result.ok && result.detail ? (
          <p className="hint">{t('addressCheck.detail', { detail: result.detail })}</p>
        ) : null}
      </div>
      {state.kind === 'error' ? (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
