import { access } from 'node:fs/promises';
import type { Db } from '../../db/client.js';
import type { WriteBatcher } from '../../db/write-batcher.js';
import { retryDelay } from '../../db/claim.js';
import {
  claimDueOutbox,
  markOutboxAttemptFailed,
  markOutboxSent,
  releaseClaim,
  releaseInterruptedOutbox,
  type OutboxJob,
} from '../../db/repos/outbox.js';
import { DEFAULT_SEND_POLICY, PermanentSendError, type Channel, type OutgoingMedia } from '../channels/channel.js';
import type { PipelineEventBus } from './events.js';
import { externalError, scrub, type Logger } from '../kernel/logger.js';
import type { Metrics } from '../kernel/metrics.js';
import { resolveMediaPath } from '../inbox/media-store.js';
import { RateLimiter, typingDelayMs } from './pacing.js';
import type { Clock } from '../kernel/clock.js';

export interface OutboxWorkerDeps {
  db: Db;
  channels: ReadonlyMap<string, Channel>;
  events: PipelineEventBus;
  log: Logger;
  metrics?: Metrics;
  /** Group commit for "sent"/"failed" records (sends finishing in the same tick share a disk flush). */
  writes?: WriteBatcher;
  /** The data folder: files attached to outgoing messages are read from its `media/`. */
  dataDir?: string;
  /** How often due retries are looked for when nothing wakes the worker. */
  pollMs?: number;
  now?: Clock;
  random?: () => number;
  /** A send failed in a way only a person can fix (the provider's 24-hour window): hand the chat to one. */
  onNeedsPerson?: (conversationId: number, reason: string) => void;
}

/** Sends in flight at once (each to a different chat: a chat's messages go one at a time). */
export const MAX_IN_FLIGHT = 10;
/** A failed send waits the backoff every durable queue uses (db/claim.ts): 2 s, 4 s, 8 s … at most 5 min. */
export { retryDelay };

/**
 * Sends what the outbox holds. Every step is recorded before the next one: a row is
 * `sending` (attempt counted) before the provider is called and `sent` right after,
 * so a restart resumes exactly where the last run stopped.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private wakeAgain = false;
  /** Wakes a drain that is waiting for a send to finish, so a newly queued chat need not wait for it. */
  private wakeDrain: (() => void) | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = true;
  private readonly now: Clock;
  private readonly random: () => number;
  private readonly limiters = new Map<string, RateLimiter>();
  /** When each chat was last sent to, for the channel's per-chat spacing (entries expire as they are read). */
  private readonly lastSentTo = new Map<number, number>();
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
      this.wakeDrain?.();
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
    this.wakeDrain?.();
    await this.draining;
    await Promise.all(this.inFlight);
  }

  /**
   * Keeps up to MAX_IN_FLIGHT sends going, claiming more as each one finishes. One slow
   * chat (a long "typing" pause, a provider timeout) never holds up the others: the claim
   * skips chats that already have a message in flight.
   */
  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const room = MAX_IN_FLIGHT - this.inFlight.size;
      // Through the group commit: the claim shares its disk flush with the replies and sends of the same tick.
      const jobs = room > 0 ? await this.write(() => claimDueOutbox(this.deps.db, this.now(), room)) : [];
      for (const job of jobs) {
        const sending: Promise<void> = this.send(job).finally(() => this.inFlight.delete(sending));
        this.inFlight.add(sending);
      }
      if (jobs.length > 0 && this.inFlight.size < MAX_IN_FLIGHT) continue;
      if (this.inFlight.size === 0) return;
      this.wakeAgain = false;
      await Promise.race([...this.inFlight, new Promise<void>((resolve) => (this.wakeDrain = resolve))]);
      this.wakeDrain = null;
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
    const spacing = this.chatSpacingMs(job.conversationId, policy.perChatIntervalMs ?? 0);
    if (!policy.humanPacing) return spacing > 0 ? this.sleep(spacing) : !this.stopped;
    await channel.typing?.(job.externalUserId);
    return this.sleep(Math.max(spacing, typingDelayMs(job.text, this.random)));
  }

  /** How long this chat must still wait after its previous message. */
  private chatSpacingMs(conversationId: number, intervalMs: number): number {
    const last = this.lastSentTo.get(conversationId);
    if (last === undefined) return 0;
    const wait = last + intervalMs - this.now();
    if (wait <= 0) this.lastSentTo.delete(conversationId);
    return Math.max(wait, 0);
  }

  /** Waits, cut short when the worker stops. False if it stopped meanwhile. */
  private async sleep(ms: number): Promise<boolean> {
    const signal = this.stopping.signal;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
    return !signal.aborted;
  }

  /**
   * The stored file a job carries, as the channel needs it; null when it carries none.
   * A file gone from the media folder cannot come back by retrying: that is a permanent
   * failure, reported without the path (which names the user's folders).
   */
  private async outgoingMedia(job: OutboxJob): Promise<OutgoingMedia | null> {
    if (!job.mediaPath) return null;
    const filePath = this.deps.dataDir ? resolveMediaPath(this.deps.dataDir, job.mediaPath) : null;
    const present =
      filePath !== null &&
      (await access(filePath).then(
        () => true,
        () => false,
      ));
    if (!present) throw new PermanentSendError('the attached file is no longer in the media folder');
    const kind =
      job.mediaKind === 'image' || job.mediaKind === 'audio' || job.mediaKind === 'video' ? job.mediaKind : 'document';
    return {
      kind,
      filePath,
      mimeType: job.mediaMimeType ?? 'application/octet-stream',
      fileName: job.mediaFileName ?? undefined,
    };
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
      const media = await this.outgoingMedia(job);
      const result = await channel.send({
        idempotencyKey: `recepta-${job.id}`,
        externalUserId: job.externalUserId,
        externalConversationId: job.externalConversationId,
        text: job.text,
        ...(media ? { media } : {}),
        ...(job.template ? { template: job.template } : {}),
        ...(job.automation ? { automation: job.automation } : {}),
      });
      this.lastSentTo.set(job.conversationId, this.now());
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
        events.emit('message.updated', {
          conversationId: job.conversationId,
          messageId: job.messageId,
          status: 'failed',
        });
        if ((error as { needsPerson?: boolean }).needsPerson) this.deps.onNeedsPerson?.(job.conversationId, reason);
      }
    }
  }
}
