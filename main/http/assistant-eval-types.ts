// "Evaluar mi modelo" (Ajustes › Asistente): a short run of the eval suite against the
// configured endpoint, as a job the UI polls. The renderer imports the types through
// renderer/src/shared/api/types.d.ts.
import { z } from 'zod';

const groupSchema = z.object({ scenarios: z.number().int(), passK: z.number(), mean: z.number() });

export const modelEvalSummarySchema = z.object({
  k: z.number().int(),
  model: groupSchema,
  safetyNet: groupSchema,
  all: groupSchema,
  wrongActions: z.number().int(),
  modelNeverAnswered: z.boolean(),
  results: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      kind: z.enum(['model', 'safety-net']),
      samples: z.number().int(),
      passed: z.number().int(),
      reasons: z.array(z.string()),
      failures: z.array(z.string()),
    }),
  ),
});

export const modelEvalJobSchema = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  /** Samples finished and in all (0 of 0 until the run reports its first). */
  done: z.number().int(),
  total: z.number().int(),
  /** The scenario that just finished. */
  scenario: z.string().nullable(),
  model: z.string().nullable(),
  startedAt: z.string().nullable(),
  summary: modelEvalSummarySchema.nullable(),
  /** The run's exit code meaning: 0 passed, 1 under the minimum or a wrong action, 3 the model never answered. */
  verdict: z.object({ code: z.number().int(), why: z.string() }).nullable(),
  /** Why a failed run could not finish (plain words, never a stack). */
  error: z.string().nullable(),
});
export type ModelEvalJob = z.infer<typeof modelEvalJobSchema>;
export type ModelEvalSummary = z.infer<typeof modelEvalSummarySchema>;

/** The job the app layer runs (a child process); the route only starts and reads it. */
export interface ModelEvalJobs {
  /** Starts a run unless one is running; either way returns the job as it is now. */
  start(): ModelEvalJob;
  status(): ModelEvalJob;
}
