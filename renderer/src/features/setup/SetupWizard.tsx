import '../../styles/setup.css';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupStepId } from '../../shared/api/types';
import { Dialog } from '../../shared/components/Dialog';
import { errorMessage } from '../../lib/errors';
import { navigate, PAGE_PATHS } from '../../lib/router';
import { useSettings } from '../settings/store/settings';
import { useClinic } from '../settings/store/clinic';
import { loadDemo, useSetup } from './store';
import { AiStep } from './steps/AiStep';
import { AlwaysOnStep } from './steps/AlwaysOnStep';
import { ClinicStep } from './steps/ClinicStep';
import { HoursStep } from './steps/HoursStep';
import { ServiceStep } from './steps/ServiceStep';
import { PractitionerStep } from './steps/TeamStep';
import { ToneStep } from './steps/ToneStep';
import { WhatsAppStep } from './steps/WhatsAppStep';
import type { StepProps } from './steps/step';

const STEPS: ReadonlyArray<{ id: SetupStepId; Form: ((p: StepProps) => ReactNode) | null }> = [
  { id: 'clinic', Form: ClinicStep },
  { id: 'hours', Form: HoursStep },
  { id: 'practitioner', Form: PractitionerStep },
  { id: 'service', Form: ServiceStep },
  { id: 'tone', Form: ToneStep },
  { id: 'ai', Form: AiStep },
  { id: 'alwaysOn', Form: AlwaysOnStep },
  { id: 'whatsapp', Form: null },
];

/**
 * The guided first run: a welcome (with "Probar con datos de ejemplo"), then one step per
 * screen, each skippable, with where you are ("Paso 3 de 8") and every step reachable from
 * the list. Each step saves through the same API as its place in Ajustes.
 */
export function SetupWizard() {
  const visible = useSetup((s) => s.visible);
  if (!visible) return null;
  return <Wizard />;
}

function Wizard() {
  const { t } = useTranslation();
  const formId = useId();
  const step = useSetup((s) => s.step);
  const status = useSetup((s) => s.status);
  const { goTo, close, load } = useSetup.getState();
  const total = STEPS.length;
  const current = STEPS[step - 1];

  useEffect(() => {
    void useSettings.getState().load();
  }, []);
  // A new step: keyboard and screen-reader focus on its title, not on the button that was pressed.
  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(step);
  useEffect(() => {
    if (step !== firstStep.current) heading.current?.focus();
  }, [step]);

  const next = () => {
    void load();
    if (step >= total) void finish();
    else goTo(step + 1);
  };
  const finish = async () => {
    await close();
    navigate(PAGE_PATHS.conversations);
  };

  if (!current) return <Welcome />;
  const done = new Map(status?.steps.map((s) => [s.id, s.done]));
  const last = step === total;
  return (
    <Dialog
      title={t('setup.title')}
      onClose={() => void close()}
      wide
      actions={
        <>
          <button type="button" className="button button--quiet" onClick={() => goTo(step - 1)}>
            {t('setup.back')}
          </button>
          <span className="setup-actions__spacer" />
          {last ? null : (
            <button type="button" className="button button--quiet" onClick={next}>
              {t('setup.skip')}
            </button>
          )}
          {current.Form ? (
            <button type="submit" className="button" form={formId}>
              {last ? t('setup.finish') : t('setup.saveNext')}
            </button>
          ) : (
            <button type="button" className="button" onClick={next}>
              {t('setup.finish')}
            </button>
          )}
        </>
      }
    >
      <div className="setup">
        <div className="setup-steps" role="group" aria-label={t('setup.progressLabel')}>
          <ol>
            {STEPS.map((s, i) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="setup-steps__item"
                  aria-current={i + 1 === step ? 'step' : undefined}
                  onClick={() => goTo(i + 1)}
                >
                  <span
                    className={`setup-steps__mark ${done.get(s.id) ? 'setup-steps__mark--done' : ''}`}
                    aria-hidden="true"
                  >
                    {done.get(s.id) ? '✓' : i + 1}
                  </span>
                  {t(`setup.steps.${s.id}`)}
                  {done.get(s.id) ? <span className="sr-only"> ({t('setup.done')})</span> : null}
                </button>
              </li>
            ))}
          </ol>
        </div>
        <section className="setup-body" aria-labelledby={`${formId}-title`}>
          <p className="setup-progress">{t('setup.progress', { step, total })}</p>
          <progress className="setup-progressbar" max={total} value={step} aria-label={t('setup.progressLabel')} />
          <h2 id={`${formId}-title`} ref={heading} tabIndex={-1}>
            {t(`setup.steps.${current.id}`)}
          </h2>
          {current.Form ? <current.Form key={current.id} formId={formId} next={next} /> : <WhatsAppStep />}
        </section>
      </div>
    </Dialog>
  );
}

function Welcome() {
  const { t } = useTranslation();
  const status = useSetup((s) => s.status);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const tryDemo = async () => {
    setLoading(true);
    setError(null);
    try {
      await loadDemo();
      await Promise.all([useSettings.getState().load(), useClinic.getState().loadAll()]);
      await useSetup.getState().close();
      navigate(PAGE_PATHS.conversations);
    } catch (err) {
      setError(errorMessage(t, err));
      setLoading(false);
    }
  };

  return (
    <Dialog title={t('setup.title')} onClose={() => void useSetup.getState().close()} busy={loading}>
      <div className="setup-welcome">
        <h2>{t('setup.welcome.title')}</h2>
        <p>{t('setup.welcome.body')}</p>
        <div className="form-actions">
          <button type="button" className="button" data-autofocus onClick={() => useSetup.getState().goTo(1)}>
            {t('setup.welcome.start')}
          </button>
          {status?.canLoadDemo ? (
            <button type="button" className="button button--quiet" onClick={() => void tryDemo()} disabled={loading}>
              {loading ? t('setup.welcome.loadingDemo') : t('setup.welcome.demo')}
            </button>
          ) : null}
        </div>
        {status?.canLoadDemo ? <p className="hint">{t('setup.welcome.demoHint')}</p> : null}
        {loading ? <p role="status">{t('setup.welcome.loadingDemo')}</p> : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
