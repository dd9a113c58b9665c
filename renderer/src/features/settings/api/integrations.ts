// Notifications (Ajustes › Integraciones) and the background jobs, typed by the route map (shared/api/routes.ts).
import { call } from '../../../shared/api/client';
import type {
  CreateNotificationEndpoint,
  NotificationDeliveriesQuery,
  NotificationDelivery,
  UpdateNotificationEndpoint,
} from '../../../shared/api/types';

export const listEndpoints = () => call('GET /api/notifications/endpoints');
export const createEndpoint = (body: CreateNotificationEndpoint) => call('POST /api/notifications/endpoints', { body });
export const updateEndpoint = (id: number, body: UpdateNotificationEndpoint) =>
  call('PATCH /api/notifications/endpoints/:id', { params: { id }, body });
export const deleteEndpoint = (id: number) => call('DELETE /api/notifications/endpoints/:id', { params: { id } });
export const testEndpoint = (id: number) =>
  call('POST /api/notifications/endpoints/:id/test', { params: { id }, body: {} });
export const listDeliveries = (query: NotificationDeliveriesQuery) =>
  call('GET /api/notifications/deliveries', { query: query as Record<string, string | number | undefined> });
export const listAttempts = (id: number) => call('GET /api/notifications/deliveries/:id/attempts', { params: { id } });
export const listJobs = () => call('GET /api/jobs');
export const runJob = (name: string) => call('POST /api/jobs/:name/run', { params: { name }, body: {} });

/** Waits for a queued delivery (a test) to be sent or to fail, reading the log; null if it is still queued at the end. */
export async function settledDelivery(
  queued: NotificationDelivery,
  { everyMs = 400, tries = 40 } = {},
): Promise<NotificationDelivery | null> {
  for (let i = 0; i < tries; i++) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    const rows = await listDeliveries({ endpointId: queued.endpointId });
    const row = rows.find((d) => d.id === queued.id);
    if (row && (row.status !== 'queued' || (row.attempts > 0 && row.error !== null))) return row;
  }
  return null;
}

/** The public automations (INTERFACES.md), in the order the screen lists them. */
export const PUBLIC_JOBS = ['reminders', 'no-shows', 'sla-watch', 'waitlist'] as const;

/** The events as the screen groups them (test.ping is always delivered, so it is not a choice). */
export const EVENT_GROUPS = {
  appointments: [
    'reservation.created',
    'reservation.modified',
    'reservation.cancelled',
    'reservation.confirmed',
    'waitlist.offer_accepted',
  ],
  reminders: ['reminder.sent', 'reminder.undelivered', 'reminder.no_show'],
  attention: ['handoff.opened', 'sla.breached', 'incident.sla_cluster'],
  channels: ['channel.disconnected'],
} as const;

/** A signing secret for a new webhook: 32 random bytes, hex, with a prefix that says what it is. */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
