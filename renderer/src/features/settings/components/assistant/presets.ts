// Where each provider listens by default. Choosing one fills the base URL; the core only
// ever uses `ai.baseUrl`, so these live in the UI alone.
export type Provider = 'openai' | 'ollama' | 'lmstudio' | 'custom';
export const PROVIDERS: readonly Provider[] = ['openai', 'ollama', 'lmstudio', 'custom'];

export const PRESET_BASE_URL: Record<Exclude<Provider, 'custom'>, string> = {
  openai: 'https://api.openai.com/v1',
  ollama: 'http://127.0.0.1:11434/v1',
  lmstudio: 'http://127.0.0.1:1234/v1',
};

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
