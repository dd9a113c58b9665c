// The composition root, read from the top: `startCore` starts once (start.ts: data folder,
// services, pipeline, listeners) and hands back a handle that survives restarts (a
// restore swaps the data folder between a stop and a start).
import type { Db } from '../../db/client.js';
import type { AssistantReplier } from '../agent/assistant.js';
import type { SimulatorChannel } from '../channels/simulator/simulator-channel.js';
import type { BackoffOptions } from '../channels/whatsapp/reconnect-policy.js';
import type { SocketFactory } from '../channels/whatsapp/socket-port.js';
import type { WhatsAppChannel } from '../channels/whatsapp/whatsapp-channel.js';
import type { RestartStep } from '../http/api-deps.js';
import type { OutboxWorker } from '../pipeline/outbox-worker.js';
import type { TurnScheduler } from '../pipeline/turns.js';
import type { Keychain } from '../secrets/keychain.js';
import type { BackupService } from '../backup/service.js';
import type { BootConfig } from '../kernel/config.js';
import { AppEvents } from '../http/app-events.js';
import type { Logger } from '../kernel/logger.js';
import type { SettingsService } from '../http/app-settings.js';
import type { LatestBackup } from './database-startup.js';
import { startOnce } from './start.js';

export type { RestartStep } from '../http/api-deps.js';
export { appVersion } from './version.js';

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
        console.error(
          'Recepta: the restart failed; starting again on the previous data:',
          (error as { code?: string }).code ?? 'error',
        );
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
  config = {
    ...config,
    apiPort: Number(new URL(current.apiUrl).port),
    webhookPort: Number(new URL(current.webhookUrl).port),
  };
  // Whoever holds the handle (the desktop shell's tray, a test) keeps hearing the core
  // that runs now: one bus outside, fed by each start's own, so a restore's restart does
  // not leave the tray listening to a stopped core.
  const events = new AppEvents();
  let unforward = forward(current.events, events);
  const fixed = { stop: () => queue.then(() => current.stop()), restart, events };
  const handle: RunningCore = { ...current, ...fixed };
  return handle;
}

/** Re-emits every event of `from` on `to`; returns the function that stops it. */
function forward(from: AppEvents, to: AppEvents): () => void {
  return from.subscribe((event) => to.emit(event.type, event.data as never));
}
