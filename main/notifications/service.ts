// The notifications core: an event is written to the durable queue once per endpoint
// (or recorded "filtered"), and a job (main/jobs/) delivers the queue with retries and
// exponential backoff, as the outbox does (db/claim.ts). Every attempt is logged.
import { randomUUID } from 'node:crypto';
import { attemptsUsedUp, DEFAULT_BACKOFF, retryDelay, type Backoff } from '../../db/claim.js';
import type { Db } from '../../db/client.js';
import {
  claimDueDeliveries,
  enqueueDelivery,
  enqueueEventDeliveries,
  finishDeliveryAttempt,
  getEndpoint,
  listEnabledEndpoints,
  nextDeliveryDueAt,
  releaseInterruptedDeliveries,
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

export const DELIVERY_JOB = 'notifications.deliver';
/** Tries per delivery before it is marked failed. */
export const DEFAULT_MAX_ATTEMPTS = 5;
const CLAIM_BATCH = 20;

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

  constructor(private readonly deps: NotificationDeps) {
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
      if (rows.some((row) => row.status === 'queued')) this.deps.wake?.();
      return rows;
    }
    const wal = WalSync.for(db);
    const rows = wal.deferred(enqueue);
    if (rows.some((row) => row.status === 'queued'))
      wal.flushed().then(
        () => this.deps.wake?.(),
        (error: unknown) =>
          this.deps.log.warn({ module: 'notifications', err: error }, 'could not flush a notification'),
      );
    return rows;
  }

  /** Queues a test.ping for one endpoint, enabled or not (Ajustes › Integraciones › Probar). */
  test(endpoint: NotificationEndpointRow): NotificationDeliveryRow {
    const row = this.enqueue(endpoint, this.event('test.ping', {}), false);
    this.deps.wake?.();
    return row;
  }

  /** The job that delivers the queue; main/app registers it with the scheduler. */
  job(): Job<NotificationDeliveryRow> {
    return defineJob<NotificationDeliveryRow>({
      name: DELIVERY_JOB,
      schedule: { nextDue: (db) => nextDeliveryDueAt(db) },
      claim: (db, now) => claimDueDeliveries(db, now, CLAIM_BATCH),
      run: (items) => this.attemptAll(items),
    });
  }

  /** Claims and attempts every delivery due now (what the job does; tests call it directly). */
  async deliverDue(): Promise<number> {
    const items = claimDueDeliveries(this.deps.db, this.clock(), CLAIM_BATCH);
    await this.attemptAll(items);
    return items.length;
  }

  /**
   * Each endpoint is its own lane: its deliveries go one after another, in order (a receiver
   * sees events as they happened, and one Slack webhook is not flooded), while the lanes run
   * side by side, so a slow or unreachable endpoint never holds up the others.
   */
  private async attemptAll(items: readonly NotificationDeliveryRow[]): Promise<void> {
    const lanes = new Map<number, NotificationDeliveryRow[]>();
    for (const item of items) lanes.set(item.endpointId, [...(lanes.get(item.endpointId) ?? []), item]);
    await Promise.all(
      [...lanes.entries()].map(async ([endpointId, lane]) => {
        // Read once per lane, not per delivery: the endpoint does not change under one batch.
        const endpoint = getEndpoint(this.deps.db, endpointId);
        for (const item of lane) await this.attempt(item, endpoint);
      }),
    );
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
  private async attempt(row: NotificationDeliveryRow, endpoint: NotificationEndpointRow | undefined): Promise<void> {
    const { db, log } = this.deps;
    const started = performance.now();
    let outcome: SendOutcome;
    if (!endpoint) outcome = { ok: false, statusCode: null, error: 'endpoint deleted' };
    else {
      outcome = await sendToEndpoint(endpoint, row.payload as unknown as NotificationEvent, {
        secret: endpoint.kind === 'slack' ? null : this.deps.secrets.get(endpoint.id),
        appUrl: this.deps.appUrl?.() ?? this.appUrl,
        now: this.clock(),
        timeoutMs: this.deps.timeoutMs,
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
    // Committed without holding the event loop for the disk flush, which the lane then awaits
    // off the main thread before its next attempt: the record is on disk before anything follows it.
    const wal = WalSync.for(db);
    wal.deferred(() =>
      finishDeliveryAttempt(
        db,
        row,
        { status, nextAttemptAt, statusCode: outcome.statusCode, durationMs, error: outcome.error },
        now,
      ),
    );
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
    if (outcome.ok) log.info(fields, 'notification delivered');
    else
      log.warn(
        { ...fields, error: outcome.error },
        status === 'failed' ? 'notification failed' : 'notification attempt failed, will retry',
      );
    await wal.flushed();
  }
}
