import { mkdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { closeDatabase, type Db } from '../../db/client.js';
import { outboxDepth } from '../../db/repos/outbox.js';
import { isFreshDatabase } from '../../db/repos/settings.js';
import { WriteBatcher } from '../../db/write-batcher.js';
import { LlmAssistant, type AssistantReplier } from '../agent/assistant.js';
import { MediaUnderstanding } from '../agent/media-understanding/runner.js';
import type { Channel } from '../channels/channel.js';
import { SimulatorChannel } from '../channels/simulator/simulator-channel.js';
import { createWhatsAppChannel } from '../channels/whatsapp/create-channel.js';
import type { BackoffOptions } from '../channels/whatsapp/reconnect-policy.js';
import type { SocketFactory } from '../channels/whatsapp/socket-port.js';
import type { WhatsAppChannel } from '../channels/whatsapp/whatsapp-channel.js';
import { createAgenda } from '../agenda/index.js';
import { buildApiApp } from '../http/api-app.js';
import { buildWebhookApp } from '../http/webhook-app.js';
import { createIngest } from '../pipeline/ingest.js';
import { MediaStore, resolveMediaPath } from '../inbox/media-store.js';
import { OutboxWorker } from '../pipeline/outbox-worker.js';
import { announceVisitChanges } from '../inbox/visit-updates.js';
import { DeliveryReceipts } from '../inbox/receipts.js';
import { KnowledgeService } from '../knowledge/service.js';
import { StaffActions } from '../inbox/staff-actions.js';
import { Takeover } from '../pipeline/takeover.js';
import { SearchIndexer } from '../inbox/search-indexer.js';
import { TurnScheduler } from '../pipeline/turns.js';
import { osKeychain, type Keychain } from '../secrets/keychain.js';
import { SecretStore } from '../secrets/secret-store.js';
import { findLatestBackup } from '../backup/find-latest.js';
import { backupBeforeMigration } from '../backup/pre-migration.js';
import { BackupService } from '../backup/service.js';
import type { BootConfig } from '../kernel/config.js';
import { loadDemoClinic, loadDemoClinicAgenda } from './demo.js';
import { AppEvents } from '../http/app-events.js';
import { DiskMonitor, lowDiskThreshold } from '../kernel/disk-monitor.js';
import { Metrics } from '../kernel/metrics.js';
import { hasExistingInstall, openClinicDatabase, type LatestBackup } from './database-startup.js';
import { acquireDataDirLock } from './lock.js';
import { createRootLogger, type Logger } from '../kernel/logger.js';
import { paths } from '../kernel/paths.js';
import { SettingsService } from '../http/app-settings.js';
import { addressForOthers, lanCertificate, type LanCertificate } from '../http/tls.js';

export interface CoreOptions {
  config: BootConfig;
  env?: NodeJS.ProcessEnv;
  /** Tests may hand in another keychain; the app always uses the OS one. */
  keychain?: Keychain;
  /** Tests may replace the assistant; the app always uses the LLM one. */
  assistant?: AssistantReplier;
  /** Tests drive WhatsApp with a fake socket (and short retry waits); the app uses Baileys'. */
  whatsappSocketFactory?: SocketFactory;
  whatsappBackoff?: BackoffOptions;
  /** The newest backup, named when start-up refuses a damaged or emptied database. */
  findLatestBackup?: () => LatestBackup | null;
}

export interface RunningCore {
  /** The local API as this PC reaches it (https:// when TLS is on). */
  apiUrl: string;
  webhookUrl: string;
  /** The one-time URL that opens the UI with the session token; in LAN mode, at the address other PCs use. */
  openUrl: string;
  /** SHA-256 fingerprint of the local API's certificate when it serves HTTPS, for the other PCs to compare. */
  tlsFingerprint: string | null;
  readyLine: string;
  db: Db;
  log: Logger;
  events: AppEvents;
  settings: SettingsService;
  turns: TurnScheduler;
  outbox: OutboxWorker;
  simulator: SimulatorChannel;
  whatsapp: WhatsAppChannel;
  backups: BackupService;
  stop(): Promise<void>;
  /**
   * Stops the core, runs `between` with the data folder closed (a restore swaps it), and
   * starts again on the same ports and token. If `between` fails or the new start does,
   * the undo `between` returned runs and the core starts on what was there before.
   */
  restart(between: RestartStep): Promise<void>;
}

/** Work done while the core is stopped; may return how to undo it. */
export type RestartStep = () => Promise<(() => void) | void> | (() => void) | void;

/**
 * The composition root. Builds every service from the configuration, starts them in
 * dependency order, and returns a `stop` that undoes it in reverse: listeners first
 * (no new work), then turns and the outbox (in-flight work finishes, the rest stays
 * durable), then channels, then the database.
 */
export async function startCore(options: CoreOptions): Promise<RunningCore> {
  let config = options.config;
  let queue: Promise<unknown> = Promise.resolve();
  const restart = (between: RestartStep): Promise<void> => {
    const run = queue.then(async () => {
      await current.stop();
      let undo: (() => void) | void = undefined;
      try {
        undo = await between();
        current = await startOnce({ ...options, config }, restart);
      } catch (error) {
        console.error('Recepta: the restart failed; starting again on the previous data:', (error as { code?: string }).code ?? 'error');
        undo?.();
        current = await startOnce({ ...options, config }, restart);
      }
      unforward();
      unforward = forward(current.events, events);
      Object.assign(handle, current, fixed);
    });
    queue = run.catch(() => undefined);
    return run;
  };
  let current = await startOnce(options, restart);
  // A restart comes back at the same address, even when port 0 let the first start pick one.
  config = { ...config, apiPort: Number(new URL(current.apiUrl).port), webhookPort: Number(new URL(current.webhookUrl).port) };
  // Whoever holds the handle (the desktop shell's tray, a test) keeps hearing the core
  // that runs now: one bus outside, fed by each start's own, so a restore's restart does
  // not leave the tray listening to a stopped core.
  const events = new AppEvents();
  let unforward = forward(current.events, events);
  const fixed = { stop: () => queue.then(() => current.stop()), restart, events };
  const handle: RunningCore = { ...current, ...fixed };
  return handle;
}

async function startOnce(options: CoreOptions, restart: (between: RestartStep) => Promise<void>): Promise<RunningCore> {
  const { config } = options;
  const env = options.env ?? process.env;
  // Looked at before this start creates its own lock and logs: is an empty database a new clinic or a lost one?
  const existingInstall = hasExistingInstall(config.dataDir);
  mkdirSync(config.dataDir, { recursive: true });
  const lock = acquireDataDirLock(config.dataDir);
  const stack: Array<() => Promise<void> | void> = [() => lock.release()];
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
  stack: Array<() => Promise<void> | void>,
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

  const events = new AppEvents();
  // A full disk is announced before it happens (health, push event, banner).
  const disk = new DiskMonitor({ folder: config.dataDir, lowBytes: lowDiskThreshold(env), events, log: log.child({ module: 'disk' }) });
  disk.start();
  stack.push(() => disk.stop());
  const settings = new SettingsService(db, events, env);
  const knowledge = new KnowledgeService(db, events);
  const demoFolder = config.demo && isFreshDatabase(db);
  if (demoFolder) {
    loadDemoClinic(settings, knowledge);
    log.info({ module: 'core' }, 'demo clinic loaded into an empty data folder');
  }
  const secrets = new SecretStore(keychain, settings.installationId(), env);
  const backups = new BackupService({ db, settings, secrets, events, log: log.child({ module: 'backup' }), dataDir: config.dataDir });
  if (preMigration) backups.record(preMigration);
  backups.start();
  stack.push(() => backups.stop());

  const simulator = new SimulatorChannel(() => settings.get('simulator.deliveryUrl'));
  const whatsapp = createWhatsAppChannel({
    db,
    events,
    settings,
    secrets,
    log: log.child({ module: 'whatsapp' }),
    socketFactory: options.whatsappSocketFactory,
    backoff: options.whatsappBackoff,
  });
  const channels = new Map<string, Channel>([
    [simulator.provider, simulator],
    [whatsapp.provider, whatsapp],
  ]);
  const metrics = new Metrics(() => outboxDepth(db));
  const writes = new WriteBatcher(db);
  const outbox = new OutboxWorker({ db, channels, events, metrics, writes, dataDir: config.dataDir, log: log.child({ module: 'outbox' }) });
  const agenda = createAgenda({ db, settings, events, secrets });
  if (demoFolder) {
    const loaded = loadDemoClinicAgenda(agenda, settings, events);
    log.info({ module: 'core', appointments: loaded.appointments, skipped: loaded.skipped.length }, 'demo agenda loaded');
  }
  const assistant = options.assistant ?? new LlmAssistant(settings, secrets, log.child({ module: 'assistant' }), Date.now, { db, agenda, knowledge }, events);
  // Images get a description and voice notes a transcript, in the background; the turn reads both.
  const understanding = new MediaUnderstanding({
    db,
    settings,
    secrets,
    events,
    log: log.child({ module: 'media-understanding' }),
    filePath: (row) => resolveMediaPath(config.dataDir, row.path),
  });
  const takeover = new Takeover({ db, events, log: log.child({ module: 'takeover' }) });
  takeover.start();
  stack.push(() => takeover.stop());
  const turns = new TurnScheduler({
    db,
    settings,
    assistant,
    events,
    metrics,
    writes,
    log: log.child({ module: 'turns' }),
    onReplyQueued: () => outbox.kick(),
    // The assistant called handoff_to_human: its reply says someone will answer, and the chat waits for them.
    onHandoff: (id, reason) => takeover.pause(id, `handoff:${reason}`),
    awaitVoiceNotes: (id) => understanding.waitForVoiceNotes(id, settings.get('ai.voiceNoteWaitMs')),
  });
  const media = new MediaStore({
    db,
    dataDir: config.dataDir,
    channels,
    events,
    log: log.child({ module: 'media' }),
    onAnalysisPending: (id) => understanding.enqueue(id),
  });
  const staff = new StaffActions({ db, events, settings, takeover, files: media, onReplyQueued: () => outbox.kick() });
  const ingest = createIngest({
    db,
    events,
    log: log.child({ module: 'ingest' }),
    metrics,
    onPatientMessage: (id) => turns.schedule(id),
    // Staff answered from their phone or the provider's inbox: the assistant steps back, as if they had used Recepta.
    onStaffMessage: (id) => takeover.pause(id, 'staff_echo'),
    onMedia: (id) => media.enqueue(id),
    defaultCountry: () => settings.get('clinic.defaultCountry'),
  });
  const receipts = new DeliveryReceipts({ db, events, writes, log: log.child({ module: 'receipts' }) });
  stack.push(announceVisitChanges(db, events));
  const searchIndexer = new SearchIndexer({ db, events, writes, log: log.child({ module: 'search' }) });
  searchIndexer.start();
  stack.push(() => searchIndexer.stop());

  for (const channel of channels.values()) {
    await channel.start({ inbound: ingest, deliveryStatus: (update) => receipts.record(channel.provider, update) });
    stack.push(() => channel.stop());
  }
  // Media stops before the channels: a download through a channel would otherwise fail at shutdown.
  stack.push(() => media.stop());
  const resumedMedia = media.resumePending();
  if (resumedMedia) log.info({ module: 'media', resumed: resumedMedia }, 'resuming media downloads');
  const resumedJobs = understanding.resumePending();
  if (resumedJobs) log.info({ module: 'media-understanding', resumed: resumedJobs }, 'resuming image descriptions and transcriptions');
  outbox.start();
  stack.push(() => outbox.stop());
  const resumed = turns.resumeOwed();
  if (resumed) log.info({ module: 'turns', resumed }, 'resuming chats that were waiting for an answer');
  // turns.stop() marks the scheduler stopped before the runner releases a turn waiting for a transcript:
  // that turn then leaves its messages owed for the next start instead of answering without the words.
  stack.push(() => Promise.all([turns.stop(), understanding.stop()]).then(() => undefined));

  const webhookApp = buildWebhookApp({ log, handlers: [], limits: { maxConnections: config.webhookMaxConnections } });
  const certificate = config.tls ? await lanCertificate(config.dataDir, config.host) : null;
  const apiApp = await buildApiApp({
    db,
    log,
    events,
    settings,
    secrets,
    channels,
    simulator,
    whatsapp,
    staff,
    knowledge,
    agenda,
    metrics,
    dataDir: config.dataDir,
    backups,
    restart,
    mediaLimitBytes: media.limitBytes,
    disk: () => disk.status(),
    version: appVersion(),
    token: config.token,
    lan: config.lan,
    tls: certificate ? { key: certificate.key, cert: certificate.cert } : null,
    tlsFingerprint: certificate?.fingerprint256 ?? null,
    allowedHosts: (env.RECEPTA_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    rendererDir: paths(config.dataDir).renderer,
  });
  // Only the tunnel needs the webhook listener, and it runs on this PC: loopback even in LAN mode.
  const webhookUrl = await listen(webhookApp, config.lan ? '127.0.0.1' : config.host, config.webhookPort, stack);
  const apiUrl = await listen(apiApp, config.host, config.apiPort, stack, certificate ? 'https' : 'http');
  const sharedUrl = config.lan ? urlFor(apiUrl, addressForOthers(config.host)) : apiUrl;
  const openUrl = `${sharedUrl}/?token=${encodeURIComponent(config.token)}`;
  const readyLine = `Recepta ready: ${openUrl} (webhooks on ${webhookUrl.replace('http://', '')})${readyLineTls(certificate)}`;
  log.info({ module: 'core', api: sharedUrl, webhooks: webhookUrl, tls: certificate?.fingerprint256 ?? 'off' }, 'Recepta ready');
  if (config.lan && !certificate) {
    log.warn({ module: 'core' }, 'LAN mode without TLS: the session token crosses the network in clear text unless a reverse proxy in front does TLS');
  }

  return { apiUrl, webhookUrl, openUrl, tlsFingerprint: certificate?.fingerprint256 ?? null, readyLine, db, log, events, settings, turns, outbox, simulator, whatsapp, backups, stop: unwind, restart };
}

function readyLineTls(certificate: LanCertificate | null): string {
  return certificate ? ` TLS certificate SHA-256 ${certificate.fingerprint256}` : '';
}

/** The same URL at another host (the LAN address in place of a wildcard bind). */
function urlFor(url: string, host: string): string {
  const u = new URL(url);
  u.hostname = host.includes(':') ? `[${host}]` : host;
  return u.origin;
}

async function listen(app: FastifyInstance, host: string, port: number, stack: Array<() => Promise<void> | void>, scheme: 'http' | 'https' = 'http'): Promise<string> {
  await app.listen({ host, port });
  stack.push(() => app.close());
  const address = app.server.address();
  const realPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `${scheme}://${shownHost}:${realPort}`;
}

let version: string | undefined;
/** The version in package.json (read once; the file sits at the project root in source and packaged layouts). */
export function appVersion(): string {
  version ??= (JSON.parse(readFileSync(paths('').packageJson, 'utf8')) as { version: string }).version;
  return version;
}

/** The newest backup file in the data folder's own backups folder, for the message that refuses a damaged database. */
function latestBackupIn(dataDir: string): LatestBackup | null {
  const found = findLatestBackup(dataDir);
  return found ? { path: found.file, createdAt: found.createdAt } : null;
}

/** Re-emits every event of `from` on `to`; returns the function that stops it. */
function forward(from: AppEvents, to: AppEvents): () => void {
  return from.subscribe((event) => to.emit(event.type, event.data as never));
}
