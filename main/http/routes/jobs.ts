import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnknownJobError } from '../../jobs/index.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';
import { jobNameParams, jobRunSchema, jobSchema } from '../jobs-types.js';

/** State-changing routes take a JSON object (may be empty): never a body-less, simple cross-site request. */
const emptyBody = z.object({}).strict();

/** The background jobs (main/jobs/): what each did lately, and running one now. */
export const jobRoutes =
  (deps: Pick<ApiDeps, 'jobs'>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/jobs',
      {
        schema: {
          tags: ['jobs'],
          operationId: 'listJobs',
          summary: 'Background jobs with their last runs',
          response: { 200: z.array(jobSchema) },
        },
      },
      async () => deps.jobs?.list() ?? [],
    );

    app.post(
      '/api/jobs/:name/run',
      {
        schema: {
          tags: ['jobs'],
          operationId: 'runJob',
          summary: 'Run a background job now',
          description:
            'Runs the job at once, whatever its schedule, and answers its run record when it finishes (a job already running answers that run). A failed run is answered 200 with `status: error`.',
          params: jobNameParams,
          body: emptyBody,
          response: { 200: jobRunSchema },
        },
      },
      async (req) => {
        try {
          if (!deps.jobs) throw new UnknownJobError(req.params.name);
          return await deps.jobs.runNow(req.params.name);
        } catch (error) {
          if (error instanceof UnknownJobError)
            throw new ApiError(404, 'JOB_NOT_FOUND', 'No background job has that name.');
          throw error;
        }
      },
    );
  };
