import { z } from 'zod';
import type { SettingsReader } from '../../kernel/settings-store.js';

/** WhatsApp's settings slice. */
export const whatsappSettingsSchema = z.object({
  /** Send WhatsApp read receipts (blue ticks) as messages arrive. Off: the patient sees "read" only when someone did. */
  'whatsapp.readReceipts': z.boolean(),
  /** WhatsApp messages delivered this many hours late (Recepta was off) are stored and shown, not answered. */
  'whatsapp.backlogMaxAgeHours': z.number().int().min(1).max(168),
  /** Anti-ban: answer only chats that wrote to the clinic first. */
  'whatsapp.onlyChatsThatWroteFirst': z.boolean(),
});
export type WhatsAppSettings = z.infer<typeof whatsappSettingsSchema>;
export const whatsappSettingsDefaults: WhatsAppSettings = {
  'whatsapp.readReceipts': false,
  'whatsapp.backlogMaxAgeHours': 12,
  'whatsapp.onlyChatsThatWroteFirst': true,
};

export type WhatsAppSettingsReader = SettingsReader<WhatsAppSettings>;
