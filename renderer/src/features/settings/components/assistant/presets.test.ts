import { describe, expect, it } from 'vitest';
import { PRESETS, providerFor } from './presets';

describe('providerFor', () => {
  it('keeps the saved preset while the URL is still its address', () => {
    expect(providerFor('http://127.0.0.1:11434/v1', 'ollama')).toBe('ollama');
    expect(providerFor('https://api.openai.com/v1/', 'openai')).toBe('openai');
  });

  it('follows the URL when it no longer matches the saved preset (set by OPENAI_BASE_URL, say)', () => {
    expect(providerFor('http://127.0.0.1:1234/v1', 'openai')).toBe('lmstudio');
    expect(providerFor('http://gpu-box.local:8000/v1', 'openai')).toBe('custom');
    expect(providerFor('http://127.0.0.1:11434/v1', undefined)).toBe('ollama');
  });

  it('keeps "custom" even on a preset address', () => {
    expect(providerFor('http://127.0.0.1:11434/v1', 'custom')).toBe('custom');
  });
});

describe('PRESETS', () => {
  it('give every local server a tool-calling model, a longer timeout, and no voice notes it cannot transcribe', () => {
    for (const p of ['ollama', 'lmstudio', 'llamacpp', 'vllm'] as const) {
      expect(PRESETS[p].model).toBeTruthy();
      expect(PRESETS[p].timeoutMs).toBeGreaterThan(PRESETS.openai.timeoutMs);
      expect(PRESETS[p].transcription).toBe(false);
    }
    expect(PRESETS.ollama.model).toBe('qwen2.5:7b-instruct');
    expect(PRESETS.openai).toMatchObject({ vision: true, transcription: true });
  });

  it('are recognised by their address', () => {
    expect(providerFor('http://127.0.0.1:8080/v1', undefined)).toBe('llamacpp');
    expect(providerFor('http://127.0.0.1:8000/v1/', undefined)).toBe('vllm');
  });
});
