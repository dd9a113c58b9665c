import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi, useChannels } from '../api/channels';
import type { ChannelView } from '../../../shared/api/types';
import { errorMessage } from '../../../lib/errors';
import { FormFeedback } from '../../../shared/components/FormFeedback';

interface WhatsAppSettings {
  readReceipts: boolean;
  backlogMaxAgeHours: number;
  onlyChatsThatWroteFirst: boolean;
}

const read = (c: ChannelView): WhatsAppSettings => ({
  readReceipts: c.settings.readReceipts === true,
  backlogMaxAgeHours: typeof c.settings.backlogMaxAgeHours === 'number' ? c.settings.backlogMaxAgeHours : 12,
  onlyChatsThatWroteFirst: c.settings.onlyChatsThatWroteFirst !== false,
});

/** The anti-ban rules Recepta follows on WhatsApp, said plainly, and the few options a clinic may change. */
export function AntiBanCard({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const id = useId();
  const saved = read(channel);
  const [draft, setDraft] = useState<WhatsAppSettings>(saved);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const savedKey = JSON.stringify(saved);
  useEffect(() => setDraft(JSON.parse(savedKey) as WhatsAppSettings), [savedKey]);
  const changed = JSON.stringify(draft) !== savedKey;

  async function save(e: FormEvent) {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    try {
      useChannels.getState().put(await channelsApi.update('whatsapp', { ...draft }));
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  return (
    <section className="card channel-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('channels.rules.title')}</h2>
      <p>{t('channels.rules.body')}</p>
      <ul className="rules">
        <li>{t('channels.rules.onlyInbound')}</li>
        <li>{t('channels.rules.pacing')}</li>
        <li>{t('channels.rules.rate')}</li>
        <li>{t('channels.rules.noBulk')}</li>
      </ul>
      <form onSubmit={(e) => void save(e)} className="rules-form">
        <fieldset>
          <legend>{t('channels.rules.settingsTitle')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.onlyChatsThatWroteFirst}
              onChange={(e) => setDraft({ ...draft, onlyChatsThatWroteFirst: e.target.checked })}
            />
            {t('channels.rules.onlyInboundSetting')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.readReceipts}
              onChange={(e) => setDraft({ ...draft, readReceipts: e.target.checked })}
              aria-describedby={`${id}-read-hint`}
            />
            {t('channels.rules.readReceipts')}
          </label>
          <p className="hint" id={`${id}-read-hint`}>
            {t('channels.rules.readReceiptsHint')}
          </p>
          <div className="backlog-field">
            <label htmlFor={`${id}-backlog`}>{t('channels.rules.backlog')}</label>
            <input
              id={`${id}-backlog`}
              type="number"
              min={1}
              max={168}
              value={draft.backlogMaxAgeHours}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  backlogMaxAgeHours: Math.max(1, Math.min(168, Math.round(Number(e.target.value) || 1))),
                })
              }
              aria-describedby={`${id}-backlog-hint`}
            />
            <span>{t('channels.rules.backlogUnit')}</span>
          </div>
          <p className="hint" id={`${id}-backlog-hint`}>
            {t('channels.rules.backlogHint')}
          </p>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button--secondary" disabled={!changed || status.kind === 'saving'}>
            {status.kind === 'saving' ? t('channels.rules.saving') : t('channels.rules.save')}
          </button>
        </div>
        <FormFeedback
          message={status.kind === 'saved' && !changed ? t('channels.rules.saved') : null}
          error={status.kind === 'error' ? status.message : null}
        />
      </form>
    </section>
  );
}
