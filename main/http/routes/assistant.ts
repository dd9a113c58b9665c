import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { testConnection } from '../../ai/connection-test.js';
import { SecretStoreError } from '../../secrets/secret-store.js';
import type { ApiDeps } from '../api-deps.js';
import { testConnectionResultSchema, testConnectionSchema } from '../assistant-types.js';

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
            'Lists the models of an OpenAI-compatible endpoint (the saved one, or unsaved baseUrl/model/apiKey from the form) and checks the chosen model is among them. Always 200: `ok` says whether it worked, `code` why not.',
          body: testConnectionSchema,
          response: { 200: testConnectionResultSchema },
        },
      },
      async (req) => {
        const baseUrl = req.body.baseUrl ?? deps.settings.get('ai.baseUrl');
        let apiKey: string | null;
        try {
          apiKey = req.body.apiKey ?? deps.secrets.get('openaiApiKey');
        } catch (error) {
          if (!(error instanceof SecretStoreError)) throw error;
          return { ok: false as const, baseUrl, code: 'KEYCHAIN_UNAVAILABLE' as const, status: null, models: [], latencyMs: 0 };
        }
        const result = await testConnection({ baseUrl, apiKey, model: req.body.model ?? deps.settings.get('ai.model'), timeoutMs: req.body.timeoutMs });
        // The outcome by kind only: no URL query, key or provider text in the log.
        log.info({ ok: result.ok, code: result.ok ? undefined : result.code, status: result.ok ? undefined : result.status, latencyMs: result.latencyMs }, 'AI connection tested');
        return { ...result, baseUrl };
      },
    );
  };
