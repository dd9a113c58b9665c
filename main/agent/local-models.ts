// "Un modelo en esta PC": the first-run setup looks for a local model server on its default
// port, so the owner can choose it without knowing what an address is. Both speak the
// OpenAI API; GET /v1/models lists what they have loaded or downloaded.
import { z } from 'zod';
import { modelFetch } from './model-fetch.js';

export interface LocalServer {
  provider: 'ollama' | 'lmstudio';
  /** The base URL the assistant would use (the same as the settings' preset for it). */
  baseUrl: string;
}

/** The default addresses (Ollama: 11434, LM Studio: 1234), the ones the assistant settings' presets use. */
export const LOCAL_SERVERS: readonly LocalServer[] = [
  { provider: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1' },
  { provider: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1' },
];

export interface FoundServer extends LocalServer {
  models: string[];
}

const modelsSchema = z.object({ data: z.array(z.object({ id: z.string().max(300) })).max(500) });

/**
 * The servers that answered, with their models. Each probe is short: nothing listening
 * answers at once (connection refused), and a PC is not kept waiting for a port that hangs.
 */
export async function findLocalModels(servers = LOCAL_SERVERS, timeoutMs = 1500): Promise<FoundServer[]> {
  const found = await Promise.all(servers.map((server) => probe(server, timeoutMs)));
  return found.filter((s): s is FoundServer => s !== null);
}

async function probe(server: LocalServer, timeoutMs: number): Promise<FoundServer | null> {
  try {
    const res = await modelFetch(`${server.baseUrl}/models`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    const parsed = modelsSchema.safeParse(await res.json());
    return parsed.success ? { ...server, models: parsed.data.data.map((m) => m.id) } : null;
  } catch {
    return null;
  }
}
