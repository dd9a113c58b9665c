import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';
import { modelEvalJobSchema } from '../assistant-eval-types.js';

/** "Evaluar mi modelo": start a short eval run against the configured endpoint, and follow it. */
export const assistantEvalRoutes =
  (deps: Pick<ApiDeps, 'modelEval'>): FastifyPluginAsyncZod =>
  async (app) => {
    const jobs = () => {
      if (!deps.modelEval) throw new ApiError(404, 'NOT_FOUND', 'La evaluación no está disponible en este modo.');
      return deps.modelEval;
    };
    app.post(
      '/api/assistant/eval',
      {
        schema: {
          summary: 'Evaluate the configured model',
          operationId: 'startModelEval',
          tags: ['assistant'],
          description:
            'Starts a short run of the eval suite (a few scenarios, one sample each) against the saved endpoint, on a throw-away data folder — never the clinic’s data. Already running: nothing new starts. Returns the job; follow it with GET.',
          body: z.object({}).strict(),
          response: { 200: modelEvalJobSchema },
        },
      },
      async () => jobs().start(),
    );
    app.get(
      '/api/assistant/eval',
      {
        schema: {
          summary: 'The model evaluation’s progress and scorecard',
          operationId: 'getModelEval',
          tags: ['assistant'],
          description:
            'The last run: samples done of total while running, then the scorecard (or why it could not run).',
          response: { 200: modelEvalJobSchema },
        },
      },
      async () => jobs().status(),
    );
  };
