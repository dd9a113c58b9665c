import type { DeliveryUpdate } from '../channel.js';

/**
 * proto.WebMessageInfo.Status, by number (the protobuf enum is not loaded for this):
 * ERROR 0, PENDING 1, SERVER_ACK 2, DELIVERY_ACK 3, READ 4, PLAYED 5.
 */
const STATUS: Record<number, DeliveryUpdate['status'] | undefined> = {
  0: 'failed',
  2: 'sent',
  3: 'delivered',
  4: 'read',
  5: 'read',
};

export interface WaMessageUpdate {
  key: { id?: string | null; fromMe?: boolean | null };
  update: { status?: number | null; messageStubParameters?: unknown[] | null };
}

/**
 * A receipt for a message this account sent → the pipeline's DeliveryUpdate. A send
 * that resolved can still fail later: the server's NACK arrives here as ERROR with
 * the error code in `messageStubParameters` (e.g. 463 for a contact WhatsApp will not
 * let us message first) — Baileys issue #2794.
 */
export function toDeliveryUpdate(u: WaMessageUpdate): DeliveryUpdate | null {
  if (!u.key.fromMe || !u.key.id || typeof u.update.status !== 'number') return null;
  const status = STATUS[u.update.status];
  if (!status) return null;
  if (status !== 'failed') return { providerMessageId: u.key.id, status };
  const code = u.update.messageStubParameters?.find((p) => typeof p === 'string' && /^\d{3}$/.test(p));
  const error = code
    ? `WhatsApp rechazó el mensaje (código ${String(code)}${code === '463' ? ': el contacto no escribió primero o cambió de identidad' : ''}).`
    : 'WhatsApp rechazó el mensaje.';
  return { providerMessageId: u.key.id, status, error };
}
