// Notifications (issue 17) hear the events other areas already emit and turn them into the
// public events endpoints subscribe to. Only ids travel on the bus; the patient is looked up
// here and reduced to a phone hash and a first name (main/notifications/privacy.ts).
import type { Db } from '../../db/client.js';
import { getAppointment } from '../../db/repos/appointments.js';
import { getConversation } from '../../db/repos/conversations.js';
import { getPatient } from '../../db/repos/patients.js';
import type { AgendaEvents } from '../agenda/events.js';
import { isEmergencyHandoff } from '../agent/emergency-net.js';
import type { AppEvents } from '../http/app-events.js';
import type { Logger } from '../kernel/logger.js';
import type { NotificationEventName } from '../notifications/events.js';
import type { NotificationService } from '../notifications/service.js';

const RESERVATION_EVENTS: Record<AgendaEvents['appointment.changed']['kind'], NotificationEventName> = {
  created: 'reservation.created',
  rescheduled: 'reservation.modified',
  edited: 'reservation.modified',
  status: 'reservation.modified',
  cancelled: 'reservation.cancelled',
  confirmed: 'reservation.confirmed',
};

export interface NotificationWiring {
  db: Db;
  events: AppEvents;
  notifications: NotificationService;
  log: Logger;
}

/** Subscribes; returns the function that stops listening. A notification never breaks what emitted it. */
export function wireNotifications({ db, events, notifications, log }: NotificationWiring): () => void {
  const safely =
    <T>(what: string, handle: (data: T) => void) =>
    (data: T) => {
      try {
        handle(data);
      } catch (error) {
        log.warn({ module: 'notifications', what, err: error }, 'could not queue a notification');
      }
    };
  // The last state each channel reported, so only a change to disconnected is news.
  const channelStates = new Map<string, string>();
  const offs = [
    events.on(
      'appointment.changed',
      safely('appointment', ({ appointmentId, kind, source }) => {
        const appointment = getAppointment(db, appointmentId);
        const patient = appointment ? getPatient(db, appointment.patientId) : undefined;
        notifications.notify(RESERVATION_EVENTS[kind], {
          appointmentId,
          startsAt: appointment ? new Date(appointment.startAt).toISOString() : undefined,
          reason: source,
          // The intent an endpoint may filter on: a cancellation is its own topic.
          intent: kind === 'cancelled' ? 'cancellation' : 'booking',
          patient: notifications.patient({ phone: patient?.phone, name: patient?.displayName }),
        });
      }),
    ),
    events.on(
      'channel.status',
      safely('channel', ({ provider, state }) => {
        const previous = channelStates.get(provider);
        channelStates.set(provider, state);
        if (state !== 'disconnected' && state !== 'error') return;
        if (previous === undefined || previous === 'disconnected' || previous === 'error') return;
        notifications.notify('channel.disconnected', { provider, reason: state });
      }),
    ),
  ];
  return () => offs.forEach((off) => off());
}

/**
 * The pipeline's handoff hook: a chat went to a person. The assistant's words stay in Recepta;
 * only whether it was an emergency travels, as the intent (`emergency`, else `handoff`).
 */
export function handoffNotifier(db: Db, notifications: NotificationService, log: Logger) {
  return (conversationId: number, reason?: string) => {
    try {
      const chat = getConversation(db, conversationId);
      const patient = chat?.patientId ? getPatient(db, chat.patientId) : undefined;
      notifications.notify('handoff.opened', {
        conversationId,
        reason: 'assistant_handoff',
        intent: isEmergencyHandoff(reason) ? 'emergency' : 'handoff',
        patient: notifications.patient({ phone: patient?.phone, name: patient?.displayName ?? chat?.displayName }),
      });
    } catch (error) {
      log.warn({ module: 'notifications', err: error }, 'could not queue a handoff notification');
    }
  };
}
