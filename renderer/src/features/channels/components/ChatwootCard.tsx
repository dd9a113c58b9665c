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
  /** As typed, like the account. */
  toleranceSeconds: string;
  backlogHours: string;
  /** chatwoot.inboxChannels as rows: inbox number → channel. */
  inboxes: Array<{ inbox: string; channel: InboxChannel }>;
}

const INBOX_CHANNELS = ['whatsapp', 'instagram', 'facebook'] as const;
type InboxChannel = (typeof INBOX_CHANNELS)[number];
const num = (v: unknown, fallback: number) => String(typeof v === 'number' ? v : fallback);
const inboxRows = (v: unknown): Fields['inboxes'] =>
  Object.entries(v && typeof v === 'object' ? (v as Record<string, unknown>) : {})
    .filter((e): e is [string, InboxChannel] => INBOX_CHANNELS.includes(e[1] as InboxChannel))
    .map(([inbox, channel]) => ({ inbox, channel }));

const read = (c: ChannelView): Fields => ({
  apiBaseUrl: typeof c.settings.apiBaseUrl === 'string' ? c.settings.apiBaseUrl : '',
  accountId: typeof c.settings.accountId === 'number' && c.settings.accountId > 0 ? String(c.settings.accountId) : '',
  requireSignature: c.settings.requireSignature !== false,
  toleranceSeconds: num(c.settings.signatureToleranceSeconds, 300),
  backlogHours: num(c.settings.backlogMaxAgeHours, 12),
  inboxes: inboxRows(c.settings.inboxChannels),
});

/** Whole numbers within the settings' bounds (main/channels/chatwoot/settings.ts). */
const within = (v: string, min: number, max: number) => /^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max;
const INBOX = /^\d{1,12}$/;

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
    if (d.toleranceSeconds !== saved.toleranceSeconds) patch.signatureToleranceSeconds = Number(d.toleranceSeconds);
    if (d.backlogHours !== saved.backlogHours) patch.backlogMaxAgeHours = Number(d.backlogHours);
    if (JSON.stringify(d.inboxes) !== JSON.stringify(saved.inboxes))
      patch.inboxChannels = Object.fromEntries(d.inboxes.map((r) => [r.inbox, r.channel]));
    return patch;
  });
  const accountBad = draft.accountId !== '' && !ACCOUNT.test(draft.accountId);
  const toleranceBad = !within(draft.toleranceSeconds, 30, 86_400);
  const backlogBad = !within(draft.backlogHours, 1, 168);
  const inboxBad = draft.inboxes.some((r) => !INBOX.test(r.inbox));
  const invalid = accountBad || toleranceBad || backlogBad || inboxBad;
  const setRow = (i: number, row: Partial<Fields['inboxes'][number]>) =>
    edit({ inboxes: draft.inboxes.map((r, j) => (j === i ? { ...r, ...row } : r)) });

  return (
    <form onSubmit={(e) => void save(e, !invalid)} noValidate className="webhook-settings">
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
      <details className="advanced">
        <summary>{t('webhook.advanced')}</summary>
        <div className="field">
          <label htmlFor={`${id}-tolerance`}>{t('chatwoot.toleranceLabel')}</label>
          <input
            id={`${id}-tolerance`}
            type="text"
            inputMode="numeric"
            value={draft.toleranceSeconds}
            onChange={(e) => edit({ toleranceSeconds: e.target.value.trim() })}
            aria-invalid={toleranceBad}
            aria-describedby={`${id}-tolerance-hint`}
            maxLength={6}
            autoComplete="off"
          />
          <p className={toleranceBad ? 'form-error' : 'hint'} id={`${id}-tolerance-hint`}>
            {toleranceBad ? t('chatwoot.toleranceInvalid') : t('chatwoot.toleranceHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-backlog`}>{t('chatwoot.backlogLabel')}</label>
          <input
            id={`${id}-backlog`}
            type="text"
            inputMode="numeric"
            value={draft.backlogHours}
            onChange={(e) => edit({ backlogHours: e.target.value.trim() })}
            aria-invalid={backlogBad}
            aria-describedby={`${id}-backlog-hint`}
            maxLength={3}
            autoComplete="off"
          />
          <p className={backlogBad ? 'form-error' : 'hint'} id={`${id}-backlog-hint`}>
            {backlogBad ? t('chatwoot.backlogInvalid') : t('chatwoot.backlogHint')}
          </p>
        </div>
        <fieldset className="field">
          <legend>{t('chatwoot.inboxesLabel')}</legend>
          <p className="hint">{t('chatwoot.inboxesHint')}</p>
          {draft.inboxes.map((row, i) => (
            <div className="form-actions" key={i}>
              <label htmlFor={`${id}-inbox-${i}`} className="sr-only">
                {t('chatwoot.inboxNumber', { n: i + 1 })}
              </label>
              <input
                id={`${id}-inbox-${i}`}
                type="text"
                inputMode="numeric"
                value={row.inbox}
                placeholder="3"
                onChange={(e) => setRow(i, { inbox: e.target.value.trim() })}
                aria-invalid={!INBOX.test(row.inbox)}
                maxLength={12}
                autoComplete="off"
              />
              <label htmlFor={`${id}-inbox-${i}-channel`} className="sr-only">
                {t('chatwoot.inboxChannel', { n: i + 1 })}
              </label>
              <select
                id={`${id}-inbox-${i}-channel`}
                value={row.channel}
                onChange={(e) => setRow(i, { channel: e.target.value as InboxChannel })}
              >
                {INBOX_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`channel.${c}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => edit({ inboxes: draft.inboxes.filter((_, j) => j !== i) })}
              >
                {t('chatwoot.inboxRemove', { n: i + 1 })}
              </button>
            </div>
          ))}
          {inboxBad ? <p className="form-error">{t('chatwoot.inboxInvalid')}</p> : null}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => edit({ inboxes: [...draft.inboxes, { inbox: '', channel: 'instagram' }] })}
          >
            {t('chatwoot.inboxAdd')}
          </button>
        </fieldset>
      </details>
      <SettingsSave status={status} changed={changed} invalid={invalid} />
    </form>
  );
}
