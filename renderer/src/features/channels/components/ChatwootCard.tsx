import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi, useChannels } from '../api/channels';
import type { ChannelView } from '../../../shared/api/types';
import { SecretField } from './webhook/SecretField';
import { SettingsSave } from './webhook/SettingsSave';
import { useSettingsDraft } from './webhook/use-settings-draft';
import { WebhookCard } from './webhook/WebhookCard';

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
const reload = () => void useChannels.getState().load();

/** Instagram, Facebook and the rest through the clinic's Chatwoot: where it is, its token and secret, the webhook, the steps. */
export function ChatwootCard({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  return (
    <WebhookCard
      channel={channel}
      kind="chatwoot"
      providerName="Chatwoot"
      steps={6}
      configured={Boolean(read(channel).accountId)}
      check={() => channelsApi.checkChatwoot()}
      onRotate={async () => {
        const { webhookUrl } = await channelsApi.rotateChatwootUrl();
        useChannels.getState().put({ provider: 'chatwoot', webhookUrl });
      }}
    >
      <ChatwootSettingsForm channel={channel} />
      <SecretField
        name="chatwootApiToken"
        gender="m"
        label={t('chatwoot.tokenLabel')}
        hint={t('chatwoot.tokenHint')}
        onChange={reload}
      />
      <SecretField
        name="chatwootWebhookSecret"
        gender="m"
        label={t('chatwoot.secretLabel')}
        hint={t('chatwoot.secretHintConsole')}
        onChange={reload}
      />
    </WebhookCard>
  );
}

/** Where the clinic's Chatwoot is, its account and "Exigir firma": plain settings, saved together. */
function ChatwootSettingsForm({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const id = useId();
  const { draft, edit, status, changed, save } = useSettingsDraft('chatwoot', read(channel), (d, saved) => {
    const patch: Record<string, unknown> = {};
    if (d.apiBaseUrl.trim() !== saved.apiBaseUrl) patch.apiBaseUrl = d.apiBaseUrl.trim();
    if (d.accountId !== saved.accountId) patch.accountId = Number(d.accountId || 0);
    if (d.requireSignature !== saved.requireSignature) patch.requireSignature = d.requireSignature;
    return patch;
  });
  const accountBad = draft.accountId !== '' && !ACCOUNT.test(draft.accountId);

  return (
    <form onSubmit={(e) => void save(e, !accountBad)} noValidate className="webhook-settings">
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
      <SettingsSave status={status} changed={changed} invalid={accountBad} />
    </form>
  );
}
