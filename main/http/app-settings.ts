import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { clinicSettingsDefaults, clinicSettingsSchema } from '../agenda/settings.js';
import { agentSettingsDefaults, agentSettingsFromEnv, agentSettingsSchema } from '../agent/settings.js';
import { backupSettingsDefaults, backupSettingsSchema } from '../backup/settings.js';
import { simulatorSettingsDefaults, simulatorSettingsSchema } from '../channels/simulator/settings.js';
import { whatsappSettingsDefaults, whatsappSettingsSchema } from '../channels/whatsapp/settings.js';
import { ycloudSettingsDefaults, ycloudSettingsSchema } from '../channels/ycloud/settings.js';
import { chatwootSettingsDefaults, chatwootSettingsSchema } from '../channels/chatwoot/settings.js';
import { evolutionSettingsDefaults, evolutionSettingsSchema } from '../channels/evolution/settings.js';
import { inboxSettingsDefaults, inboxSettingsSchema } from '../inbox/settings.js';
import { deliverySettingsDefaults, deliverySettingsSchema } from '../automations/delivery/settings.js';
import type { EventPort, KernelEvents } from '../kernel/events.js';
import { kernelSettingsDefaults, kernelSettingsSchema, SettingsStore } from '../kernel/settings-store.js';
import { pipelineSettingsDefaults, pipelineSettingsSchema } from '../pipeline/settings.js';
import { reminderSettingsDefaults, reminderSettingsSchema } from '../automations/reminders/settings.js';
import { noShowSettingsDefaults, noShowSettingsSchema } from '../automations/no-shows/settings.js';
import { setupSettingsDefaults, setupSettingsSchema } from './setup-settings.js';
import { waitlistSettingsDefaults, waitlistSettingsSchema } from '../automations/waitlist/settings.js';
import { slaSettingsDefaults, slaSettingsSchema } from '../automations/sla/settings.js';

/**
 * Every setting the UI can change, with its default: each area's slice, combined once (a new
 * area adds its slice here). Keys are flat and dotted so a partial update is one row per key.
 * Secrets are not here: see main/secrets/. The order of the slices is the order the API lists keys in.
 */
export const settingsSchema = z.object({
  ...kernelSettingsSchema.shape,
  ...clinicSettingsSchema.shape,
  ...agentSettingsSchema.shape,
  ...pipelineSettingsSchema.shape,
  ...inboxSettingsSchema.shape,
  ...simulatorSettingsSchema.shape,
  ...whatsappSettingsSchema.shape,
  ...ycloudSettingsSchema.shape,
  ...chatwootSettingsSchema.shape,
  ...evolutionSettingsSchema.shape,
  ...backupSettingsSchema.shape,
  ...deliverySettingsSchema.shape,
  ...setupSettingsSchema.shape,
  ...reminderSettingsSchema.shape,
  ...waitlistSettingsSchema.shape,
  ...slaSettingsSchema.shape,
  ...noShowSettingsSchema.shape,
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

const DEFAULTS: Omit<Settings, 'installation.id'> = {
  ...kernelSettingsDefaults,
  ...clinicSettingsDefaults,
  ...agentSettingsDefaults,
  ...pipelineSettingsDefaults,
  ...inboxSettingsDefaults,
  ...simulatorSettingsDefaults,
  ...whatsappSettingsDefaults,
  ...ycloudSettingsDefaults,
  ...chatwootSettingsDefaults,
  ...evolutionSettingsDefaults,
  ...backupSettingsDefaults,
  ...deliverySettingsDefaults,
  ...setupSettingsDefaults,
  ...reminderSettingsDefaults,
  ...waitlistSettingsDefaults,
  ...slaSettingsDefaults,
  ...noShowSettingsDefaults,
};

/** Settings only Recepta itself writes: the installation id, which endpoint the AI key is bound to, when the demo was loaded. */
const INTERNAL = { 'installation.id': true, 'ai.keyOrigin': true, 'setup.demoLoadedAt': true } as const;
type InternalKey = keyof typeof INTERNAL;
export type EditableSettings = Omit<Settings, InternalKey>;

/** Settings a receptionist may change through the API. */
export const editableSettingsSchema = settingsSchema.omit(INTERNAL).partial();
export type SettingsPatch = z.infer<typeof editableSettingsSchema>;

const editableShape = settingsSchema.omit(INTERNAL).shape;
type EditableShape = typeof editableShape;

/** What `PATCH /api/settings` takes: any editable key, or `null` to go back to its default (or the environment's value). */
export const settingsPatchSchema = z
  .object(
    Object.fromEntries(Object.entries(editableShape).map(([key, field]) => [key, field.nullable().optional()])) as {
      [K in keyof EditableShape]: z.ZodOptional<z.ZodNullable<EditableShape[K]>>;
    },
  )
  .strict();
export type SettingsPatchOrReset = z.infer<typeof settingsPatchSchema>;

/** The app's one settings store, over every slice. */
export class SettingsService extends SettingsStore<typeof settingsSchema> {
  constructor(db: Db, events: EventPort<KernelEvents>, env: NodeJS.ProcessEnv = process.env) {
    super(db, events, { schema: settingsSchema, defaults: DEFAULTS, env: agentSettingsFromEnv(env) });
  }

  /** Every setting a user may see and change, with its effective value. */
  editable(): EditableSettings {
    const out = {} as Record<string, unknown>;
    for (const key of Object.keys(editableShape) as SettingKey[]) out[key] = this.get(key);
    return out as EditableSettings;
  }

  /**
   * This installation's id, made on first start. It scopes the keychain entries, so
   * two data folders on one PC never share a key; it is not a secret.
   */
  installationId(): string {
    if (!this.isSaved('installation.id')) this.update({ 'installation.id': randomUUID() });
    return this.get('installation.id');
  }
}
