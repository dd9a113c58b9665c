// "Ejecutar ahora": runs the reminders job at once (POST /api/jobs/reminders/run) and says
// what the run did; the button waits for it, with the progress spoken to screen readers.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobRun } from '../../../../shared/api/types';
import { errorMessage } from '../../../../lib/errors';
import { runRemindersNow } from '../../api/reminders';

type RunState =
  { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; run: JobRun } | { kind: 'error'; message: string };

export function RunRemindersNow({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  async function run() {
    setState({ kind: 'running' });
    try {
      setState({ kind: 'done', run: await runRemindersNow() });
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(t, error) });
    }
  }
  const message = (() => {
    if (!enabled) return t('reminders.runOff');
    if (state.kind === 'running') return t('reminders.running');
    if (state.kind === 'error') return t('reminders.runError', { message: state.message });
    if (state.kind !== 'done') return '';
    if (state.run.status === 'error') return t('reminders.runError', { message: state.run.error ?? '' });
    return state.run.items === 0 ? t('reminders.runNothing') : t('reminders.runResult', { count: state.run.items });
  })();
  return (
    <section className="card reminders-run">
      <button
        type="button"
        className="button"
        onClick={() => void run()}
        disabled={!enabled || state.kind === 'running'}
        aria-busy={state.kind === 'running'}
      >
        {state.kind === 'running' ? <span className="spinner" aria-hidden="true" /> : null}
        {t('reminders.runNow')}
      </button>
      <p role="status" aria-live="polite" className={state.kind === 'error' ? 'form-error' : 'hint'}>
        {message}
      </p>
    </section>
  );
}
