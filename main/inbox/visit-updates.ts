import type { Db } from '../../db/client.js';
import { conversationIdsForAppointment } from '../../db/repos/conversations.js';
import type { InboxEventBus } from './events.js';

/**
 * The inbox shows each chat's next visit ("Turno mañana 10:30"). A visit booked, moved,
 * confirmed or cancelled — from the agenda or by the assistant — changes that line for
 * every chat of its patient, so those chats are announced as updated.
 * Returns the function that stops listening.
 */
export function announceVisitChanges(db: Db, events: InboxEventBus): () => void {
  return events.on('appointment.changed', ({ appointmentId }) => {
    for (const conversationId of conversationIdsForAppointment(db, appointmentId))
      events.emit('conversation.updated', { conversationId });
  });
}
