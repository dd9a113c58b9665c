import type { Db } from '../../db/client.js';
import type { WriteBatcher } from '../../db/write-batcher.js';
import { applyDeliveryStatus } from '../../db/repos/messages.js';
import type { DeliveryUpdate } from '../channels/channel.js';
import type { InboxEventBus } from './events.js';
import { scrub } from '../kernel/logger.js';

export interface ReceiptDeps {
  db: Db;
  events: InboxEventBus;
  /**
   * Group commit. Every reply brings back two receipts (delivered, read); committed on
   * their own, each held the event loop for a disk flush. A "delivered" or "read" lost to
   * a power cut only leaves a tick grey, so those skip the flush; a "failed" does not,
   * because it is what tells staff to act.
   */
  writes?: WriteBatcher;
}

/** Applies providers' delivery and read receipts to the messages we sent, and tells the UI. */
export class DeliveryReceipts {
  constructor(private readonly deps: ReceiptDeps) {}

  /** True when the message moved forward (a late or unknown receipt changes nothing). */
  async apply(provider: string, update: DeliveryUpdate): Promise<boolean> {
    const { db, events, writes } = this.deps;
    const write = () =>
      applyDeliveryStatus(db, provider, update.providerMessageId, update.status, update.error && scrub(update.error));
    const changed = writes ? await writes.run(write, { durable: update.status === 'failed' }) : write();
    if (changed) events.emit('message.updated', { ...changed, status: update.status });
    return changed !== null;
  }
}
