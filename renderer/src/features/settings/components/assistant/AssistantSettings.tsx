import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/api/client';
import type { SettingsUpdate, SettingsView } from '../../../../shared/api/types';
import { useSettingsDraft } from '../../../../lib/settings-draft';
import { useSettings } from '../../store/settings';
import { SaveBar } from '../../../../shared/components/SaveBar';
import { TextField } from '../../../../shared/components/TextField';
import { ConnectionTest } from './ConnectionTest';
import { ModelEval } from './ModelEval';
import { EndpointKeyDialog } from './EndpointKeyDialog';
import { PRESETS, PROVIDERS, providerFor, type Provider } from './presets';
import './assistant.css';

const KEYS = [
  'assistant.name',
  'assistant.tone',
  'assistant.register',
  'assistant.replyLanguage',
  'assistant.mode',
  'assistant.customInstructions',
  'assistant.neverDo',
  'ai.provider',
  'ai.baseUrl',
  'ai.model',
  'ai.temperature',
  'ai.maxToolRounds',
  'ai.visionModel',
  'ai.visionBaseUrl',
  'ai.transcriptionModel',
  'ai.voiceNoteWaitMs',
  'ai.timeoutMs',
  'ai.vision',
  'ai.transcription',
] as const;
type Key = (typeof KEYS)[number];
type Draft = Record<Key, string>;

const str = (v: unknown) =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

function toDraft(values: SettingsView): Draft {
  const d = Object.fromEntries(KEYS.map((k) => [k, str(values[k])])) as Draft;
  d['assistant.neverDo'] = values['assistant.neverDo'].join('\n');
  d['ai.provider'] = providerFor(d['ai.baseUrl'], values['ai.provider']);
  // Stored in milliseconds, typed in seconds.
  d['ai.voiceNoteWaitMs'] = String(values['ai.voiceNoteWaitMs'] / 1000);
  d['ai.timeoutMs'] = String(values['ai.timeoutMs'] / 1000);
  return d;
}

/** What the API stores for a field as typed ("0,3" → 0.3, one rule per line → a list). */
function toValue(k: Key, v: string): SettingsUpdate[Key] {
  switch (k) {
    case 'assistant.neverDo':
      return v
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    case 'ai.temperature':
      return Number(v.replace(',', '.'));
    case 'ai.maxToolRounds':
      return Number(v);
    case 'ai.voiceNoteWaitMs':
    case 'ai.timeoutMs':
      return v.trim() === '' ? Number.NaN : Math.round(Number(v.replace(',', '.')) * 1000);
    case 'ai.vision':
    case 'ai.transcription':
      return v === 'true';
    default:
      return v.trim();
  }
}

/**
 * Ajustes › Asistente: how it talks (name, trato, estilo, language), when it answers,
 * what it must never do, and which AI it uses — with "Probar conexión" on what is typed.
 */
export function AssistantSettings({ values }: { values: SettingsView }) {
  const { t } = useTranslation();
  const id = useId();
  const labels: Record<string, string> = {
    'assistant.name': t('assistant.name'),
    'assistant.customInstructions': t('assistant.instructions'),
    'assistant.neverDo': t('assistant.neverDo'),
    'ai.baseUrl': t('assistant.baseUrl'),
    'ai.model': t('assistant.model'),
    'ai.temperature': t('assistant.temperature'),
    'ai.maxToolRounds': t('assistant.maxToolRounds'),
    'ai.visionModel': t('assistant.visionModel'),
    'ai.voiceNoteWaitMs': t('assistant.voiceNoteWait'),
    'ai.visionBaseUrl': t('assistant.visionBaseUrl'),
    'ai.transcriptionModel': t('assistant.transcriptionModel'),
    'ai.timeoutMs': t('assistant.timeout'),
  };
  // The core refuses to move the endpoint to another server while a key is stored for this one
  // (the key is never sent elsewhere): then the dialog asks for the new server's key, or to forget the saved one.
  const [askKey, setAskKey] = useState<'open' | 'saving' | null>(null);
  const onRefused = (err: unknown) => {
    if (!(err instanceof ApiError) || err.code !== 'AI_KEY_OTHER_ENDPOINT') return false;
    setAskKey('open');
    return true;
  };
  const { draft, status, changed, update, save, discard } = useSettingsDraft(values, {
    keys: KEYS,
    toDraft,
    toValue,
    labels,
    onRefused,
  });
  const saveWith = async (extra: SettingsUpdate) => {
    setAskKey('saving');
    await save(undefined, extra);
    setAskKey(null);
    void useSettings.getState().loadSecrets();
  };
  const setValue = (k: Key, v: string) => update({ [k]: v });
  const set = (k: Key) => (e: { target: { value: string } }) => setValue(k, e.target.value);
  // A preset fills its address, model, timeout and what its server can do; "custom" keeps whatever is typed.
  const chooseProvider = (p: Provider) => {
    if (p === 'custom') return update({ 'ai.provider': p });
    const preset = PRESETS[p];
    update({
      'ai.provider': p,
      'ai.baseUrl': preset.baseUrl,
      'ai.model': preset.model,
      'ai.timeoutMs': String(preset.timeoutMs / 1000),
      'ai.vision': String(preset.vision),
      'ai.transcription': String(preset.transcription),
    });
  };

  const input = (
    k: Key,
    extra: { hint?: string; type?: string; required?: boolean; maxLength?: number; inputMode?: 'decimal' } = {},
  ) => (
    <TextField
      id={`${id}-${k}`}
      label={labels[k] ?? k}
      value={draft[k]}
      onChange={set(k)}
      spellCheck={false}
      {...extra}
    />
  );

  const onOff = (['true', 'false'] as const).map((v) => ({ value: v, label: t(`assistant.onOff.${v}`) }));
  const choice = <V extends string>(
    k: Key,
    legend: string,
    options: ReadonlyArray<{ value: V; label: string; hint?: ReactNode }>,
  ) => (
    <fieldset className="choice-group">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input
            type="radio"
            name={`${id}-${k}`}
            value={o.value}
            checked={draft[k] === o.value}
            onChange={() => (k === 'ai.provider' ? chooseProvider(o.value as Provider) : setValue(k, o.value))}
          />
          <span className="choice__text">
            <span className="choice__label">{o.label}</span>
            {o.hint ? <span className="choice__hint">{o.hint}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );

  return (
    <>
      <form className="settings-form assistant-settings" onSubmit={(e) => void save(e)}>
        <section className="card" aria-labelledby={`${id}-assistant`}>
          <h2 id={`${id}-assistant`}>{t('assistant.section')}</h2>
          <p className="hint card__intro">{t('assistant.intro')}</p>
          {input('assistant.name', { hint: t('assistant.nameHint'), required: true, maxLength: 40 })}
          {choice(
            'assistant.tone',
            t('assistant.tone'),
            (['voseo', 'tu', 'usted'] as const).map((v) => ({
              value: v,
              label: t(`assistant.tones.${v}`),
              hint: t(`assistant.tones.${v}Example`),
            })),
          )}
          {choice(
            'assistant.register',
            t('assistant.register'),
            (['cercano', 'formal'] as const).map((v) => ({ value: v, label: t(`assistant.registers.${v}`) })),
          )}
          <div className="field">
            <label htmlFor={`${id}-lang`}>{t('assistant.replyLanguage')}</label>
            <select
              id={`${id}-lang`}
              value={draft['assistant.replyLanguage']}
              onChange={set('assistant.replyLanguage')}
            >
              {(['auto', 'es', 'en'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`assistant.replyLanguages.${v}`)}
                </option>
              ))}
            </select>
          </div>
          {choice(
            'assistant.mode',
            t('assistant.mode'),
            (['always', 'outside_hours', 'off'] as const).map((v) => ({
              value: v,
              label: t(`assistant.modes.${v}`),
              hint: t(`assistant.modes.${v}Hint`),
            })),
          )}
          <div className="field">
            <label htmlFor={`${id}-instructions`}>{labels['assistant.customInstructions']}</label>
            <textarea
              id={`${id}-instructions`}
              value={draft['assistant.customInstructions']}
              onChange={set('assistant.customInstructions')}
              rows={4}
              maxLength={4000}
              aria-describedby={`${id}-instructions-hint`}
            />
            <p id={`${id}-instructions-hint`} className="hint">
              {t('assistant.instructionsHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-never`}>{labels['assistant.neverDo']}</label>
            <textarea
              id={`${id}-never`}
              value={draft['assistant.neverDo']}
              onChange={set('assistant.neverDo')}
              rows={4}
              aria-describedby={`${id}-never-hint`}
            />
            <p id={`${id}-never-hint`} className="hint">
              {t('assistant.neverDoHint')}
            </p>
          </div>
        </section>

        <section className="card" aria-labelledby={`${id}-ai`}>
          <h2 id={`${id}-ai`}>{t('assistant.providerSection')}</h2>
          <p className="hint card__intro">{t('assistant.providerIntro')}</p>
          {choice(
            'ai.provider',
            t('assistant.provider'),
            PROVIDERS.map((p) => ({ value: p, label: t(`assistant.providers.${p}`) })),
          )}
          {input('ai.baseUrl', { hint: t('assistant.baseUrlHint'), type: 'url', required: true, maxLength: 500 })}
          {input('ai.model', { hint: t('assistant.modelHint'), required: true, maxLength: 120 })}
          <div className="field-row">
            {input('ai.temperature', {
              hint: t('assistant.temperatureHint'),
              required: true,
              inputMode: 'decimal',
              maxLength: 4,
            })}
            {input('ai.maxToolRounds', { hint: t('assistant.maxToolRoundsHint'), type: 'number', required: true })}
          </div>
          {input('ai.timeoutMs', { hint: t('assistant.timeoutHint'), type: 'number', required: true })}
          <p className="hint">{t('assistant.keyNote')}</p>
          <ConnectionTest
            baseUrl={draft['ai.baseUrl']}
            model={draft['ai.model']}
            onUseModel={(m) => setValue('ai.model', m)}
          />
          <ModelEval />
        </section>

        <section className="card" aria-labelledby={`${id}-media`}>
          <h2 id={`${id}-media`}>{t('assistant.mediaSection')}</h2>
          <p className="hint card__intro">{t('assistant.mediaIntro')}</p>
          {choice('ai.vision', t('assistant.vision'), onOff)}
          {choice('ai.transcription', t('assistant.transcription'), onOff)}
          {input('ai.visionModel', { hint: t('assistant.visionModelHint'), required: true, maxLength: 120 })}
          {input('ai.visionBaseUrl', { hint: t('assistant.visionBaseUrlHint'), type: 'url', maxLength: 500 })}
          {input('ai.transcriptionModel', {
            hint: t('assistant.transcriptionModelHint'),
            required: true,
            maxLength: 120,
          })}
          {input('ai.voiceNoteWaitMs', { hint: t('assistant.voiceNoteWaitHint'), type: 'number', required: true })}
        </section>

        <SaveBar
          status={status}
          dirty={changed.length > 0}
          onDiscard={discard}
          labels={{
            save: t('assistant.save'),
            saving: t('assistant.saving'),
            discard: t('assistant.discard'),
            saved: t('assistant.saved'),
            unsaved: t('assistant.unsaved'),
          }}
        />
      </form>
      {askKey ? (
        <EndpointKeyDialog
          savedUrl={str(values['ai.baseUrl'])}
          nextUrl={draft['ai.baseUrl']}
          busy={askKey === 'saving'}
          onSaveWithKey={(key) => void saveWith({ 'ai.apiKey': key })}
          onForgetKey={() => void saveWith({ 'ai.forgetKey': true })}
          onClose={() => setAskKey(null)}
        />
      ) : null}
    </>
  );
}
