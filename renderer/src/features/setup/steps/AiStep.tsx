import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalModels } from '../../../shared/api/types';
import { useSettings } from '../../settings/store/settings';
import { PRESETS } from '../../settings/components/assistant/presets';
import { findLocalModels } from '../store';
import { useStepForm, type StepProps } from './step';

type Choice = { kind: 'openai' } | { kind: 'local'; provider: 'ollama' | 'lmstudio'; baseUrl: string; model: string };

/**
 * OpenAI with the clinic's key, or a model server found on this PC (Ollama, LM Studio: the core
 * looks on their default ports). The same presets as Ajustes › Asistente, where the rest is.
 */
export function AiStep({ formId, next }: StepProps) {
  const { t } = useTranslation();
  const id = useId();
  const keySet = useSettings((s) => s.secrets?.find((x) => x.name === 'openaiApiKey')?.isSet ?? false);
  const [choice, setChoice] = useState<Choice>({ kind: 'openai' });
  const [key, setKey] = useState('');
  const [found, setFound] = useState<LocalModels | null>(null);

  const search = useCallback(() => {
    setFound(null);
    findLocalModels()
      .then(setFound)
      .catch(() => setFound([]));
  }, []);
  useEffect(() => {
    void useSettings.getState().loadSecrets();
    search();
  }, [search]);

  const { onSubmit, feedback } = useStepForm(async () => {
    if (choice.kind === 'openai') {
      if (!key.trim()) return; // a key already saved (or none yet): go on, the banner and Ajustes say the rest
      const p = PRESETS.openai;
      await useSettings.getState().save({
        'ai.provider': 'openai',
        'ai.baseUrl': p.baseUrl,
        'ai.model': p.model,
        'ai.timeoutMs': p.timeoutMs,
        'ai.apiKey': key.trim(),
      });
      return;
    }
    const p = PRESETS[choice.provider];
    await useSettings.getState().save({
      'ai.provider': choice.provider,
      'ai.baseUrl': choice.baseUrl,
      'ai.model': choice.model,
      'ai.timeoutMs': p.timeoutMs,
      'ai.vision': p.vision,
      'ai.transcription': p.transcription,
    });
  }, next);

  const radio = (value: string, checked: boolean, onPick: () => void, label: string) => (
    <label className="setup-choice" htmlFor={`${id}-${value}`}>
      <input id={`${id}-${value}`} type="radio" name={`${id}-ai`} checked={checked} onChange={onPick} />
      <span>{label}</span>
    </label>
  );

  return (
    <form id={formId} onSubmit={(e) => void onSubmit(e)} noValidate>
      <p className="hint">{t('setup.ai.intro')}</p>
      <fieldset className="setup-choices">
        <legend>{t('setup.steps.ai')}</legend>
        {radio('openai', choice.kind === 'openai', () => setChoice({ kind: 'openai' }), t('setup.ai.openai'))}
        {choice.kind === 'openai' ? (
          <div className="field setup-nested">
            <label htmlFor={`${id}-key`}>{t('setup.ai.key')}</label>
            <input
              id={`${id}-key`}
              type="password"
              autoComplete="off"
              value={key}
              placeholder={keySet ? '••••••••' : 'sk-…'}
              onChange={(e) => setKey(e.target.value)}
              aria-describedby={`${id}-key-hint`}
            />
            <p className="hint" id={`${id}-key-hint`}>
              {keySet ? `${t('setup.ai.keySet')} ` : ''}
              {t('setup.ai.openaiHint')}
            </p>
          </div>
        ) : null}
        <p className="setup-subhead">{t('setup.ai.local')}</p>
        {found === null ? <p role="status">{t('setup.ai.searching')}</p> : null}
        {found?.length === 0 ? <p className="hint">{t('setup.ai.noneFound')}</p> : null}
        {found?.map((server) => {
          const name = t(`setup.ai.servers.${server.provider}`);
          if (!server.models.length)
            return (
              <p key={server.provider} className="hint">
                {t('setup.ai.noModels', { server: name })}
              </p>
            );
          return server.models
            .slice(0, 8)
            .map((model) =>
              radio(
                `${server.provider}-${model}`,
                choice.kind === 'local' && choice.baseUrl === server.baseUrl && choice.model === model,
                () => setChoice({ kind: 'local', provider: server.provider, baseUrl: server.baseUrl, model }),
                `${t('setup.ai.found', { server: name })}: ${model}`,
              ),
            );
        })}
        {found !== null ? (
          <button type="button" className="button button--quiet button--small" onClick={search}>
            {t('setup.ai.searchAgain')}
          </button>
        ) : null}
      </fieldset>
      {feedback}
    </form>
  );
}
