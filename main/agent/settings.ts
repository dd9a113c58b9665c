import { z } from 'zod';
import type { ClinicSettings } from '../agenda/settings.js';
import type { SettingsWriter } from '../kernel/settings-store.js';
import { REFERENCE_PRICES, priceTableSchema } from './usage-cost.js';

/** The assistant's settings slice (Ajustes › Asistente, issue 5). */
export const agentSettingsSchema = z.object({
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
  'ai.provider': z.enum(['openai', 'ollama', 'lmstudio', 'llamacpp', 'vllm', 'custom']),
  'ai.temperature': z.number().min(0).max(2),
  /** Model that describes images patients send; a separate endpoint is optional ('' = ai.baseUrl). */
  'ai.visionModel': z.string().min(1).max(120),
  'ai.visionBaseUrl': z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
  /** Images and voice notes are sent to a model at all: off for servers without vision or /audio/transcriptions (the presets say which). */
  'ai.vision': z.boolean(),
  'ai.transcription': z.boolean(),
  /** Model for voice notes, through the same endpoint's /audio/transcriptions. */
  'ai.transcriptionModel': z.string().min(1).max(120),
  /** How long a turn that answers a voice note waits for its transcript before answering without it. */
  'ai.voiceNoteWaitMs': z.number().int().min(0).max(60_000),
  /** Tool calls the model may make in one turn before it must answer. */
  'ai.maxToolRounds': z.number().int().min(1).max(10),
  /**
   * `max_tokens` on every chat completion: a reply is a few chat bubbles (~1,200 characters,
   * reply-length.ts), and a runaway model must not write (nor bill) 60,000 characters.
   * A reasoning model (qwen3, deepseek-r1) thinks within this budget too: raise it for one.
   */
  'ai.maxTokens': z.number().int().min(100).max(8_192),
  /**
   * Tokens of context the model runs with (0: not known, 8,192 assumed): the chat history is
   * cut to fit it (history-trim.ts). "Probar conexión" fills it in where the server reports it.
   */
  'ai.contextTokens': z.number().int().min(0).max(10_000_000),
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
});
export type AgentSettings = z.infer<typeof agentSettingsSchema>;

export const agentSettingsDefaults: AgentSettings = {
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
  'ai.vision': true,
  'ai.transcription': true,
  'ai.voiceNoteWaitMs': 20_000,
  'ai.maxToolRounds': 4,
  'ai.maxTokens': 600,
  'ai.contextTokens': 0,
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
};

/** Environment variables that provide a setting for headless runs, until the UI saves one. */
export function agentSettingsFromEnv(env: NodeJS.ProcessEnv): Partial<AgentSettings> {
  const out: Partial<AgentSettings> = {};
  if (env.OPENAI_BASE_URL) out['ai.baseUrl'] = env.OPENAI_BASE_URL;
  if (env.RECEPTA_MODEL) out['ai.model'] = env.RECEPTA_MODEL;
  return out;
}

/** What the agent reads (and, for the AI key's binding, saves): its slice and the clinic's profile. */
export type AgentSettingsStore = SettingsWriter<AgentSettings & ClinicSettings>;
