import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { aiKeyPatchShape, applySettingsPatch } from '../../agent/endpoint-change.js';
import { forgetAiKey, saveAiKey } from '../../agent/key-binding.js';
import { isSecretName, secretNames, type SecretName } from '../../secrets/secret-store.js';
import { secretStatusSchema, setSecretSchema } from '../api-types.js';
import type { ApiDeps } from '../api-deps.js';
import { settingsPatchSchema } from '../app-settings.js';
import { ApiError } from '../errors.js';

const secretParams = z.object({ name: z.string().max(64) });

/** `PATCH /api/settings`: the settings, plus what to do with the AI key when the endpoint changes. */
const settingsPatchWithKeySchema = settingsPatchSchema.extend(aiKeyPatchShape);

export const settingsRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const settingsView = () => deps.settings.editable();

    app.get(
      '/api/settings',
      {
        schema: {
          summary: 'Get the editable settings',
          operationId: 'getSettings',
          tags: ['settings'],
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async () => settingsView(),
    );

    app.patch(
      '/api/settings',
      {
        schema: {
          summary: 'Save settings',
          operationId: 'updateSettings',
          tags: ['settings'],
          description:
            'Saves the given keys; `null` puts a key back to its default (or its environment variable). Saved settings win over environment variables. ' +
            "Moving ai.baseUrl to another origin while a key is stored needs `ai.apiKey` (the new server's key) or `ai.forgetKey: true`; otherwise 409 AI_KEY_OTHER_ENDPOINT and nothing changes.",
          body: settingsPatchWithKeySchema,
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (req) => {
        const outcome = applySettingsPatch(deps.secrets, deps.settings, req.body);
        if (outcome?.refused === 'ENV_SECRET_READ_ONLY') throw envReadOnly();
        if (outcome?.refused === 'AI_KEY_OTHER_ENDPOINT') {
          throw new ApiError(
            409,
            'AI_KEY_OTHER_ENDPOINT',
            'Este servidor es distinto del que tiene la clave guardada, y la clave solo se envía a ese. Ingresá la clave del servidor nuevo, o confirmá que se olvide la guardada.',
          );
        }
        return settingsView();
      },
    );

    const known = (name: string): SecretName => {
      if (!isSecretName(name)) throw new ApiError(404, 'NOT_FOUND', `There is no secret called ${name}.`);
      return name;
    };
    const envReadOnly = () =>
      new ApiError(
        409,
        'ENV_SECRET_READ_ONLY',
        'This secret comes from an environment variable; change it where Recepta is started.',
      );
    const fromEnv = (name: SecretName) => {
      if (deps.secrets.status(name).source === 'env') throw envReadOnly();
    };

    // Secrets can be set, replaced, cleared and asked about — never read back.
    app.get(
      '/api/secrets',
      {
        schema: {
          summary: 'List secrets (status only, never values)',
          operationId: 'listSecrets',
          tags: ['settings'],
          response: { 200: z.array(secretStatusSchema) },
        },
      },
      async () => secretNames.map((n) => deps.secrets.status(n)),
    );

    app.put(
      '/api/secrets/:name',
      {
        schema: {
          summary: 'Set a secret',
          operationId: 'setSecret',
          tags: ['settings'],
          params: secretParams,
          body: setSecretSchema,
          response: { 200: secretStatusSchema },
        },
      },
      async (req) => {
        const name = known(req.params.name);
        fromEnv(name);
        // The AI key is bound to the endpoint it is saved for (main/agent/key-binding.ts).
        if (name === 'openaiApiKey')
          saveAiKey(deps.secrets, deps.settings, req.body.value, deps.settings.get('ai.baseUrl'));
        else deps.secrets.set(name, req.body.value);
        return deps.secrets.status(name);
      },
    );

    app.delete(
      '/api/secrets/:name',
      {
        schema: {
          summary: 'Clear a secret',
          operationId: 'clearSecret',
          tags: ['settings'],
          params: secretParams,
          response: { 200: secretStatusSchema },
        },
      },
      async (req) => {
        const name = known(req.params.name);
        fromEnv(name);
        if (name === 'openaiApiKey') forgetAiKey(deps.secrets, deps.settings);
        else deps.secrets.clear(name);
        return deps.secrets.status(name);
      },
    );
  };
