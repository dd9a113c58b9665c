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
  instance: string;
  authHeader: string;
}

const DEFAULT_HEADER = 'x-clinic-webhook-token';
const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
const read = (c: ChannelView): Fields => ({
  apiBaseUrl: str(c.settings.apiBaseUrl),
  instance: str(c.settings.instance),
  authHeader: str(c.settings.authHeader, DEFAULT_HEADER),
});

// The same rules as the settings' schema (main/channels/evolution/settings.ts), said before saving.
const INSTANCE = /^[^/?#]*$/;
const HEADER = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const reload = () => void useChannels.getState().load();

/** WhatsApp through the clinic's own Evolution API server: where it is, which instance, its key and secret, the webhook. */
export function EvolutionCard({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const saved = read(channel);
  return (
    <WebhookCard
      channel={channel}
      kind="evolution"
      providerName="Evolution"
      steps={7}
      stepValues={{ header: saved.authHeader }}
      configured={Boolean(saved.apiBaseUrl && saved.instance)}
      check={() => channelsApi.checkEvolution()}
      onRotate={async () => useChannels.getState().put(await channelsApi.rotateEvolutionUrl())}
    >
      <EvolutionSettingsForm channel={channel} />
      <SecretField
        name="evolutionApiKey"
        gender="f"
        label={t('evolution.apiKeyLabel')}
        hint={t('evolution.apiKeyHint')}
        onChange={reload}
      />
      <SecretField
        name="evolutionWebhookSecret"
        gender="m"
        label={t('evolution.secretLabel')}
        hint={t('evolution.secretHintConsole')}
        onChange={reload}
      />
    </WebhookCard>
  );
}

/** The server's address, the instance and (under Avanzado) the secret's header: plain settings, saved together. */
function EvolutionSettingsForm({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const id = useId();
  const { draft, edit, status, changed, save } = useSettingsDraft('evolution', read(channel), (d, saved) => {
    const patch: Record<string, unknown> = {};
    if (d.apiBaseUrl.trim() !== saved.apiBaseUrl) patch.apiBaseUrl = d.apiBaseUrl.trim();
    if (d.instance.trim() !== saved.instance) patch.instance = d.instance.trim();
    if (d.authHeader.trim() !== saved.authHeader) patch.authHeader = d.authHeader.trim();
    return patch;
  });
  const instanceBad = !INSTANCE.test(draft.instance);
  const headerBad = !HEADER.test(draft.authHeader.trim());

  return (
    <form onSubmit={(e) => void save(e, !instanceBad && !headerBad)} noValidate className="webhook-settings">
      <div className="field">
        <label htmlFor={`${id}-base`}>{t('evolution.baseUrlLabel')}</label>
        <input
          id={`${id}-base`}
          type="url"
          inputMode="url"
          value={draft.apiBaseUrl}
          placeholder="http://localhost:8080"
          onChange={(e) => edit({ apiBaseUrl: e.target.value })}
          maxLength={300}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-base-hint`}
        />
        <p className="hint" id={`${id}-base-hint`}>
          {t('evolution.baseUrlHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-instance`}>{t('evolution.instanceLabel')}</label>
        <input
          id={`${id}-instance`}
          type="text"
          value={draft.instance}
          onChange={(e) => edit({ instance: e.target.value })}
          aria-invalid={instanceBad}
          aria-describedby={`${id}-instance-hint`}
          maxLength={100}
          spellCheck={false}
          autoComplete="off"
        />
        <p className={instanceBad ? 'form-error' : 'hint'} id={`${id}-instance-hint`}>
          {instanceBad ? t('evolution.instanceInvalid') : t('evolution.instanceHint')}
        </p>
      </div>
      <details className="advanced">
        <summary>{t('webhook.advanced')}</summary>
        <div className="field">
          <label htmlFor={`${id}-header`}>{t('evolution.headerLabel')}</label>
          <input
            id={`${id}-header`}
            type="text"
            value={draft.authHeader}
            onChange={(e) => edit({ authHeader: e.target.value })}
            aria-invalid={headerBad}
            aria-describedby={`${id}-header-hint`}
            maxLength={64}
            spellCheck={false}
            autoComplete="off"
          />
          <p className={headerBad ? 'form-error' : 'hint'} id={`${id}-header-hint`}>
            {headerBad ? t('evolution.headerInvalid') : t('evolution.headerHint')}
          </p>
        </div>
      </details>
      <SettingsSave status={status} changed={changed} invalid={instanceBad || headerBad} />
    </form>
  );
}
