// One kind of reminder in Ajustes › Recordatorios: on/off, hours before, its text in each
// version (tones of Spanish, English) and a preview filled by the core the way the job fills it.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { previewReminder } from '../../api/reminders';
import type { ReminderKindName, Version } from './ReminderSettings';

type Texts = Record<Version, string>;
const VERSIONS: readonly Version[] = ['voseo', 'tu', 'usted', 'en'];
const PLACEHOLDERS = '{nombre}, {dia}, {fecha}, {hora}, {profesional}, {servicio}, {clinica}';
const PREVIEW_DELAY_MS = 300;

interface Props {
  kind: ReminderKindName;
  enabled: boolean;
  offsetHours: number;
  text: Texts;
  initialVersion: Version;
  onChange(patch: { enabled?: boolean; offsetHours?: number; text?: Texts }): void;
}

export function ReminderKindFields({ kind, enabled, offsetHours, text, initialVersion, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [version, setVersion] = useState<Version>(initialVersion);
  const preview = usePreview(text[version], version === 'en' ? 'en' : 'es');
  return (
    <fieldset className="reminder-kind">
      <legend>{t(`reminders.kinds.${kind}`)}</legend>
      <p className="hint">{t(`reminders.kindHints.${kind}`)}</p>
      <div className="field-row">
        <label className="check">
          <input type="checkbox" checked={enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
          {t('reminders.kindEnabled')}
        </label>
        <div className="field">
          <label htmlFor={`${id}-offset`}>{t('reminders.offset')}</label>
          <input
            id={`${id}-offset`}
            type="number"
            min={0.5}
            max={336}
            step={0.5}
            value={offsetHours}
            onChange={(e) => onChange({ offsetHours: Number(e.target.value) })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-version`}>{t('reminders.texts')}</label>
          <select id={`${id}-version`} value={version} onChange={(e) => setVersion(e.target.value as Version)}>
            {VERSIONS.map((v) => (
              <option key={v} value={v}>
                {t(`reminders.textFor.${v}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{`${t(`reminders.kinds.${kind}`)} · ${t(`reminders.textFor.${version}`)}`}</label>
        <textarea
          id={`${id}-text`}
          rows={3}
          maxLength={1000}
          value={text[version]}
          onChange={(e) => onChange({ text: { ...text, [version]: e.target.value } })}
          aria-describedby={`${id}-text-hint`}
          required
        />
        <p className="hint" id={`${id}-text-hint`}>
          {t('reminders.textHint', { placeholders: PLACEHOLDERS })}
        </p>
      </div>
      <div className="reminder-kind__preview" aria-live="polite">
        <p className="reminder-kind__preview-label">{t('reminders.preview')}</p>
        <p className="reminder-kind__bubble" data-testid={`reminder-preview-${kind}`}>
          {preview.kind === 'error' ? t('reminders.previewError') : preview.text}
        </p>
        <p className="hint">{t('reminders.previewSample')}</p>
      </div>
    </fieldset>
  );
}

/** The text with its placeholders filled by the core (POST /api/reminders/preview), a moment after typing stops. */
function usePreview(text: string, language: 'es' | 'en') {
  const [preview, setPreview] = useState<{ kind: 'ok'; text: string } | { kind: 'error' }>({ kind: 'ok', text: '' });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      previewReminder(text, language).then(
        (r) => current && setPreview({ kind: 'ok', text: r.text }),
        () => current && setPreview({ kind: 'error' }),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, language]);
  return preview;
}
