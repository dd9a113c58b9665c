import type { Db } from '../../db/client.js';
import { outboxDepth } from '../../db/repos/outbox.js';
import { isFreshDatabase } from '../../db/repos/settings.js';
import { WriteBatcher } from '../../db/write-batcher.js';
import { LlmAssistant, type AssistantReplier } from '../agent/assistant.js';
import { MediaUnderstanding } from '../agent/media-understanding/runner.js';
import { createAgenda } from '../agenda/index.js';
import type { backupBeforeMigration } from '../backup/pre-migration.js';
import { BackupService } from '../backup/service.js';
import { MediaStore, resolveMediaPath } from '../inbox/media-store.js';
import { DeliveryReceipts } from '../inbox/receipts.js';
import { MessageEdits } from '../inbox/edits.js';
import { SearchIndexer } from '../inbox/search-indexer.js';
import { announceVisitChanges } from '../inbox/visit-updates.js';
import { JobScheduler } from '../jobs/index.js';
import { EndpointSecrets } from '../notifications/secrets.js';
import { DELIVERY_JOB, NotificationService } from '../notifications/service.js';
import { wireNotifications } from './notifications.js';
import {
  DELIVERY_CHECK_JOB,
  deliveryCheckJob,
  handleFailedMessage,
  wakeOnFailedMessages,
} from '../automations/delivery/delivery-check.js';
import { wireReminders } from '../automations/reminders/index.js';
import { startWaitlist } from '../automations/waitlist/index.js';
import { slaWatchJob } from '../automations/sla/watch.js';
import { deliveryRetentionJob } from '../notifications/retention.js';
import { DiskMonitor, lowDiskThreshold } from '../kernel/disk-monitor.js';
import { AppEvents } from '../http/app-events.js';
import type { Logger } from '../kernel/logger.js';
import { Metrics } from '../kernel/metrics.js';
import { SettingsService } from '../http/app-settings.js';
import { KnowledgeService } from '../knowledge/service.js';
import type { Keychain } from '../secrets/keychain.js';
import { SecretStore } from '../secrets/secret-store.js';
import { buildChannels, type Channels } from './channels.js';
import type { CoreOptions } from './core.js';
import { loadDemo } from './demo.js';
import { settleSetupState } from './setup-state.js';
import type { StopStack } from './start.js';

export interface ServicesInput {
  options: CoreOptions;
  env: NodeJS.ProcessEnv;
  log: Logger;
  db: Db;
  keychain: Keychain;
  /** The backup taken before this start migrated the database, if it took one. */
  preMigration: Awaited<ReturnType<typeof backupBeforeMigration>>;
  stack: StopStack;
}

/** Everything around the pipeline, built from the configuration; the parts with timers are started here. */
export type Services = ReturnType<typeof buildServices>;

/** The ground and the domains, in dependency order: each part is built from the ones above it. */
export function buildServices({ options, env, log, db, keychain, preMigration, stack }: ServicesInput) {
  const { config } = options;
  const events = new AppEvents();
  // A full disk is announced before it happens (health, push event, banner).
  const disk = new DiskMonitor({
    folder: config.dataDir,
    lowBytes: lowDiskThreshold(env),
    events,
    log: log.child({ module: 'disk' }),
  });
  disk.start();
  stack.push(() => disk.stop());
  const settings = new SettingsService(db, events, env);
  // Background jobs (main/jobs/): one scheduler owns their timers, catch-up at start, retries and runs log.
  // The areas register theirs as they are built; it starts once the pipeline runs.
  const jobs = new JobScheduler({ db, log: log.child({ module: 'jobs' }) });
  const knowledge = new KnowledgeService(db, events);
  // Looked at before anything below writes its first setting (the installation id).
  const demoFolder = config.demo && isFreshDatabase(db);
  const secrets = new SecretStore(keychain, settings.installationId(), env);
  const backups = new BackupService({
    db,
    settings,
    secrets,
    events,
    log: log.child({ module: 'backup' }),
    dataDir: config.dataDir,
  });
  if (preMigration) backups.record(preMigration);
  backups.start();
  stack.push(() => backups.stop());

  const channels: Channels = buildChannels({ options, db, events, settings, secrets, log });
  const metrics = new Metrics(() => outboxDepth(db));
  const writes = new WriteBatcher(db);
  const agenda = createAgenda({ db, settings, events, secrets });
  const loadDemoClinic = () => loadDemo({ settings, knowledge, agenda, events });
  if (demoFolder) {
    const loaded = loadDemoClinic();
    log.info(
      { module: 'core', appointments: loaded.appointments, skipped: loaded.skipped.length },
      'demo clinic loaded into an empty data folder',
    );
  }
  settleSetupState(db, settings);
  const assistant: AssistantReplier =
    options.assistant ??
    new LlmAssistant(
      settings,
      secrets,
      log.child({ module: 'assistant' }),
      Date.now,
      { db, agenda, knowledge },
      events,
    );
  // Images get a description and voice notes a transcript, in the background; the turn reads both.
  const understanding = new MediaUnderstanding({
    db,
    settings,
    secrets,
    events,
    log: log.child({ module: 'media-understanding' }),
    filePath: (row) => resolveMediaPath(config.dataDir, row.path),
  });
  const media = new MediaStore({
    db,
    dataDir: config.dataDir,
    channels: channels.all,
    events,
    log: log.child({ module: 'media' }),
    onAnalysisPending: (id) => understanding.enqueue(id),
  });
  const receipts = new DeliveryReceipts({ db, events, writes });
  const edits = new MessageEdits({ db, events, writes, now: Date.now });
  // Notifications (issue 17): the queue is delivered by a job; the events other areas emit feed it.
  const notifications = new NotificationService({
    db,
    secrets: new EndpointSecrets(secrets),
    log: log.child({ module: 'notifications' }),
    wake: () => jobs.wake(DELIVERY_JOB),
  });
  notifications.start();
  jobs.register(notifications.job());
  // Unwound after the scheduler stopped (start.ts pushes that later): its lanes end, then the SMTP connections close.
  stack.push(() => notifications.stop());
  jobs.register(deliveryRetentionJob(db));
  stack.push(wireNotifications({ db, events, notifications, log }));
  // Proof of delivery (issue 17): reminders never delivered go to "Para llamar"; a refusal is seen at once.
  // A channel whose fallback is `template` gets the reminder again as YCloud's approved template.
  const templates = { db, settings, ycloudReady: () => channels.ycloud.canSend() };
  const deliveryCheck = {
    db,
    settings,
    events,
    notifications,
    templates,
    log: log.child({ module: 'delivery-check' }),
  };
  jobs.register(deliveryCheckJob(deliveryCheck));
  stack.push(
    wakeOnFailedMessages(events, (messageId) => {
      handleFailedMessage(deliveryCheck, messageId, Date.now());
      jobs.wake(DELIVERY_CHECK_JOB);
    }),
  );
  jobs.register(slaWatchJob({ db, settings, notifications, events, log: log.child({ module: 'sla' }) }));
  stack.push(announceVisitChanges(db, events));
  stack.push(
    wireReminders({
      db,
      settings,
      events,
      jobs,
      notifications,
      log: log.child({ module: 'reminders' }),
      now: Date.now,
      templates,
    }),
  );
  // The waitlist (issue 17): freed slots offered to waiting patients; its reply handler goes to the automation router.
  const waitlist = startWaitlist({
    db,
    settings,
    booking: agenda.booking,
    events,
    jobs,
    log: log.child({ module: 'waitlist' }),
    onAccepted: (offer, appointment) =>
      notifications.notify('waitlist.offer_accepted', {
        appointmentId: appointment.id,
        startsAt: new Date(appointment.startAt).toISOString(),
        reason: 'waitlist',
        intent: 'booking',
        patient: notifications.patient({ phone: appointment.patientPhone, name: appointment.patientName }),
      }),
  });
  stack.push(() => waitlist.stop());
  const searchIndexer = new SearchIndexer({ db, events, writes, log: log.child({ module: 'search' }) });
  searchIndexer.start();
  stack.push(() => searchIndexer.stop());
  return {
    events,
    disk,
    settings,
    jobs,
    knowledge,
    secrets,
    backups,
    channels,
    metrics,
    writes,
    agenda,
    assistant,
    understanding,
    media,
    receipts,
    edits,
    notifications,
    waitlist,
    loadDemoClinic,
  };
}
