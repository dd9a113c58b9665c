// The notifications core: an event is written to the durable queue once per endpoint
// (or recorded "filtered"), and a job (main/jobs/) delivers the queue with retries and
// exponential backoff, as the outbox does (db/claim.ts). Every attempt is logged.
// Delivery runs beside the message pipeline, so the main thread's part is small: one lane per
// endpoint claims its own due deliveries a few at a time, builds each body and records each
// outcome, yielding to the event loop between them; the requests go out from a low-priority
// thread (send-thread.ts) over kept-open connections.
import { randomUUID } from 'node:crypto';
import { attemptsUsedUp, DEFAULT_BACKOFF, retryDelay, type Backoff } from '../../db/claim.js';
import { transaction, type Db } from '../../db/client.js';
import {
  claimLaneDeliveries,
  dueDeliveryEndpoints,
  enqueueDelivery,
  enqueueEventDeliveries,
  finishDeliveryAttempts,
  getEndpoint,
  listEnabledEndpoints,
  nextDeliveryDueAt,
  releaseInterruptedDeliveries,
  type DeliveryAttemptRecord,
  type EventDelivery,
  type NotificationDeliveryRow,
  type NotificationEndpointRow,
} from '../../db/repos/notifications.js';
import { WalSync } from '../../db/wal-sync.js';
import { defineJob, type Job } from '../jobs/index.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import { EndpointAdmin } from './endpoints.js';
import type { NotificationEvent, NotificationEventName, NotificationPayload } from './events.js';
import { firstNameOnly, phoneHash } from './privacy.js';
import type { EndpointSecrets } from './secrets.js';
import { sendToEndpoint, type SendOutcome } from './senders.js';
import { SendThread } from './send-thread.js';

export const DELIVERY_JOB = 'notifications.deliver';
/** Tries per delivery before it is marked failed. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Deliveries a lane claims at a time: the claim's disk flush is shared by these. */
const LANE_BATCH = 20;

/** An attempt's record waits at most this long to be written with others (a slow endpoint's, alone). */
const RECORD_WITHIN_MS = 250;

/** One delivery run: the lanes it opened (more may join while it lasts) and what they did. */
interface DeliveryRun {
  attempted: number;
  error: unknown;
  signal: AbortSignal | undefined;
}

/** Lets the event loop serve what waits (a patient's message) before the next step. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits until `at` (performance.now()), or at least for the next turn of the event loop. */
const paced = (at: number) => {
  const wait = at - performance.now();
  return wait >= 1 ? new Promise<void>((resolve) => setTimeout(resolve, wait)) : nextTurn();
};

/**
 * A lane starts a delivery at most this often (100 a second per endpoint). Notifications are
 * background work beside the patients' messages on one main thread: a burst (1,000 events)
 * is spread over seconds instead of taking a third of the thread while it lasts, and no
 * endpoint is flooded (Slack asks for about one message a second per webhook, short bursts allowed).
 */
export const LANE_INTERVAL_MS = 10;

export interface NotificationDeps {
  db: Db;
  secrets: EndpointSecrets;
  log: Logger;
  clock?: Clock;
  /** The local app's address, for links back to a chat; null when unknown. */
  appUrl?: () => string | null;
  /** Tells the scheduler the queue changed (JobScheduler.wake). */
  wake?: () => void;
  maxAttempts?: number;
  backoff?: Backoff;
  random?: () => number;
  /** Per-attempt network timeout. */
  timeoutMs?: number;
  /** The least time between two deliveries of one endpoint (default LANE_INTERVAL_MS). */
  laneIntervalMs?: number;
}

/** A patient as events may name them: a salted phone hash and a first name at most. */
export interface PatientRef {
  phone?: string | null | undefined;
  name?: string | null | undefined;
}

/** Whether an endpoint wants this event: its event list (empty: all) and, when set, its intents. */
export function endpointWants(endpoint: NotificationEndpointRow, event: NotificationEvent): boolean {
  if (event.type === 'test.ping') return true;
  if (endpoint.events.length > 0 && !endpoint.events.includes(event.type)) return false;
  if (endpoint.intents && endpoint.intents.length > 0) {
    return event.data.intent !== undefined && endpoint.intents.includes(event.data.intent);
  }
  return true;
}

export class NotificationService {
  private readonly clock: Clock;
  private readonly maxAttempts: number;
  /** Known once the API listens (main/app sets it); links are left out until then. */
  private appUrl: string | null = null;

  /** The endpoints' rows and keychain secrets (Ajustes › Integraciones). */
  readonly endpoints: EndpointAdmin;
  /** Each endpoint's lane, while it has deliveries to make. */
  private readonly lanes = new Map<number, Promise<void>>();
  private run: DeliveryRun | null = null;
  /** Where requests go out from: the network's work is kept off the main thread. */
  private readonly thread = new SendThread();

  private readonly laneIntervalMs: number;

  constructor(private readonly deps: NotificationDeps) {
    this.laneIntervalMs = deps.laneIntervalMs ?? LANE_INTERVAL_MS;
    this.clock = deps.clock ?? Date.now;
    this.maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.endpoints = new EndpointAdmin(deps.db, deps.secrets, this.clock);
  }

  setAppUrl(url: string): void {
    this.appUrl = url;
  }

  /** Gives back the attempts a crash interrupted (call once at start, before the job runs). */
  start(): void {
    const released = releaseInterruptedDeliveries(this.deps.db, this.clock());
    if (released)
      this.deps.log.warn({ released }, 'notification deliveries interrupted by the last shutdown will retry');
  }

  /** Waits for the lanes under way (the scheduler stopped them from claiming more), then closes the SMTP connections and the sending thread. */
  async stop(): Promise<void> {
    while (this.lanes.size > 0) await Promise.all(this.lanes.values());
    await this.thread.close();
  }

  /** The patient as a payload may carry them: never the phone itself. */
  patient(ref: PatientRef): NotificationPayload['patient'] {
    if (!ref.phone) return undefined;
    return { phoneHash: phoneHash(this.deps.secrets.phoneSalt(), ref.phone), firstName: firstNameOnly(ref.name) };
  }

  /**
   * Queues an event for every enabled endpoint (filtered ones are recorded as such). It runs
   * on the main thread beside the message pipeline, so it is kept cheap: one prepared
   * statement for all endpoints, and the disk flush taken off the event loop (WalSync) —
   * the delivery job is woken once the rows are on disk, so nothing is sent that a power
   * cut could take back.
   */
  notify(type: NotificationEventName, data: NotificationPayload): EventDelivery[] {
    const { db } = this.deps;
    const event = this.event(type, data);
    const targets = listEnabledEndpoints(db).map((endpoint) => ({
      endpointId: endpoint.id,
      filtered: !endpointWants(endpoint, event),
    }));
    const payload = { ...event } as unknown as Record<string, unknown>;
    const enqueue = () => enqueueEventDeliveries(db, { type: event.type, payload }, targets, this.clock());
    // Inside a caller's transaction its commit is the one that counts: wake as soon as asked.
    if (db.$client.inTransaction) {
      const rows = enqueue();
      this.wakeFor(rows);
      return rows;
    }
    const wal = WalSync.for(db);
    const rows = wal.deferred(enqueue);
    if (rows.some((row) => row.status === 'queued'))
      wal.flushed().then(
        () => this.wakeFor(rows),
        (error: unknown) =>
          this.deps.log.warn({ module: 'notifications', err: error }, 'could not flush a notification'),
      );
    return rows;
  }

  /** Queues a test.ping for one endpoint, enabled or not (Ajustes › Integraciones › Probar). */
  test(endpoint: NotificationEndpointRow): NotificationDeliveryRow {
    const row = this.enqueue(endpoint, this.event('test.ping', {}), false);
    this.wakeFor([{ endpointId: row.endpointId, status: 'queued' }]);
    return row;
  }

  /**
   * New deliveries are owed: a run under way opens their endpoints' lanes itself (a lane that
   * had finished would otherwise wait for the slowest one to end the run); else the job is woken.
   * A lane starts on a later turn of the event loop, so it claims after the caller's commit.
   */
  private wakeFor(rows: readonly Pick<EventDelivery, 'endpointId' | 'status'>[]): void {
    const owed = rows.filter((row) => row.status === 'queued');
    if (owed.length === 0) return;
    const run = this.run;
    if (run) for (const row of owed) this.openLane(row.endpointId, run);
    else this.deps.wake?.();
  }

  /** The job that delivers the queue; main/app registers it with the scheduler. Its items are endpoints with work due. */
  job(): Job<number> {
    return defineJob<number>({
      name: DELIVERY_JOB,
      schedule: { nextDue: (db) => nextDeliveryDueAt(db) },
      claim: (db, now) => dueDeliveryEndpoints(db, now),
      run: (endpointIds, ctx) => this.deliver(endpointIds, ctx.signal),
    });
  }

  /** Delivers everything due now, every endpoint in its lane (what the job does; tests call it directly). Returns the attempts made. */
  async deliverDue(): Promise<number> {
    return this.deliver(dueDeliveryEndpoints(this.deps.db, this.clock()));
  }

  /**
   * Each endpoint is its own lane: its deliveries go one after another, in order (a receiver
   * sees events as they happened, and one Slack webhook is not flooded), while the lanes run
   * side by side, so a slow or unreachable endpoint never holds up the others. The run lasts
   * until every lane has nothing due, lanes opened meanwhile (wakeFor) included.
   */
  private async deliver(endpointIds: readonly number[], signal?: AbortSignal): Promise<number> {
    const run: DeliveryRun = (this.run ??= { attempted: 0, error: null, signal });
    const before = run.attempted;
    try {
      for (const endpointId of endpointIds) this.openLane(endpointId, run);
      while (this.lanes.size > 0) await Promise.all(this.lanes.values());
    } finally {
      if (this.run === run) this.run = null;
    }
    // A lane that failed (the database, not an endpoint: those are outcomes) fails the run: the scheduler retries it.
    if (run.error) throw run.error;
    return run.attempted - before;
  }

  private openLane(endpointId: number, run: DeliveryRun): void {
    if (this.lanes.has(endpointId)) return;
    const lane = this.lane(endpointId, run)
      .catch((error: unknown) => {
        run.error ??= error;
      })
      .finally(() => {
        if (this.lanes.get(endpointId) === lane) this.lanes.delete(endpointId);
      });
    this.lanes.set(endpointId, lane);
  }

  /**
   * One endpoint's deliveries, a batch at a time until none is due. Each claim (its attempts
   * counted) is flushed to disk, off the main thread, before anything is sent. The attempts'
   * records are written together — with the next claim, or once the oldest has waited
   * RECORD_WITHIN_MS, or at the lane's end — and flushed with the next claim (the WAL is
   * written in order). So a crash or power cut can send again what was sent in that last
   * moment: delivery is at least once. A stop ends the lane between two attempts: what it had
   * claimed and not tried is given back at the next start (start()).
   */
  private async lane(endpointId: number, run: DeliveryRun): Promise<void> {
    const { db } = this.deps;
    const wal = WalSync.for(db);
    const records: DeliveryAttemptRecord[] = [];
    let oldestAt = 0;
    const record = () => wal.deferred(() => finishDeliveryAttempts(db, records.splice(0)));
    await nextTurn();
    try {
      while (!run.signal?.aborted) {
        const batch = wal.deferred(() =>
          transaction(db, () => {
            finishDeliveryAttempts(db, records.splice(0));
            return claimLaneDeliveries(db, endpointId, this.clock(), LANE_BATCH);
          }),
        );
        if (batch.length === 0) break;
        // Read once per batch, not per delivery; a deleted endpoint's e-mail connection is closed.
        const endpoint = getEndpoint(db, endpointId);
        if (!endpoint) this.thread.forget(endpointId);
        await wal.flushed();
        for (const item of batch) {
          if (run.signal?.aborted) break;
          const started = performance.now();
          if (records.length === 0) oldestAt = started;
          records.push(await this.attempt(item, endpoint));
          run.attempted++;
          if (performance.now() - oldestAt >= RECORD_WITHIN_MS) record();
          await paced(started + this.laneIntervalMs);
        }
      }
    } finally {
      record();
      await wal.flushed();
    }
  }

  private event(type: NotificationEventName, data: NotificationPayload): NotificationEvent {
    return { id: randomUUID(), type, at: this.clock(), data };
  }

  private enqueue(endpoint: NotificationEndpointRow, event: NotificationEvent, filtered: boolean) {
    const payload = { ...event } as unknown as Record<string, unknown>;
    return enqueueDelivery(
      this.deps.db,
      { endpointId: endpoint.id, event: event.type, payload, filtered },
      this.clock(),
    );
  }

  /** One attempt at one claimed delivery: sent, retried after a backoff, or failed for good. */
  private async attempt(
    row: NotificationDeliveryRow,
    endpoint: NotificationEndpointRow | undefined,
  ): Promise<DeliveryAttemptRecord> {
    const { log } = this.deps;
    const started = performance.now();
    let outcome: SendOutcome;
    if (!endpoint) outcome = { ok: false, statusCode: null, error: 'endpoint deleted' };
    else {
      outcome = await sendToEndpoint(endpoint, row.payload as unknown as NotificationEvent, {
        secret: endpoint.kind === 'slack' ? null : this.deps.secrets.get(endpoint.id),
        appUrl: this.deps.appUrl?.() ?? this.appUrl,
        now: this.clock(),
        timeoutMs: this.deps.timeoutMs,
        thread: this.thread,
      });
    }
    const durationMs = Math.round(performance.now() - started);
    const now = this.clock();
    const givingUp = !outcome.ok && (!endpoint || attemptsUsedUp(row.attempts, this.maxAttempts));
    const status = outcome.ok ? 'sent' : givingUp ? 'failed' : 'queued';
    const nextAttemptAt =
      status === 'queued'
        ? now + retryDelay(row.attempts, this.deps.random, this.deps.backoff ?? DEFAULT_BACKOFF)
        : null;
    const fields = {
      module: 'notifications',
      deliveryId: row.id,
      endpointId: row.endpointId,
      event: row.event,
      attempt: row.attempts,
      statusCode: outcome.statusCode,
      durationMs,
      status,
    };
    // A success is in the attempts log (notification_attempts, shown in the UI); the log file needs only the failures.
    if (outcome.ok) log.debug(fields, 'notification delivered');
    else
      log.warn(
        { ...fields, error: outcome.error },
        status === 'failed' ? 'notification failed' : 'notification attempt failed, will retry',
      );
    return {
      delivery: row,
      outcome: { status, nextAttemptAt, statusCode: outcome.statusCode, durationMs, error: outcome.error },
      now,
    };
  }
}
