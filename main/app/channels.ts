import type { Db } from '../../db/client.js';
import type { Channel } from '../channels/channel.js';
import type { WebhookHandler } from '../channels/webhook-handler.js';
import { SimulatorChannel } from '../channels/simulator/simulator-channel.js';
import { createWhatsAppChannel } from '../channels/whatsapp/create-channel.js';
import type { WhatsAppChannel } from '../channels/whatsapp/whatsapp-channel.js';
import { YCloudChannel } from '../channels/ycloud/ycloud-channel.js';
import { templateForAutomation } from '../automations/delivery/automation-templates.js';
import { ChatwootChannel } from '../channels/chatwoot/chatwoot-channel.js';
import { EvolutionChannel } from '../channels/evolution/evolution-channel.js';
import { lastInboundAt } from '../../db/repos/ingest.js';
import { sentMessageText } from '../../db/repos/whatsapp-messages.js';
import { lastPatientMessageAt } from '../../db/repos/messages.js';
import { systemClock } from '../kernel/clock.js';
import type { AppEvents } from '../http/app-events.js';
import type { Logger } from '../kernel/logger.js';
import type { SettingsService } from '../http/app-settings.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { CoreOptions } from './core.js';

/** Every provider this core talks to, by provider name; the API also reaches two of them by type. */
export interface Channels {
  all: ReadonlyMap<string, Channel>;
  simulator: SimulatorChannel;
  whatsapp: WhatsAppChannel;
  ycloud: YCloudChannel;
  chatwoot: ChatwootChannel;
  evolution: EvolutionChannel;
}

interface ChannelsInput {
  options: CoreOptions;
  db: Db;
  events: AppEvents;
  settings: SettingsService;
  secrets: SecretStore;
  log: Logger;
}

/** A new provider is built here and added to `all`; the pipeline, the outbox and the webhook listener find it there. */
export function buildChannels({ options, db, events, settings, secrets, log }: ChannelsInput): Channels {
  const simulator = new SimulatorChannel(() => settings.get('simulator.deliveryUrl'));
  const whatsapp = createWhatsAppChannel({
    db,
    events,
    settings,
    secrets,
    log: log.child({ module: 'whatsapp' }),
    socketFactory: options.whatsappSocketFactory,
    backoff: options.whatsappBackoff,
  });
  const ycloud = new YCloudChannel({
    settings,
    secrets: {
      apiKey: () => secrets.get('ycloudApiKey'),
      webhookSecret: () => secrets.get('ycloudWebhookSecret'),
      webhookToken: () => secrets.internalKey('ycloudWebhookToken').toString('base64url'),
    },
    log: log.child({ module: 'ycloud' }),
    now: systemClock,
    lastInboundAt: (externalUserId) => lastPatientMessageAt(db, 'ycloud', externalUserId),
    templateFor: (automation) => templateForAutomation({ db, settings }, automation),
  });
  const chatwoot = new ChatwootChannel({
    settings,
    secrets: {
      apiToken: () => secrets.get('chatwootApiToken'),
      webhookSecret: () => secrets.get('chatwootWebhookSecret'),
      webhookToken: () => secrets.internalKey('chatwootWebhookToken').toString('base64url'),
    },
    log: log.child({ module: 'chatwoot' }),
    now: systemClock,
  });
  const evolution = new EvolutionChannel({
    settings,
    secrets: {
      apiKey: () => secrets.get('evolutionApiKey'),
      webhookSecret: () => secrets.get('evolutionWebhookSecret'),
      webhookToken: () => secrets.internalKey('evolutionWebhookToken').toString('base64url'),
    },
    log: log.child({ module: 'evolution' }),
    now: systemClock,
    sentByUs: (id) => sentMessageText(db, id, 'evolution') !== null,
    lastReceivedAt: () => lastInboundAt(db, 'evolution'),
    onStatus: (status) => events.emit('channel.status', { provider: 'evolution', ...status }),
  });
  const all = new Map<string, Channel>([
    [simulator.provider, simulator],
    [whatsapp.provider, whatsapp],
    [ycloud.provider, ycloud],
    [chatwoot.provider, chatwoot],
    [evolution.provider, evolution],
  ]);
  return { all, simulator, whatsapp, ycloud, chatwoot, evolution };
}

/** The webhook endpoints the channels carry, for the webhook listener; two for one provider name is a wiring mistake. */
export function webhookHandlersOf(channels: Iterable<Channel>): WebhookHandler[] {
  const handlers: WebhookHandler[] = [];
  for (const channel of channels) {
    if (!channel.webhook) continue;
    if (handlers.some((h) => h.provider === channel.webhook?.provider))
      throw new Error(`two webhook handlers for ${channel.webhook.provider}`);
    handlers.push(channel.webhook);
  }
  return handlers;
}
