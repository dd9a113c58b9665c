import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelCheck } from '../../../../shared/api/types';
import { errorMessage } from '../../../../lib/errors';

/** "Probar": asks the provider's API with the stored credentials and says plainly what came back. */
export function CheckButton({ run, hint }: { run(): Promise<ChannelCheck>; hint?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<
    { kind: 'idle' | 'checking' } | { kind: 'done'; result: ChannelCheck } | { kind: 'error'; message: string }
  >({ kind: 'idle' });

  async function check() {
    setState({ kind: 'checking' });
    try {
      setState({ kind: 'done', result: await run() });
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  const result = state.kind === 'done' ? state.result : null;
  return (
    <div className="channel-check">
      <button type="button" className="button" onClick={() => void check()} disabled={state.kind === 'checking'}>
        {state.kind === 'checking' ? <span className="spinner" aria-hidden="true" /> : null}
        {state.kind === 'checking' ? t('webhook.testing') : t('webhook.test')}
      </button>
      {hint ? <span className="hint">{hint}</span> : null}
      <p role="status" className={`check-result ${result?.ok ? 'check-result--ok' : 'check-result--bad'}`}>
        {result ? <span aria-hidden="true">{result.ok ? '✓ ' : '✗ '}</span> : null}
        {result ? (result.ok ? t('webhook.testOk') : result.reason) : ''}
      </p>
      {state.kind === 'error' ? (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
