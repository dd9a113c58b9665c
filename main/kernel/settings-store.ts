import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { readSettings, writeSettings } from '../../db/repos/settings.js';
import type { EventPort, KernelEvents } from './events.js';

/**
 * The settings store: typed by a zod object schema, stored one row per key. It knows no
 * setting of its own beyond the kernel's (below): each area declares its slice next to its
 * code (`agenda/settings.ts`, `agent/settings.ts`…), `main/http/app-settings.ts` combines them,
 * and a domain depends on a port typed for the slices it reads (`SettingsReader<ClinicSettings>`).
 */

/** A patch: a value per key, or `null` to forget the saved value. */
export type SettingsPatchOf<S> = { [K in keyof S]?: S[K] | null };

/** What a domain that only reads settings is handed. */
export interface SettingsReader<S> {
  get<K extends keyof S & string>(key: K): S[K];
  /** Moves whenever a setting may have changed: what is derived from settings can be kept until then. */
  readonly revision: number;
}

/** What a domain that also saves settings is handed. */
export interface SettingsWriter<S> extends SettingsReader<S> {
  /** Validated before this is called (the API parses its patch). A `null` forgets the saved value. */
  update(patch: SettingsPatchOf<S>): void;
  /** The value a key takes when its saved value is forgotten (`null` in a patch): the environment's, else the default. */
  unsavedValue<K extends keyof S & string>(key: K): S[K] | undefined;
  /** The value the environment gives a key (e.g. OPENAI_BASE_URL), if any. */
  fromEnvironment<K extends keyof S & string>(key: K): S[K] | undefined;
}

export interface SettingsContract<Schema extends z.ZodObject> {
  schema: Schema;
  /** Every key's value when neither the user nor the environment gave one. */
  defaults: Partial<z.infer<Schema>>;
  /** Values the environment provides for headless runs, until the UI saves one. */
  env: Partial<z.infer<Schema>>;
}

/**
 * Defaults, then the environment, then what the user saved (which wins). Reads are
 * from memory, so a hot path may call `get` freely; writes go to the database first.
 */
export class SettingsStore<
  Schema extends z.ZodObject,
  S extends z.infer<Schema> = z.infer<Schema>,
> implements SettingsWriter<S> {
  private saved: Partial<S> = {};
  private changes = 0;

  constructor(
    private readonly db: Db,
    private readonly events: EventPort<KernelEvents>,
    protected readonly contract: SettingsContract<Schema>,
  ) {
    this.reload();
  }

  reload(): void {
    const raw = readSettings(this.db);
    const saved: Record<string, unknown> = {};
    const shape = this.contract.schema.shape as Record<string, z.ZodType | undefined>;
    // A saved value this version cannot read (hand-edited, or from an older version) falls back to its default.
    for (const [key, value] of Object.entries(raw)) {
      if (shape[key]?.safeParse(value).success) saved[key] = value;
    }
    this.saved = saved as Partial<S>;
    this.changes += 1;
  }

  get revision(): number {
    return this.changes;
  }

  get<K extends keyof S & string>(key: K): S[K] {
    const value =
      this.saved[key] ?? (this.contract.env as Partial<S>)[key] ?? (this.contract.defaults as Partial<S>)[key];
    if (value === undefined) throw new Error(`setting ${key} has no value`);
    return value as S[K];
  }

  unsavedValue<K extends keyof S & string>(key: K): S[K] | undefined {
    return ((this.contract.env as Partial<S>)[key] ?? (this.contract.defaults as Partial<S>)[key]) as S[K] | undefined;
  }

  fromEnvironment<K extends keyof S & string>(key: K): S[K] | undefined {
    return (this.contract.env as Partial<S>)[key] as S[K] | undefined;
  }

  /** Whether the user (or Recepta itself) saved a value for this key. */
  isSaved(key: keyof S & string): boolean {
    return this.saved[key] !== undefined;
  }

  update(patch: SettingsPatchOf<S>): void {
    writeSettings(this.db, patch as Record<string, unknown>);
    const saved: Record<string, unknown> = { ...this.saved };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete saved[key];
      else if (value !== undefined) saved[key] = value;
    }
    this.saved = saved as Partial<S>;
    this.changes += 1;
    this.events.emit('settings.updated', { keys: Object.keys(patch) });
  }
}

/** The tunnel's https address (no path, no query), or '' while the clinic has none. */
const publicUrlSchema = z.union([
  z.literal(''),
  z
    .url({ protocol: /^https?$/ })
    .max(300)
    .refine((url) => {
      // zod runs a refinement even after the url check failed: parse defensively.
      if (!URL.canParse(url)) return false;
      const parsed = new URL(url);
      return (parsed.pathname === '/' || parsed.pathname === '') && !parsed.search && !parsed.hash;
    }, 'Only the address, without a path'),
]);

/**
 * The kernel's own settings: which installation this is, the interface's language and theme,
 * how the desktop app behaves with the PC, and the public address every outside URL is built from.
 */
export const kernelSettingsSchema = z.object({
  'installation.id': z.string().min(8),
  'ui.language': z.enum(['es', 'en']),
  /** Claro / Oscuro / Como el sistema. */
  'ui.theme': z.enum(['light', 'dark', 'system']),
  /** Open Recepta (minimised to the tray) when the PC starts. */
  'desktop.openAtLogin': z.boolean(),
  /** Keep the PC from sleeping while a channel is connected. */
  'desktop.keepAwake': z.boolean(),
  /** The tunnel's public address (the webhook listener's); webhook and calendar-feed URLs are built from it. */
  'network.publicUrl': publicUrlSchema,
});
export type KernelSettings = z.infer<typeof kernelSettingsSchema>;
export const kernelSettingsDefaults = {
  'ui.language': 'es',
  'ui.theme': 'system',
  'desktop.openAtLogin': true,
  'desktop.keepAwake': true,
  'network.publicUrl': '',
} satisfies Partial<KernelSettings>;
