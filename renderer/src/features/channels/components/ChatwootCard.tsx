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

interface Fields {
  apiBaseUrl: string;
  /** As typed ('' = not set up); the setting is a number. */
  accountId: string;
  requireSignature: boolean;
}

const read = (c: ChannelView): Fields => ({
  apiBaseUrl: typeof c.settings.apiBaseUrl === 'string' ? c.settings.apiBaseUrl : '',
  accountId: typeof c.settings.accountId === 'number' && c.settings.accountId > 0 ? String(c.settings.accountId) : '',
  requireSignature: c.settings.requireSignature !== false,
});

const ACCOUNT = /^\d{1,10}$/;
const STEPS = ['step1', 'step2', 'step3', 'step4', 'step5', 'step6'] as const;
const reload = () => void useChannels.getState().load();

/** Instagram, Facebook and the rest through the clinic's Chatwoot: where it is, its token and secret, the webhook, the steps. */
export function ChatwootCard({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const id = useId();
  const configured = Boolean(read(channel).accountId);

  return (
    <section className="card channel-card" aria-labelledby={`${id}-title`} data-testid="chatwoot-card">
      <header className="channel-card__head">
        <h2 id={`${id}-title`}>{t('chatwoot.title')}</h2>
        <StatePill state={channel.state} />
      </header>
      <p className="muted">{t('chatwoot.intro')}</p>
      {channel.reason ? <p className="channel-reason">{channel.reason}</p> : null}
      <div className="webhook-card__grid">
        <div className="webhook-card__fields">
          <ChatwootSettingsForm channel={channel} />
          <SecretField
            name="chatwootApiToken"
            label={t('chatwoot.tokenLabel')}
            hint={t('chatwoot.tokenHint')}
            onChange={reload}
          />
          <SecretField
            name="chatwootWebhookSecret"
            label={t('chatwoot.secretLabel')}
            hint={t('chatwoot.secretHintConsole')}
            onChange={reload}
          />
          <CheckButton
            hint={t('chatwoot.testHint')}
            run={async () => {
              const result = await channelsApi.checkChatwoot();
              reload();
              return result;
            }}
          />
        </div>
        <div className="webhook-card__connect">
          <WebhookUrlField
            url={channel.webhookUrl}
            onRotate={async () => {
              const { webhookUrl } = await channelsApi.rotateChatwootUrl();
              useChannels.getState().put({ provider: 'chatwoot', webhookUrl });
            }}
          />
          {channel.webhookUrl ? <AddressCheck /> : null}
          <section className="link-steps webhook-steps" aria-labelledby={`${id}-steps`}>
            <h3 id={`${id}-steps`}>{t('chatwoot.stepsTitle')}</h3>
            <ol>
              {STEPS.map((s) => (
                <li key={s}>
                  <Trans i18nKey={`chatwoot.${s}`} components={{ strong: <strong />, code: <code /> }} />
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
      <WebhookEvents
        events={channel.webhookEvents ?? []}
        provider="Chatwoot"
        expecting={configured}
        onRefresh={() => useChannels.getState().load()}
      />
    </section>
  );
}

/** Where the clinic's Chatwoot is, its account and "Exigir firma": plain settings, saved together. */
function ChatwootSettingsForm({ channel }: { channel: ChannelView }) {
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
  const accountBad = draft.accountId !== '' && !ACCOUNT.test(draft.accountId);
  const edit = (patch: Partial<Fields>) => {
    setDraft({ ...draft, ...patch });
    setStatus({ kind: 'idle' });
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (accountBad) return;
    setStatus({ kind: 'saving' });
    try {
      const patch: Record<string, unknown> = {};
      if (draft.apiBaseUrl.trim() !== saved.apiBaseUrl) patch.apiBaseUrl = draft.apiBaseUrl.trim();
      if (draft.accountId !== saved.accountId) patch.accountId = Number(draft.accountId || 0);
      if (draft.requireSignature !== saved.requireSignature) patch.requireSignature = draft.requireSignature;
      useChannels.getState().put(await channelsApi.update('chatwoot', patch));
      void useChannels.getState().load();
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="webhook-settings">
      <div className="field">
        <label htmlFor={`${id}-base`}>{t('chatwoot.baseUrlLabel')}</label>
        <input
          id={`${id}-base`}
          type="url"
          inputMode="url"
          value={draft.apiBaseUrl}
          placeholder="https://app.chatwoot.com"
          onChange={(e) => edit({ apiBaseUrl: e.target.value })}
          maxLength={300}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-base-hint`}
        />
        <p className="hint" id={`${id}-base-hint`}>
          {t('chatwoot.baseUrlHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-account`}>{t('chatwoot.accountLabel')}</label>
        <input
          id={`${id}-account`}
          type="text"
          inputMode="numeric"
          value={draft.accountId}
          placeholder="1"
          onChange={(e) => edit({ accountId: e.target.value.trim() })}
          aria-invalid={accountBad}
          aria-describedby={`${id}-account-hint`}
          maxLength={10}
          autoComplete="off"
        />
        <p className={accountBad ? 'form-error' : 'hint'} id={`${id}-account-hint`}>
          {accountBad ? t('chatwoot.accountInvalid') : t('chatwoot.accountHint')}
        </p>
      </div>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={draft.requireSignature}
            onChange={(e) => edit({ requireSignature: e.target.checked })}
            aria-describedby={`${id}-require-hint`}
          />
          {t('chatwoot.requireLabel')}
        </label>
        <p className="hint" id={`${id}-require-hint`}>
          {t('chatwoot.requireHint')}
        </p>
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button button--secondary"
          disabled={!changed || accountBad || status.kind === 'saving'}
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
