// Background jobs: the shapes the jobs routes serialize with, which the OpenAPI document
// is generated from. A run record carries counts and an error's kind, never patient data.
import { z } from 'zod';

export const jobRunSchema = z.object({
  id: z.number().int(),
  job: z.string(),
  trigger: z.enum(['schedule', 'manual']).describe('Its schedule (or its domain waking it), or someone asking for it'),
  attempt: z.number().int().describe('1 for a first try, then counting retries'),
  startedAt: z.number().int().describe('ms since the epoch, UTC'),
  finishedAt: z.number().int().nullable().describe('null while it runs'),
  items: z.number().int().describe('How many items it claimed'),
  status: z.enum(['running', 'ok', 'error']),
  error: z
    .string()
    .nullable()
    .describe(
      "When it failed: the error's kind and code, and a message only when the job wrote one for this log (the details are in Recepta's log file)",
    ),
});
export type JobRun = z.infer<typeof jobRunSchema>;

export const jobSchema = z.object({
  name: z.string(),
  everyMs: z.number().int().nullable().describe('Its period; null when its own rows say when it is due'),
  maxAttempts: z.number().int(),
  running: z.boolean(),
  nextDueAt: z.number().int().nullable().describe('When it runs next (null: nothing owed)'),
  lastRuns: z.array(jobRunSchema).describe('Its newest runs first'),
});
export type JobInfo = z.infer<typeof jobSchema>;

export const jobNameParams = z.object({ name: z.string().min(1).max(100) });
