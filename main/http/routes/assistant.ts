import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { testConnection } from '../../agent/connection-test.js';
import { aiKeyFor, keyIsForAnotherOrigin } from '../../agent/key-binding.js';
import { SecretStoreError } from '../../secrets/secret-store.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';
import { testConnectionResultSchema, testConnectionSchema } from '../assistant-types.js';

const OTHER_ENDPOINT_MESSAGE =
  'Este servidor es distinto del que tiene la clave guardada, y la clave solo se envía a ese. Ingresá la clave de este servidor para probarlo.';

export const assistantRoutes =
  (deps: Pick<ApiDeps, 'settings' | 'secrets' | 'log'>): FastifyPluginAsyncZod =>
  async (app) => {
    const log = deps.log.child({ module: 'assistant' });

    app.post(
      '/api/assistant/test-connection',
      {
        schema: {
          summary: "Test the assistant's model endpoint",
          operationId: 'testAssistantConnection',
          tags: ['assistant'],
          description:
            'Lists the models of an OpenAI-compatible endpoint (the saved one, or unsaved baseUrl/model/apiKey from the form) and checks the chosen model is among them. 200: `ok` says whether it worked, `code` why not. ' +
            'The stored key is sent only to the origin it was saved for: testing another origin needs `apiKey` in the body (409 AI_KEY_OTHER_ENDPOINT otherwise).',
          body: testConnectionSchema,
          response: { 200: testConnectionResultSchema },
        },
      },
      async (req) => {
        const baseUrl = req.body.baseUrl ?? deps.settings.get('ai.baseUrl');
        let apiKey: string | null;
        try {
          if (req.body.apiKey === undefined && keyIsForAnotherOrigin(deps.secrets, deps.settings, baseUrl)) {
            // Sending the stored key to an address typed into a form would be reading it back.
            throw new ApiError(409, 'AI_KEY_OTHER_ENDPOINT', OTHER_ENDPOINT_MESSAGE);
          }
          apiKey = req.body.apiKey ?? aiKeyFor(deps.secrets, deps.settings, baseUrl);
        } catch (error) {
          if (!(error instanceof SecretStoreError)) throw error;
          return {
            ok: false as const,
            baseUrl,
            code: 'KEYCHAIN_UNAVAILABLE' as const,
            status: null,
            models: [],
            latencyMs: 0,
          };
        }
        const model = req.body.model ?? deps.settings.get('ai.model');
        const result = await testConnection({ baseUrl, apiKey, model, timeoutMs: req.body.timeoutMs });
        // The saved model's context, as its server reports it, is what the history is cut to (history-trim.ts).
        const saved = baseUrl === deps.settings.get('ai.baseUrl') && model === deps.settings.get('ai.model');
        if (result.ok && result.contextLength && saved)
          deps.settings.update({ 'ai.contextTokens': result.contextLength });
        // The outcome by kind only: no URL query, key or provider text in the log.
        log.info(
          {
            ok: result.ok,
            code: result.ok ? undefined : result.code,
            status: result.ok ? undefined : result.status,
            latencyMs: result.latencyMs,
          },
          'AI connection tested',
        );
        return { ...result, baseUrl };
      },
    );
  };
