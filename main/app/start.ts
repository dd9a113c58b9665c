// One start of the core, in order: the data folder (lock, logs, backup before migrating,
// database), the services around the pipeline, the pipeline itself, then the listeners.
// Each part pushes how to stop it as it starts; stopping pops them in reverse.
import { mkdirSync } from 'node:fs';
import { closeDatabase } from '../../db/client.js';
import type { RestartStep } from '../http/api-deps.js';
import { StaffActions } from '../inbox/staff-actions.js';
import { createRootLogger } from '../kernel/logger.js';
import { paths } from '../kernel/paths.js';
import { createPipeline } from '../pipeline/index.js';
import { osKeychain } from '../secrets/keychain.js';
import { findLatestBackup } from '../backup/find-latest.js';
import { backupBeforeMigration } from '../backup/pre-migration.js';
import type { CoreOptions, RunningCore } from './core.js';
import { hasExistingInstall, openClinicDatabase, type LatestBackup } from './database-startup.js';
import { acquireDataDirLock } from './lock.js';
import { buildServices } from './services.js';
import { handoffNotifier } from './notifications.js';
import { automationReplyHandlers } from '../automations/replies/index.js';
import { deskMessagePlan } from '../automations/delivery/automation-templates.js';
import { registerNoShows } from './no-shows.js';
import { startListeners } from './wire-http.js';

/** How to stop each part that started, in the order they started. */
export type StopStack = Array<() => Promise<void> | void>;

export async function startOnce(
  options: CoreOptions,
  restart: (between: RestartStep) => Promise<void>,
): Promise<RunningCore> {
  const { config } = options;
  const env = options.env ?? process.env;
  // Looked at before this start creates its own lock and logs: is an empty database a new clinic or a lost one?
  const existingInstall = hasExistingInstall(config.dataDir);
  mkdirSync(config.dataDir, { recursive: true });
  const lock = acquireDataDirLock(config.dataDir);
  const stack: StopStack = [() => lock.release()];
  const unwind = async () => {
    while (stack.length) await stack.pop()?.();
  };
  try {
    return await build(options, env, existingInstall, stack, unwind, restart);
  } catch (error) {
    await unwind();
    throw error;
  }
}

async function build(
  options: CoreOptions,
  env: NodeJS.ProcessEnv,
  existingInstall: boolean,
  stack: StopStack,
  unwind: () => Promise<void>,
  restart: (between: RestartStep) => Promise<void>,
): Promise<RunningCore> {
  const { config } = options;
  const log = await createRootLogger({ dataDir: config.dataDir, level: config.logLevel, stdout: config.logToStdout });
  stack.push(() => new Promise<void>((resolve) => log.flush(() => resolve())));
  const keychain = options.keychain ?? osKeychain();
  const databaseFile = paths(config.dataDir).database;
  // A damaged or lost database is not one to back up: the pre-migration backup skips it,
  // and opening it refuses with the newest backup there is to restore.
  const preMigration = await backupBeforeMigration({ databaseFile, dataDir: config.dataDir, keychain, env, log });
  const latestBackup = options.findLatestBackup ?? (() => latestBackupIn(config.dataDir));
  const db = openClinicDatabase(config.dataDir, existingInstall, latestBackup);
  stack.push(() => closeDatabase(db));

  const services = buildServices({ options, env, log, db, keychain, preMigration, stack });
  const { events, settings, media, understanding, receipts, edits } = services;
  const pipeline = createPipeline({
    db,
    events,
    settings,
    metrics: services.metrics,
    writes: services.writes,
    log,
    dataDir: config.dataDir,
    jobs: services.jobs,
    channels: services.channels.all,
    assistant: services.assistant,
    media,
    understanding,
    deliveryStatus: async (provider, update) => {
      await receipts.apply(provider, update);
    },
    messageEdited: (provider, edit) => edits.apply(provider, edit),
    onHandoff: handoffNotifier(db, services.notifications, log),
    // Answers to reminders and no-show follow-ups, and to the waitlist's offers.
    replyHandlers: [
      ...automationReplyHandlers({ db, agenda: services.agenda, settings }),
      services.waitlist.replyHandler,
    ],
  });
  registerNoShows({
    db,
    agenda: services.agenda,
    settings,
    jobs: services.jobs,
    notifications: services.notifications,
    log,
    onQueued: () => pipeline.replyQueued(),
  });
  const staff = new StaffActions({
    db,
    events,
    settings,
    takeover: pipeline.takeover,
    files: media,
    onReplyQueued: () => pipeline.replyQueued(),
    deskMessagePlan: (chat, confirms, now) => deskMessagePlan({ db, settings }, chat, confirms, now),
  });
  stack.push(() => pipeline.stop());
  await pipeline.start();
  // Background jobs start once the pipeline runs (and stop before it); work that came due while
  // the PC was off (a pause that ran out overnight) runs now.
  services.jobs.start();
  stack.push(() => services.jobs.stop());

  const listening = await startListeners({ config, env, log, db, services, staff, restart, stack });
  services.notifications.setAppUrl(listening.apiUrl);
  const { backups, channels } = services;
  const { turns, outbox } = pipeline;
  return {
    ...listening,
    db,
    log,
    events,
    settings,
    turns,
    outbox,
    simulator: channels.simulator,
    whatsapp: channels.whatsapp,
    backups,
    stop: unwind,
    restart,
  };
}

/** The newest backup file in the data folder's own backups folder, for the message that refuses a damaged database. */
function latestBackupIn(dataDir: string): LatestBackup | null {
  const found = findLatestBackup(dataDir);
  return found ? { path: found.file, createdAt: found.createdAt } : null;
}
