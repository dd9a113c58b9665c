import { useId, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useChannels } from '../../api/channels';
import type { ChannelCheck, ChannelView } from '../../../../shared/api/types';
import { AddressCheck } from '../../../../shared/components/AddressCheck';
import { CheckButton } from './CheckButton';
import { StatePill } from './StatePill';
import { WebhookEvents } from './WebhookEvents';
import { WebhookUrlField } from './WebhookUrlField';

/** The webhook providers with a card; each names its i18n namespace (title, intro, steps, testHint). */
export type WebhookProviderKey = 'ycloud' | 'chatwoot' | 'evolution';

interface Props {
  channel: ChannelView;
  kind: WebhookProviderKey;
  /** The provider's name as the quiet-webhook warning says it ("YCloud"). */
  providerName: string;
  /** How many steps `<kind>.step1…stepN` the console instructions have. */
  steps: number;
  /** The clinic has set it up, so a silent webhook deserves a warning. */
  configured: boolean;
  /** "Probar": the provider's check route. */
  check(): Promise<ChannelCheck>;
  /** "Generar una dirección nueva": the provider's rotate route, its answer put in the store. */
  onRotate(): Promise<void>;
  /** The settings form and the write-only keys, above "Probar". */
  children: ReactNode;
  /** Values the steps interpolate (Evolution's header name). */
  stepValues?: Record<string, string>;
  /** Below the two columns, above the last events (YCloud's templates). */
  footer?: ReactNode;
}

const reload = () => void useChannels.getState().load();

/**
 * One frame for every webhook provider's card: the state, the fields, "Probar", the webhook
 * address with its tunnel check, the steps in the provider's console, the last deliveries.
 * A provider brings only its own fields and its routes.
 */
export function WebhookCard(props: Props) {
  const { channel, kind, providerName, steps, configured, check, onRotate, children, footer, stepValues } = props;
  const { t } = useTranslation();
  const id = useId();
  // `steps` says how many each namespace holds; the typed key set cannot count them.
  const stepKeys = Array.from({ length: steps }, (_, i) => `${kind}.step${i + 1}` as 'ycloud.step1');

  return (
    <section className="card channel-card" aria-labelledby={`${id}-title`} data-testid={`${kind}-card`}>
      <header className="channel-card__head">
        <h2 id={`${id}-title`}>{t(`${kind}.title`)}</h2>
        <StatePill state={channel.state} />
      </header>
      <p className="muted">{t(`${kind}.intro`)}</p>
      {channel.reason ? <p className="channel-reason">{channel.reason}</p> : null}
      <div className="webhook-card__grid">
        <div className="webhook-card__fields">
          {children}
          <CheckButton
            hint={t(`${kind}.testHint`)}
            run={async () => {
              const result = await check();
              reload();
              return result;
            }}
          />
        </div>
        <div className="webhook-card__connect">
          <WebhookUrlField url={channel.webhookUrl} onRotate={onRotate} />
          {channel.webhookUrl ? <AddressCheck /> : null}
          <section className="link-steps webhook-steps" aria-labelledby={`${id}-steps`}>
            <h3 id={`${id}-steps`}>{t(`${kind}.stepsTitle`)}</h3>
            <ol>
              {stepKeys.map((key) => (
                <li key={key}>
                  <Trans i18nKey={key} values={stepValues} components={{ strong: <strong />, code: <code /> }} />
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
      {footer}
      <WebhookEvents
        events={channel.webhookEvents ?? []}
        provider={providerName}
        expecting={configured}
        lastHeardAt={channel.lastHeardAt}
        onRefresh={() => useChannels.getState().load()}
      />
    </section>
  );
}
