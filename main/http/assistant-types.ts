// The assistant part of the local API (issue 5): "Probar conexión". The renderer imports
// the types through renderer/src/shared/api/types.d.ts.
import { z } from 'zod';

export const testConnectionSchema = z
  .object({
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional()
      .describe('Unsaved base URL to try; default: the saved ai.baseUrl'),
    model: z.string().trim().min(1).max(120).optional().describe('Model to look for; default: the saved ai.model'),
    apiKey: z
      .string()
      .max(4096)
      .optional()
      .describe(
        'Unsaved key to try (empty: try without a key, as for a local server); default: the saved key, only on the origin it was saved for',
      ),
    timeoutMs: z.number().int().min(500).max(30_000).default(10_000),
  })
  .strict();
export type TestConnection = z.input<typeof testConnectionSchema>;

export const connectionFailureCodes = [
  'AI_NO_KEY',
  'AI_UNREACHABLE',
  'AI_TIMEOUT',
  'AI_KEY_REJECTED',
  'AI_WRONG_URL',
  'AI_MODEL_NOT_FOUND',
  'AI_BAD_RESPONSE',
  'AI_HTTP_ERROR',
  'KEYCHAIN_UNAVAILABLE',
] as const;

export const testConnectionResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    baseUrl: z.string(),
    models: z.array(z.string()).describe('Model ids the endpoint lists (sorted, at most 300)'),
    modelListed: z
      .boolean()
      .nullable()
      .describe('Whether the chosen model is among them; null when the endpoint lists none'),
    tools: z
      .boolean()
      .nullable()
      .describe('Whether the model took a tiny tool call; false: it runs in the no-tools mode; null: unknown'),
    contextLength: z
      .number()
      .int()
      .nullable()
      .describe('Tokens of context the server runs the model with (Ollama, LM Studio); null when not reported'),
    latencyMs: z.number(),
  }),
  z.object({
    ok: z.literal(false),
    baseUrl: z.string(),
    code: z.enum(connectionFailureCodes).describe('Stable: the UI explains each one'),
    status: z.number().int().nullable().describe("The endpoint's HTTP status, when it answered"),
    models: z.array(z.string()),
    latencyMs: z.number(),
  }),
]);
export type TestConnectionResult = z.infer<typeof testConnectionResultSchema>;
