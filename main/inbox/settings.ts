import { z } from 'zod';
import type { SettingsReader } from '../kernel/settings-store.js';

/** The inbox's settings slice: how often a reply (the assistant's or staff's) is tried before it is marked failed. */
export const inboxSettingsSchema = z.object({
  'outbox.maxAttempts': z.number().int().min(1).max(10),
});
export type InboxSettings = z.infer<typeof inboxSettingsSchema>;
export const inboxSettingsDefaults: InboxSettings = { 'outbox.maxAttempts': 3 };

export type InboxSettingsReader = SettingsReader<InboxSettings>;
