import type { Db } from '../../db/client.js';
import { conversationIdsForAppointment } from '../../db/repos/conversations.js';
import type { AppEvents } from '../kernel/events.js';

/**
 * The inbox shows each chat's next visit ("Turno mañana 10:30"). A visit booked, moved,
 * confirmed or cancelled — from the agenda or by the assistant — changes that line for
 * every chat of its patient, so those chats are announced as updated.
 * Returns the function that stops listening.
 */
export function announceVisitChanges(db: Db, events: AppEvents): () => void {
  return events.subscribe((e) => {
    if (e.type !== 'appointment.changed') return;
    for (const conversationId of conversationIdsForAppointment(db, e.data.appointmentId)) events.emit('conversation.updated', { conversationId });
  });
}
