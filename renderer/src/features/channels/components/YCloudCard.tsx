import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi, useChannels } from '../api/channels';
import type { ChannelView } from '../../../shared/api/types';
import { SecretField } from './webhook/SecretField';
import { SettingsSave } from './webhook/SettingsSave';
import { useSettingsDraft } from './webhook/use-settings-draft';
import { WebhookCard } from './webhook/WebhookCard';
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
const reload = () => void useChannels.getState().load();

/** WhatsApp Business through YCloud: its number, key and secret, the webhook address, the steps in YCloud's console. */
export function YCloudCard({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const configured = Boolean(read(channel).phoneNumber);
  return (
    <WebhookCard
      channel={channel}
      kind="ycloud"
      providerName="YCloud"
      steps={7}
      configured={configured}
      check={() => channelsApi.checkYCloud()}
      onRotate={async () => useChannels.getState().put(await channelsApi.rotateYCloudUrl())}
      footer={configured ? <YCloudTemplates channel={channel} /> : null}
    >
      <YCloudSettingsForm channel={channel} />
      <SecretField
        name="ycloudApiKey"
        gender="f"
        label={t('ycloud.apiKeyLabel')}
        hint={t('ycloud.apiKeyHint')}
        onChange={reload}
      />
      <SecretField
        name="ycloudWebhookSecret"
        gender="m"
        label={t('ycloud.secretLabel')}
        hint={t('ycloud.secretHintConsole')}
        onChange={reload}
      />
    </WebhookCard>
  );
}

/** The number and (under Avanzado) the API's address: plain settings, saved together. */
function YCloudSettingsForm({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const id = useId();
  const { draft, edit, status, changed, save } = useSettingsDraft('ycloud', read(channel), (d, saved) => {
    const patch: Record<string, unknown> = {};
    if (d.phoneNumber !== saved.phoneNumber) patch.phoneNumber = d.phoneNumber;
    if (d.apiBaseUrl.trim() !== saved.apiBaseUrl) patch.apiBaseUrl = d.apiBaseUrl.trim();
    return patch;
  });
  const phoneBad = draft.phoneNumber !== '' && !E164.test(draft.phoneNumber);

  return (
    <form onSubmit={(e) => void save(e, !phoneBad)} noValidate className="webhook-settings">
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t('ycloud.phoneLabel')}</label>
        <input
          id={`${id}-phone`}
          type="tel"
          inputMode="tel"
          value={draft.phoneNumber}
          placeholder="+5491140001234"
          onChange={(e) => edit({ phoneNumber: e.target.value.replace(/[\s()-]/g, '') })}
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
            onChange={(e) => edit({ apiBaseUrl: e.target.value })}
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
      <SettingsSave status={status} changed={changed} invalid={phoneBad} />
    </form>
  );
}
