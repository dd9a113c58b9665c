// What each provider needs to work out of the box. Choosing one fills its address, a model
// that calls tools well at a size a clinic PC can run, a timeout that allows for local
// inference on a CPU, and turns off images or voice notes where the server has no model
// for them (Ollama, LM Studio and llama.cpp's server have no /audio/transcriptions).
export type Provider = 'openai' | 'ollama' | 'lmstudio' | 'llamacpp' | 'vllm' | 'custom';
export const PROVIDERS: readonly Provider[] = ['openai', 'ollama', 'lmstudio', 'llamacpp', 'vllm', 'custom'];

export interface Preset {
  baseUrl: string;
  model: string;
  timeoutMs: number;
  vision: boolean;
  transcription: boolean;
}

/** A 7–8B model answering a 3,000-token prompt on a CPU takes tens of seconds; OpenAI answers in a few. */
const LOCAL_TIMEOUT_MS = 90_000;

export const PRESETS: Record<Exclude<Provider, 'custom'>, Preset> = {
  openai: {
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    timeoutMs: 25_000,
    vision: true,
    transcription: true,
  },
  ollama: {
    baseUrl: 'http://127.0.0.1:11434/v1',
    model: 'qwen2.5:7b-instruct',
    timeoutMs: LOCAL_TIMEOUT_MS,
    vision: false,
    transcription: false,
  },
  lmstudio: {
    baseUrl: 'http://127.0.0.1:1234/v1',
    model: 'qwen2.5-7b-instruct',
    timeoutMs: LOCAL_TIMEOUT_MS,
    vision: false,
    transcription: false,
  },
  // llama-server answers with whatever model it was started with, whatever the request names.
  llamacpp: {
    baseUrl: 'http://127.0.0.1:8080/v1',
    model: 'qwen2.5-7b-instruct',
    timeoutMs: LOCAL_TIMEOUT_MS,
    vision: false,
    transcription: false,
  },
  vllm: {
    baseUrl: 'http://127.0.0.1:8000/v1',
    model: 'Qwen/Qwen2.5-7B-Instruct',
    timeoutMs: LOCAL_TIMEOUT_MS,
    vision: false,
    transcription: false,
  },
};

export const PRESET_BASE_URL = Object.fromEntries(
  Object.entries(PRESETS).map(([p, preset]) => [p, preset.baseUrl]),
) as Record<Exclude<Provider, 'custom'>, string>;

export const isProvider = (v: unknown): v is Provider =>
  typeof v === 'string' && (PROVIDERS as readonly string[]).includes(v);

/**
 * The preset to show as chosen: the saved one while the base URL is still its address,
 * else the preset whose address it is (a URL set by OPENAI_BASE_URL, or saved before
 * presets existed), else "custom".
 */
export function providerFor(baseUrl: string, saved: unknown): Provider {
  const clean = baseUrl.replace(/\/+$/, '');
  if (saved === 'custom') return saved;
  if (isProvider(saved) && saved !== 'custom' && PRESET_BASE_URL[saved] === clean) return saved;
  return (Object.entries(PRESET_BASE_URL).find(([, url]) => url === clean)?.[0] as Provider | undefined) ?? 'custom';
}
