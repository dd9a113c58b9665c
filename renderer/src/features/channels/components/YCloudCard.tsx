import { useEffect, useId, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { channelsApi, useChannels } from '../api/channels';
import type { ChannelView } from '../../../shared/api/types';
import { errorMessage } from '../../../lib/errors';
import { AddressCheck } from '../../../shared/components/AddressCheck';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { CheckButton } from './webhook/CheckButton';
import { SecretField } from './webhook/SecretField';
import { StatePill } from './webhook/StatePill';
import { WebhookEvents } from './webhook/WebhookEvents';
import { WebhookUrlField } from './webhook/WebhookUrlField';
import { YCloudTemplates } from './YCloudTemplates';

interface Fields {
  phoneNumber: string;
  apiBaseUrl: string;
}

const read = (c: ChannelView): Fields => ({
  phoneNumber: typeof c.settings.phoneNumber === 'string' ? c.settings.phoneNumber : '',
  apiBaseUrl: typeof c.settings.apiBaseUrl === 'string' ? c.settings.apiBaseUrl : '',
});

const E164 = /^\+\d{6,15}$/;
const STEPS = ['step1', 'step2', 'step3', 'step4', 'step5', 'step6', 'step7'] as const;
const reload = () => void useChannels.getState().load();

/** WhatsApp Business through YCloud: its number, key and secret, the webhook address, the steps in YCloud's console. */
export function YCloudCard({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const id = useId();
  const configured = Boolean(read(channel).phoneNumber);

  return (
    <section className="card channel-card" aria-labelledby={`${id}-title`} data-testid="ycloud-card">
      <header className="channel-card__head">
        <h2 id={`${id}-title`}>{t('ycloud.title')}</h2>
        <StatePill state={channel.state} />
      </header>
      <p className="muted">{t('ycloud.intro')}</p>
      {channel.reason ? <p className="channel-reason">{channel.reason}</p> : null}
      <div className="webhook-card__grid">
        <div className="webhook-card__fields">
          <YCloudSettingsForm channel={channel} />
          <SecretField
            name="ycloudApiKey"
            label={t('ycloud.apiKeyLabel')}
            hint={t('ycloud.apiKeyHint')}
            onChange={reload}
          />
          <SecretField
            name="ycloudWebhookSecret"
            label={t('ycloud.secretLabel')}
            hint={t('ycloud.secretHintConsole')}
            onChange={reload}
          />
          <CheckButton
            hint={t('ycloud.testHint')}
            run={async () => {
              const result = await channelsApi.checkYCloud();
              reload();
              return result;
            }}
          />
        </div>
        <div className="webhook-card__connect">
          <WebhookUrlField
            url={channel.webhookUrl}
            onRotate={async () => useChannels.getState().put(await channelsApi.rotateYCloudUrl())}
          />
          {channel.webhookUrl ? <AddressCheck /> : null}
          <section className="link-steps webhook-steps" aria-labelledby={`${id}-steps`}>
            <h3 id={`${id}-steps`}>{t('ycloud.stepsTitle')}</h3>
            <ol>
              {STEPS.map((s) => (
                <li key={s}>
                  <Trans i18nKey={`ycloud.${s}`} components={{ strong: <strong />, code: <code /> }} />
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
      {configured ? <YCloudTemplates channel={channel} /> : null}
      <WebhookEvents
        events={channel.webhookEvents ?? []}
        provider="YCloud"
        expecting={configured}
        onRefresh={() => useChannels.getState().load()}
      />
    </section>
  );
}

/** The number and (under Avanzado) the API's address: plain settings, saved together. */
function YCloudSettingsForm({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const id = useId();
  const saved = read(channel);
  const savedKey = JSON.stringify(saved);
  const [draft, setDraft] = useState<Fields>(saved);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  useEffect(() => setDraft(JSON.parse(savedKey) as Fields), [savedKey]);
  const changed = JSON.stringify(draft) !== savedKey;
  const phoneBad = draft.phoneNumber !== '' && !E164.test(draft.phoneNumber);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (phoneBad) return;
    setStatus({ kind: 'saving' });
    try {
      const patch: Record<string, unknown> = {};
      if (draft.phoneNumber !== saved.phoneNumber) patch.phoneNumber = draft.phoneNumber;
      if (draft.apiBaseUrl.trim() !== saved.apiBaseUrl) patch.apiBaseUrl = draft.apiBaseUrl.trim();
      useChannels.getState().put(await channelsApi.update('ycloud', patch));
      void useChannels.getState().load();
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="webhook-settings">
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t('ycloud.phoneLabel')}</label>
        <input
          id={`${id}-phone`}
          type="tel"
          inputMode="tel"
          value={draft.phoneNumber}
          placeholder="+5491140001234"
          onChange={(e) => {
            setDraft({ ...draft, phoneNumber: e.target.value.replace(/[\s()-]/g, '') });
            setStatus({ kind: 'idle' });
          }}
          aria-invalid={phoneBad}
          aria-describedby={`${id}-phone-hint`}
          maxLength={20}
          autoComplete="off"
        />
        <p className={phoneBad ? 'form-error' : 'hint'} id={`${id}-phone-hint`}>
          {phoneBad ? t('ycloud.phoneInvalid') : t('ycloud.phoneHint')}
        </p>
      </div>
      <details className="advanced">
        <summary>{t('webhook.advanced')}</summary>
        <div className="field">
          <label htmlFor={`${id}-base`}>{t('ycloud.baseUrlLabel')}</label>
          <input
            id={`${id}-base`}
            type="url"
            inputMode="url"
            value={draft.apiBaseUrl}
            onChange={(e) => {
              setDraft({ ...draft, apiBaseUrl: e.target.value });
              setStatus({ kind: 'idle' });
            }}
            maxLength={300}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-base-hint`}
          />
          <p className="hint" id={`${id}-base-hint`}>
            {t('ycloud.baseUrlHint')}
          </p>
        </div>
      </details>
      <div className="form-actions">
        <button
          type="submit"
          className="button button--secondary"
          disabled={!changed || phoneBad || status.kind === 'saving'}
        >
          {status.kind === 'saving' ? t('webhook.saving') : t('webhook.save')}
        </button>
      </div>
      <FormFeedback
        message={status.kind === 'saved' && !changed ? t('webhook.saved') : null}
        error={status.kind === 'error' ? status.message : null}
        ok
      />
    </form>
  );
}
