// The events Recepta tells other tools about (issue 17). The names are a public contract:
// webhooks and filters are written against them, so they never change once shipped.
export const notificationEvents = [
  'reservation.created',
  'reservation.modified',
  'reservation.cancelled',
  'reservation.confirmed',
  'reminder.sent',
  'reminder.undelivered',
  'reminder.no_show',
  'handoff.opened',
  'sla.breached',
  'incident.sla_cluster',
  'waitlist.offer_accepted',
  'channel.disconnected',
  'test.ping',
] as const;
export type NotificationEventName = (typeof notificationEvents)[number];

export function isNotificationEvent(name: string): name is NotificationEventName {
  return (notificationEvents as readonly string[]).includes(name);
}

/**
 * What an event says, already private (privacy.ts): a patient is a salted hash of the phone
 * and a first name at most; never a phone number, never a message's text.
 */
export interface NotificationPayload {
  /** The chat it is about, for the link back into Recepta. */
  conversationId?: number | undefined;
  appointmentId?: number | undefined;
  /** Why (a handoff's reason code, a channel's state…): a code, never free text from a patient. */
  reason?: string | undefined;
  /** The intent the event belongs to (e.g. booking, emergency): what an endpoint's intent filter matches. */
  intent?: string | undefined;
  /** When the appointment is, ISO 8601 (reservation.*). */
  startsAt?: string | undefined;
  provider?: string | undefined;
  /** How many (incident.sla_cluster: the chats waiting past the SLA when it started). */
  count?: number | undefined;
  patient?: { phoneHash: string; firstName?: string | undefined } | undefined;
}

export interface NotificationEvent {
  /** A unique id per event, so a receiver can drop a duplicate delivery. */
  id: string;
  type: NotificationEventName;
  /** When it happened, ms since the epoch. */
  at: number;
  data: NotificationPayload;
}
