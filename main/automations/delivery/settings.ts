import { z } from 'zod';
import type { SettingsReader } from '../../kernel/settings-store.js';

/**
 * What is done for a reminder that did not arrive: reception phones the patient ("Para
 * llamar"), or the official API sends an approved template through YCloud (when it is set up
 * and a `reminder` template is chosen; until that send exists, it falls back to the call list).
 */
export const deliveryFallbacks = ['call_list', 'template'] as const;
export type DeliveryFallback = (typeof deliveryFallbacks)[number];
const fallback = z.enum(deliveryFallbacks);

/** Proof of delivery (issue 17): the `delivery` settings slice. */
export const deliverySettingsSchema = z.object({
  /** A reminder with no delivery receipt this long after it was sent counts as not delivered. */
  'delivery.timeoutMinutes': z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  /** The fallback per channel (by provider: `whatsapp` is WhatsApp by QR). */
  'delivery.fallbacks': z.object({
    whatsapp: fallback,
    ycloud: fallback,
    evolution: fallback,
    chatwoot: fallback,
  }),
  /**
   * What one template message costs, in US$, shown next to the `template` choice. The default
   * is Argentina's utility rate (≈ US$0.026, late 2026); the clinic corrects it for its country.
   */
  'delivery.templateCostUsd': z.number().min(0).max(10),
});
export type DeliverySettings = z.infer<typeof deliverySettingsSchema>;
export const deliverySettingsDefaults: DeliverySettings = {
  'delivery.timeoutMinutes': 60,
  'delivery.fallbacks': { whatsapp: 'call_list', ycloud: 'call_list', evolution: 'call_list', chatwoot: 'call_list' },
  'delivery.templateCostUsd': 0.026,
};
export type DeliverySettingsReader = SettingsReader<DeliverySettings>;

/** The channel's chosen fallback; a channel without one (the simulator) gets the call list. */
export function fallbackFor(settings: DeliverySettingsReader, provider: string | null): DeliveryFallback {
  const all = settings.get('delivery.fallbacks') as Record<string, DeliveryFallback | undefined>;
  return (provider && all[provider]) || 'call_list';
}
