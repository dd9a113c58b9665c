import type { Db } from '../../db/client.js';
import type { WriteBatcher } from '../../db/write-batcher.js';
import {
  claimDueOutbox,
  markOutboxAttemptFailed,
  markOutboxSent,
  releaseClaim,
  releaseInterruptedOutbox,
  type OutboxJob,
} from '../../db/repos/outbox.js';
import { DEFAULT_SEND_POLICY, type Channel } from '../channels/channel.js';
import type { AppEvents } from '../core/events.js';
import { externalError, scrub, type Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import { RateLimiter, typingDelayMs } from './pacing.js';

export interface OutboxWorkerDeps {
  db: Db;
  channels: ReadonlyMap<string, Channel>;
  events: AppEvents;
  log: Logger;
  metrics?: Metrics;
  /** Group commit for "sent"/"failed" records (sends finishing in the same tick share a disk flush). */
  writes?: WriteBatcher;
  /** How often due retries are looked for when nothing wakes the worker. */
  pollMs?: number;
  now?: () => number;
  random?: () => number;
}

const BATCH = 10;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 5 * 60_000;

/** Exponential backoff with ±20 % jitter, so many failed sends do not retry in lockstep. */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(attempt - 1, 0), BACKOFF_CAP_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Sends what the outbox holds. Every step is recorded before the next one: a row is
 * `sending` (attempt counted) before the provider is called and `sent` right after,
 * so a restart resumes exactly where the last run stopped.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private wakeAgain = false;
  private stopped = true;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly limiters = new Map<string, RateLimiter>();
  /** Aborts the typing pauses in flight when the worker stops. */
  private stopping = new AbortController();

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  start(): void {
    const resumed = releaseInterruptedOutbox(this.deps.db, this.now());
    if (resumed > 0) this.deps.log.warn({ resumed }, 'resuming sends interrupted by the last shutdown');
    this.stopped = false;
    this.stopping = new AbortController();
    this.timer = setInterval(() => this.kick(), this.deps.pollMs ?? 1_000);
    this.timer.unref();
    this.kick();
  }

  /** Wakes the worker now (a reply was just queued). */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'outbox drain failed'))
      .finally(() => {
        this.draining = null;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.kick();
        }
      });
  }

  /** Finishes the sends in flight; whatever is still queued stays durable for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.draining;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const jobs = claimDueOutbox(this.deps.db, this.now(), BATCH);
      if (jobs.length === 0) return;
      await Promise.all(jobs.map((job) => this.send(job)));
    }
  }

  private write<T>(fn: () => T): Promise<T> {
    return this.deps.writes ? this.deps.writes.run(fn) : Promise.resolve(fn());
  }

  /** Waits for the channel's send budget and, where it wants one, a person's typing time. False if stopped meanwhile. */
  private async pace(channel: Channel, job: OutboxJob): Promise<boolean> {
    const policy = channel.sendPolicy ?? DEFAULT_SEND_POLICY;
    let limiter = this.limiters.get(channel.provider);
    if (!limiter) {
      limiter = new RateLimiter(policy.maxPerSecond);
      this.limiters.set(channel.provider, limiter);
    }
    await limiter.take();
    if (!policy.humanPacing) return !this.stopped;
    await channel.typing?.(job.externalUserId);
    const signal = this.stopping.signal;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, typingDelayMs(job.text, this.random));
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    return !signal.aborted;
  }

  private async send(job: OutboxJob): Promise<void> {
    const { db, events, log } = this.deps;
    const channel = this.deps.channels.get(job.provider);
    try {
      if (!channel) throw new Error(`no channel is configured for provider ${job.provider}`);
      if (!(await this.pace(channel, job))) {
        releaseClaim(db, job.id, this.now()); // stopped while "typing": nothing left, nothing counted
        return;
      }
      const result = await channel.send({
        idempotencyKey: `recepta-${job.id}`,
        externalUserId: job.externalUserId,
        externalConversationId: job.externalConversationId,
        text: job.text,
      });
      await this.write(() => markOutboxSent(db, job.id, result.providerMessageId, this.now()));
      this.deps.metrics?.messagesOut.inc({ provider: job.provider, outcome: 'sent' });
      events.emit('message.updated', { conversationId: job.conversationId, messageId: job.messageId, status: 'sent' });
    } catch (error) {
      const permanent = Boolean((error as { permanent?: boolean }).permanent) || !channel;
      const reason = scrub(error instanceof Error ? error.message : String(error)).slice(0, 500);
      const retryAt = permanent ? null : this.now() + retryDelay(job.attempts, this.random);
      const outcome = await this.write(() => markOutboxAttemptFailed(db, job.id, reason, retryAt));
      this.deps.metrics?.messagesOut.inc({ provider: job.provider, outcome });
      log.warn({ outboxId: job.id, attempt: job.attempts, outcome, failure: externalError(error) }, 'send failed');
      if (outcome === 'failed') {
        events.emit('message.updated', { conversationId: job.conversationId, messageId: job.messageId, status: 'failed' });
      }
    }
  }
}
