import type { Db } from '../../db/client.js';
import { applyDeliveryStatus } from '../../db/repos/messages.js';
import type { DeliveryUpdate } from '../channels/channel.js';
import type { AppEvents } from '../core/events.js';
import { scrub } from '../core/logger.js';

/** Applies providers' delivery and read receipts to the messages we sent, and tells the UI. */
export class DeliveryReceipts {
  constructor(private readonly deps: { db: Db; events: AppEvents }) {}

  apply(provider: string, update: DeliveryUpdate): boolean {
    const changed = applyDeliveryStatus(this.deps.db, provider, update.providerMessageId, update.status, update.error && scrub(update.error));
    if (changed) this.deps.events.emit('message.updated', { ...changed, status: update.status });
    return changed !== null;
  }
}
