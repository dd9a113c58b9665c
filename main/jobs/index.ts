// The durable-job primitive: a job (job.ts) declares what is owed and how to do it; the
// scheduler (scheduler.ts) is the one owner of timers, overlap, catch-up, retries,
// shutdown and the runs log. Domains declare their jobs next to their code; main/app
// registers them. Sits below the domains: imports only kernel/ and db/.
export { defineJob, type Job, type JobContext, type JobSchedule } from './job.js';
export {
  JobError,
  JobScheduler,
  UnknownJobError,
  type JobRunRow,
  type JobSchedulerDeps,
  type JobSummary,
} from './scheduler.js';
