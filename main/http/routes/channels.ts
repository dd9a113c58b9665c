import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LinkError, type WhatsAppChannel } from '../../channels/whatsapp/whatsapp-channel.js';
import type { YCloudChannel } from '../../channels/ycloud/ycloud-channel.js';
import type { ChatwootChannel } from '../../channels/chatwoot/chatwoot-channel.js';
import type { EvolutionChannel } from '../../channels/evolution/evolution-channel.js';
import type { WebhookHandler } from '../../channels/webhook-handler.js';
import type { Settings } from '../app-settings.js';
import type { ApiDeps } from '../api-deps.js';
import {
  chatwootSettingsSchema,
  channelCheckSchema,
  channelViewSchema,
  evolutionSettingsSchema,
  linkRequestSchema,
  simulatorSettingsSchema,
  whatsappDetailsSchema,
  whatsappSettingsSchema,
  ycloudSettingsSchema,
  ycloudTemplatesSchema,
  type ChannelView,
} from '../channels-types.js';
import { ApiError } from '../errors.js';
import { templateCost } from '../../channels/ycloud/template-send.js';
import { phoneCountry } from '../../kernel/phone.js';
import { lastChatActivityAt } from '../../../db/repos/channel-activity.js';

/** Each configurable integration: its settings as the API names them ↔ the settings keys. */
const SETTINGS = {
  whatsapp: {
    schema: whatsappSettingsSchema,
    keys: {
      readReceipts: 'whatsapp.readReceipts',
      backlogMaxAgeHours: 'whatsapp.backlogMaxAgeHours',
      onlyChatsThatWroteFirst: 'whatsapp.onlyChatsThatWroteFirst',
    },
  },
  ycloud: {
    schema: ycloudSettingsSchema,
    keys: {
      apiBaseUrl: 'ycloud.apiBaseUrl',
      phoneNumber: 'ycloud.phoneNumber',
      signatureToleranceSeconds: 'ycloud.signatureToleranceSeconds',
      backlogMaxAgeHours: 'ycloud.backlogMaxAgeHours',
      templates: 'ycloud.templates',
    },
  },
  chatwoot: {
    schema: chatwootSettingsSchema,
    keys: {
      apiBaseUrl: 'chatwoot.apiBaseUrl',
      accountId: 'chatwoot.accountId',
      inboxChannels: 'chatwoot.inboxChannels',
      requireSignature: 'chatwoot.requireSignature',
      signatureToleranceSeconds: 'chatwoot.signatureToleranceSeconds',
      backlogMaxAgeHours: 'chatwoot.backlogMaxAgeHours',
    },
  },
  evolution: {
    schema: evolutionSettingsSchema,
    keys: {
      apiBaseUrl: 'evolution.apiBaseUrl',
      instance: 'evolution.instance',
      authHeader: 'evolution.authHeader',
      backlogMaxAgeHours: 'evolution.backlogMaxAgeHours',
    },
  },
  simulator: { schema: simulatorSettingsSchema, keys: { deliveryUrl: 'simulator.deliveryUrl' } },
} as const satisfies Record<string, { schema: z.ZodObject; keys: Record<string, keyof Settings> }>;

/** Each provider's API address and the stored key that may be sent there. */
const API_KEYS = [
  ['ycloud.apiBaseUrl', 'ycloudApiKey'],
  ['chatwoot.apiBaseUrl', 'chatwootApiToken'],
  ['evolution.apiBaseUrl', 'evolutionApiKey'],
] as const;

type Configurable = keyof typeof SETTINGS;
const isConfigurable = (p: string): p is Configurable => Object.hasOwn(SETTINGS, p);

const providerParams = z.object({ provider: z.string().max(32) });

/** The URL to paste in the provider's console: the tunnel's address, then the provider's secret path. */
export function publicWebhookUrl(deps: Pick<ApiDeps, 'settings'>, webhook: WebhookHandler): string | null {
  const base = deps.settings.get('network.publicUrl');
  const token = webhook.token();
  return base && token ? `${base.replace(/\/+$/, '')}/webhooks/${webhook.provider}/${token}` : null;
}

/** An integration's settings, under the names the API gives them. */
function settingsOf(deps: Pick<ApiDeps, 'settings'>, provider: Configurable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(SETTINGS[provider].keys)) out[name] = deps.settings.get(key);
  return out;
}

type WebhookProvider = 'ycloud' | 'chatwoot' | 'evolution';

/** A webhook provider as the Canales page shows it: state, settings, public URL, last deliveries. */
export function webhookChannelView(
  deps: Pick<ApiDeps, 'settings' | 'db'>,
  provider: WebhookProvider,
  channel: YCloudChannel | ChatwootChannel | EvolutionChannel,
): ChannelView {
  const events = channel.recentEvents();
  return {
    provider,
    ...channel.status(),
    settings: settingsOf(deps, provider),
    webhookUrl: publicWebhookUrl(deps, channel.webhook),
    webhookEvents: events,
    lastHeardAt: lastHeard(events[0]?.at ?? null, lastChatActivityAt(deps.db, provider)),
  };
}

const lastHeard = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

export const channelRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const view = (provider: Configurable): ChannelView => {
      if (provider === 'whatsapp') {
        const wa = whatsapp();
        return {
          provider,
          ...wa.status(),
          settings: settingsOf(deps, provider),
          webhookUrl: null,
          whatsapp: wa.details(),
        };
      }
      if (provider === 'ycloud') return webhookChannelView(deps, provider, ycloud());
      if (provider === 'chatwoot') return webhookChannelView(deps, provider, chatwoot());
      if (provider === 'evolution') return webhookChannelView(deps, provider, evolution());
      return { provider, ...deps.simulator.status(), settings: settingsOf(deps, provider), webhookUrl: null };
    };

    const ycloud = (): YCloudChannel => {
      if (!deps.ycloud) throw new ApiError(404, 'NOT_FOUND', 'YCloud is not available in this build.');
      return deps.ycloud;
    };

    const chatwoot = (): ChatwootChannel => {
      if (!deps.chatwoot) throw new ApiError(404, 'NOT_FOUND', 'Chatwoot is not available in this build.');
      return deps.chatwoot;
    };

    const evolution = (): EvolutionChannel => {
      if (!deps.evolution) throw new ApiError(404, 'NOT_FOUND', 'Evolution is not available in this build.');
      return deps.evolution;
    };

    const whatsapp = (): WhatsAppChannel => {
      if (!deps.whatsapp) throw new ApiError(404, 'NOT_FOUND', 'WhatsApp is not available in this build.');
      return deps.whatsapp;
    };

    app.get(
      '/api/channels',
      {
        schema: {
          summary: 'List channels',
          operationId: 'listChannels',
          tags: ['channels'],
          description: 'Every integration: state, settings and webhook URL.',
          response: { 200: z.array(channelViewSchema) },
        },
      },
      async () =>
        (Object.keys(SETTINGS) as Configurable[])
          .filter(
            (p) =>
              (p !== 'whatsapp' || deps.whatsapp) &&
              (p !== 'ycloud' || deps.ycloud) &&
              (p !== 'chatwoot' || deps.chatwoot) &&
              (p !== 'evolution' || deps.evolution),
          )
          .map(view),
    );

    app.put(
      '/api/channels/:provider',
      {
        schema: {
          summary: "Change a channel's settings",
          operationId: 'updateChannel',
          tags: ['channels'],
          description:
            "Changes an integration's settings (only the fields sent). whatsapp: readReceipts, backlogMaxAgeHours, onlyChatsThatWroteFirst; ycloud: apiBaseUrl, phoneNumber, signatureToleranceSeconds, backlogMaxAgeHours, templates; chatwoot: apiBaseUrl, accountId, inboxChannels, requireSignature, signatureToleranceSeconds, backlogMaxAgeHours; evolution: apiBaseUrl, instance, authHeader, backlogMaxAgeHours; simulator: deliveryUrl.",
          params: providerParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: channelViewSchema },
        },
      },
      async (req) => {
        const provider = req.params.provider;
        if (!isConfigurable(provider))
          throw new ApiError(404, 'CHANNEL_NOT_CONFIGURABLE', `There is no configurable channel called ${provider}.`);
        const parsed = SETTINGS[provider].schema.partial().strict().safeParse(req.body);
        if (!parsed.success)
          throw new ApiError(
            400,
            'VALIDATION_FAILED',
            parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
          );
        const keys = SETTINGS[provider].keys as Record<string, keyof Settings>;
        const patch: Partial<Settings> = {};
        for (const [name, value] of Object.entries(parsed.data))
          if (value !== undefined) (patch as Record<string, unknown>)[keys[name]!] = value;
        // The stored API key goes only to the API it was saved for: a new address needs the key typed again.
        for (const [address, secret] of API_KEYS) {
          const moves =
            patch[address] !== undefined &&
            patch[address] !== deps.settings.get(address) &&
            deps.secrets.status(secret).source === 'keychain';
          if (moves) deps.secrets.clear(secret);
        }
        if (Object.keys(patch).length) deps.settings.update(patch);
        return view(provider);
      },
    );

    app.post(
      '/api/channels/whatsapp/link',
      {
        schema: {
          summary: 'Start linking WhatsApp',
          operationId: 'linkWhatsApp',
          tags: ['channels'],
          description:
            'Starts linking WhatsApp: a QR to scan, or (method "phone") an 8-character code to type on that phone. The QR and the code arrive as channel.status events. With a stored session, reconnects it.',
          body: linkRequestSchema,
          response: { 202: whatsappDetailsSchema },
        },
      },
      async (req, reply) => {
        try {
          const details = await whatsapp().link({ method: req.body.method, phone: req.body.phone });
          return reply.status(202).send(details);
        } catch (error) {
          if (error instanceof LinkError) {
            throw error.code === 'WHATSAPP_ALREADY_LINKED'
              ? new ApiError(409, error.code, error.message)
              : new ApiError(503, error.code, error.message);
          }
          throw error;
        }
      },
    );

    app.post(
      '/api/channels/ycloud/check',
      {
        schema: {
          summary: 'Check the YCloud credentials',
          operationId: 'checkYCloud',
          tags: ['channels'],
          description:
            "The card's \"Probar\": asks YCloud for the account's numbers with the stored key and looks for the clinic's.",
          body: z.object({}).strict().optional(),
          response: { 200: channelCheckSchema },
        },
      },
      async () => ycloud().check(),
    );

    app.get(
      '/api/channels/ycloud/templates',
      {
        schema: {
          summary: "List the YCloud number's approved templates",
          operationId: 'listYCloudTemplates',
          tags: ['channels'],
          description:
            'The APPROVED templates of the YCloud account (GET /v2/whatsapp/templates), for the card to map each purpose (reminder, confirmation, waitlist offer) to one; `ok: false` with the reason when YCloud could not be asked.',
          response: { 200: ycloudTemplatesSchema },
        },
      },
      async () => {
        const answer = await ycloud().templates();
        const number = deps.settings.get('ycloud.phoneNumber');
        const country = number ? phoneCountry(number) : null;
        if (!answer.ok) return { ...answer, templates: [], country };
        const ownerPrice = deps.settings.get('delivery.templateCostUsd');
        const templates = answer.templates.map((t) => ({ ...t, cost: templateCost(t.category, number, ownerPrice) }));
        return { ok: true, templates, country };
      },
    );

    app.post(
      '/api/channels/ycloud/webhook-token',
      {
        schema: {
          summary: 'Make a new YCloud webhook URL',
          operationId: 'rotateYCloudWebhookToken',
          tags: ['channels'],
          description: 'A new secret path token: the old webhook URL stops working at once.',
          body: z.object({}).strict().optional(),
          response: { 200: channelViewSchema },
        },
      },
      async () => {
        deps.secrets.forgetInternalKey('ycloudWebhookToken');
        return view('ycloud');
      },
    );

    app.post(
      '/api/channels/whatsapp/unlink',
      {
        schema: {
          summary: 'Unlink WhatsApp',
          operationId: 'unlinkWhatsApp',
          tags: ['channels'],
          description: 'Logs this device out of WhatsApp and forgets the session.',
          response: { 200: whatsappDetailsSchema },
        },
      },
      async () => whatsapp().unlink(),
    );
  };
