import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { readSettings, writeSettings } from '../../db/repos/settings.js';
import { weeklyHoursSchema, type WeeklyHours } from '../agenda/weekly-hours.js';
import { REFERENCE_PRICES, priceTableSchema } from '../agent/usage-cost.js';
import type { AppEvents } from './events.js';

/**
 * Every setting the UI can change, with its default. Keys are flat and dotted so a
 * partial update is one row per key. Secrets are not here: see main/secrets/.
 */
export const settingsSchema = z.object({
  'installation.id': z.string().min(8),
  'ui.language': z.enum(['es', 'en']),
  'clinic.name': z.string().max(120),
  /** Free text the assistant knows about the clinic until the agenda issue gives it tables. */
  'clinic.profile': z.string().max(20_000),
  'clinic.timeZone': z.string().min(1).max(64).refine((zone) => IANAZone.isValidZone(zone), 'Unknown IANA time zone'),
  // The rest of the clinic profile (GET/PUT /api/clinic; see main/agenda/clinic.ts).
  'clinic.address': z.string().max(500),
  'clinic.phone': z.string().max(64),
  'clinic.email': z.union([z.literal(''), z.email().max(254)]),
  /** Read phone numbers written without a country code as this country's. */
  'clinic.defaultCountry': z.string().length(2),
  'clinic.currency': z.string().length(3),
  'clinic.openingHours': weeklyHoursSchema,
  'clinic.cancellationPolicy': z.string().max(4000),
  'clinic.slotMinutes': z.number().int().min(5).max(60),
  /** The number the assistant gives for urgent symptoms (107: SAME, Argentina's medical emergencies). */
  'clinic.emergencyNumber': z.string().trim().min(2).max(20).regex(/^[0-9+ ()-]+$/),
  'assistant.name': z.string().min(1).max(40),
  'ai.baseUrl': z.url().max(500),
  /**
   * Internal, never set through the API: the origin (scheme://host:port) the stored AI key
   * was saved for, the only one it is ever sent to (see main/agent/key-binding.ts). '' for a
   * key saved before keys were bound; 'none' while a key is being replaced.
   */
  'ai.keyOrigin': z.string().max(600),
  'ai.model': z.string().min(1).max(120),
  'ai.timeoutMs': z.number().int().min(1000).max(120_000),
  'ai.historyLimit': z.number().int().min(1).max(100),
  // The assistant (Ajustes › Asistente, issue 5). The provider preset only fills ai.baseUrl in the UI.
  'ai.provider': z.enum(['openai', 'ollama', 'lmstudio', 'custom']),
  'ai.temperature': z.number().min(0).max(2),
  /** Model that describes images patients send; a separate endpoint is optional ('' = ai.baseUrl). */
  'ai.visionModel': z.string().min(1).max(120),
  'ai.visionBaseUrl': z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
  /** Model for voice notes, through the same endpoint's /audio/transcriptions. */
  'ai.transcriptionModel': z.string().min(1).max(120),
  /** How long a turn that answers a voice note waits for its transcript before answering without it. */
  'ai.voiceNoteWaitMs': z.number().int().min(0).max(60_000),
  /** Tool calls the model may make in one turn before it must answer. */
  'ai.maxToolRounds': z.number().int().min(1).max(10),
  /** After a timeout or an unreachable model: the holding reply goes out, and the turn is tried once more after this. */
  'ai.retryDelayMs': z.number().int().min(1_000).max(600_000),
  /** What each model costs, in USD (Ajustes › Asistente › Uso y costo); usage is priced with it when read. */
  'ai.prices': priceTableSchema,
  'assistant.tone': z.enum(['voseo', 'tu', 'usted']),
  'assistant.register': z.enum(['cercano', 'formal']),
  /** 'auto': the patient's language. */
  'assistant.replyLanguage': z.enum(['auto', 'es', 'en']),
  'assistant.customInstructions': z.string().max(4000),
  'assistant.neverDo': z.array(z.string().trim().min(1).max(300)).max(20),
  /** 'outside_hours': only while the clinic is closed (clinic.openingHours); 'off': staff answer everything. */
  'assistant.mode': z.enum(['always', 'outside_hours', 'off']),
  'pipeline.debounceMs': z.number().int().min(0).max(60_000),
  'outbox.maxAttempts': z.number().int().min(1).max(10),
  /**
   * Where the simulator "delivers" replies, if anywhere: an HTTP endpoint that plays the
   * patient's phone (each reply is POSTed as JSON). Empty: replies only show in the inbox.
   */
  'simulator.deliveryUrl': z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
  /** Send WhatsApp read receipts (blue ticks) as messages arrive. Off: the patient sees "read" only when someone did. */
  'whatsapp.readReceipts': z.boolean(),
  /** WhatsApp messages delivered this many hours late (Recepta was off) are stored and shown, not answered. */
  'whatsapp.backlogMaxAgeHours': z.number().int().min(1).max(168),
  /** Anti-ban: answer only chats that wrote to the clinic first. */
  'whatsapp.onlyChatsThatWroteFirst': z.boolean(),
  /** Where backups go (a USB drive, a synced folder): an absolute path, or '' for `<data folder>/backups`. */
  'backup.folder': z.union([z.literal(''), z.string().max(1000).refine((p) => path.isAbsolute(p), 'An absolute folder path')]),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

/** Settings only Recepta itself writes: the installation id, and which endpoint the AI key is bound to. */
const INTERNAL = { 'installation.id': true, 'ai.keyOrigin': true } as const;
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

const DEFAULTS: Omit<Settings, 'installation.id'> = {
  'ui.language': 'es',
  'clinic.name': '',
  'clinic.profile': '',
  'clinic.timeZone': 'America/Argentina/Buenos_Aires',
  'clinic.address': '',
  'clinic.phone': '',
  'clinic.email': '',
  'clinic.defaultCountry': 'AR',
  'clinic.currency': 'ARS',
  'clinic.openingHours': [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })) satisfies WeeklyHours,
  'clinic.cancellationPolicy': '',
  'clinic.slotMinutes': 15,
  'clinic.emergencyNumber': '107',
  'assistant.name': 'Sofi',
  'ai.baseUrl': 'https://api.openai.com/v1',
  'ai.keyOrigin': '',
  'ai.model': 'gpt-4o-mini',
  'ai.timeoutMs': 25_000,
  'ai.historyLimit': 20,
  'ai.provider': 'openai',
  'ai.temperature': 0.3,
  'ai.visionModel': 'gpt-4o-mini',
  'ai.visionBaseUrl': '',
  'ai.transcriptionModel': 'whisper-1',
  'ai.voiceNoteWaitMs': 20_000,
  'ai.maxToolRounds': 4,
  'ai.retryDelayMs': 30_000,
  'ai.prices': REFERENCE_PRICES,
  'assistant.tone': 'voseo',
  'assistant.register': 'cercano',
  'assistant.replyLanguage': 'auto',
  'assistant.customInstructions': '',
  'assistant.neverDo': [
    'Dar diagnósticos ni opinar sobre síntomas: ante un síntoma, ofrecer un turno o derivar a una persona.',
    'Recetar o recomendar medicamentos.',
    'Informar precios que no estén en el catálogo de servicios.',
  ],
  'assistant.mode': 'always',
  'pipeline.debounceMs': 2_000,
  'outbox.maxAttempts': 3,
  'simulator.deliveryUrl': '',
  'whatsapp.readReceipts': false,
  'whatsapp.backlogMaxAgeHours': 12,
  'whatsapp.onlyChatsThatWroteFirst': true,
  'backup.folder': '',
};

/** Environment variables that provide a setting for headless runs, until the UI saves one. */
function fromEnv(env: NodeJS.ProcessEnv): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (env.OPENAI_BASE_URL) out['ai.baseUrl'] = env.OPENAI_BASE_URL;
  if (env.RECEPTA_MODEL) out['ai.model'] = env.RECEPTA_MODEL;
  return out;
}

/**
 * Defaults, then the environment, then what the user saved (which wins). Reads are
 * from memory, so a hot path may call `get` freely; writes go to the database first.
 */
export class SettingsService {
  private saved: Partial<Settings> = {};
  private readonly env: Partial<Settings>;
  private changes = 0;

  constructor(
    private readonly db: Db,
    private readonly events: AppEvents,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.env = fromEnv(env);
    this.reload();
  }

  reload(): void {
    const raw = readSettings(this.db);
    const saved: Record<string, unknown> = {};
    // A saved value this version cannot read (hand-edited, or from an older version) falls back to its default.
    for (const [key, value] of Object.entries(raw)) {
      const field = settingsSchema.shape[key as SettingKey];
      if (field?.safeParse(value).success) saved[key] = value;
    }
    this.saved = saved as Partial<Settings>;
    this.changes += 1;
  }

  /** Moves whenever a setting may have changed: what is derived from settings can be kept until then. */
  get revision(): number {
    return this.changes;
  }

  get<K extends SettingKey>(key: K): Settings[K] {
    const value = this.saved[key] ?? this.env[key] ?? (DEFAULTS as Partial<Settings>)[key];
    if (value === undefined) throw new Error(`setting ${key} has no value`);
    return value as Settings[K];
  }

  /** Every setting a user may see and change, with its effective value. */
  editable(): EditableSettings {
    const out = {} as Record<string, unknown>;
    for (const key of Object.keys(editableShape) as SettingKey[]) out[key] = this.get(key);
    return out as EditableSettings;
  }

  /** The value a key takes when its saved value is forgotten (`null` in a patch): the environment's, else the default. */
  unsavedValue<K extends SettingKey>(key: K): Settings[K] | undefined {
    return (this.env[key] ?? (DEFAULTS as Partial<Settings>)[key]) as Settings[K] | undefined;
  }

  /** The value the environment gives a key (e.g. OPENAI_BASE_URL), if any. */
  fromEnvironment<K extends SettingKey>(key: K): Settings[K] | undefined {
    return this.env[key] as Settings[K] | undefined;
  }

  /**
   * This installation's id, made on first start. It scopes the keychain entries, so
   * two data folders on one PC never share a key; it is not a secret.
   */
  installationId(): string {
    if (!this.saved['installation.id']) this.update({ 'installation.id': randomUUID() });
    return this.get('installation.id');
  }

  /** Validated before this is called (the API uses `settingsPatchSchema`). A `null` forgets the saved value. */
  update(patch: Partial<Settings> | SettingsPatchOrReset): void {
    writeSettings(this.db, patch);
    const saved: Record<string, unknown> = { ...this.saved };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete saved[key];
      else if (value !== undefined) saved[key] = value;
    }
    this.saved = saved as Partial<Settings>;
    this.changes += 1;
    this.events.emit('settings.updated', { keys: Object.keys(patch) });
  }
}
