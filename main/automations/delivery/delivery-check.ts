// Proof of delivery (issue 17). WhatsApp by QR may accept a reminder and never deliver it
// (linked devices writing to contacts who never wrote: a 463, or nothing at all), so a reminder
// is only trusted once a receipt says delivered. This job gives up on the rest: after the
// timeout, or at once when the channel refused the message, the reminder is `failed`, its
// message shows why (and "Reintentar" works), and reception gets the patient on "Para llamar".
import type { Db } from '../../../db/client.js';
import { getAppointment } from '../../../db/repos/appointments.js';
import { getPatient } from '../../../db/repos/patients.js';
import {
  failUndeliveredReminder,
  nextDeliveryCheckAt,
  reminderOfFailedMessage,
  unprovenReminders,
  type UnprovenReminder,
} from '../../../db/repos/reminder-delivery.js';
import type { InboxEvents } from '../../inbox/events.js';
import { defineJob, type Job } from '../../jobs/index.js';
import type { EventPort } from '../../kernel/events.js';
import type { Logger } from '../../kernel/logger.js';
import type { NotificationService } from '../../notifications/service.js';
import type { DeliveryEvents } from './events.js';
import { fallbackFor, type DeliverySettingsReader } from './settings.js';
import { sendReminderTemplate, type TemplateFallbackDeps } from './template-fallback.js';

export const DELIVERY_CHECK_JOB = 'reminders.delivery-check';

export interface DeliveryCheckDeps {
  db: Db;
  settings: DeliverySettingsReader;
  events: EventPort<DeliveryEvents & InboxEvents>;
  notifications: Pick<NotificationService, 'notify' | 'patient'>;
  log: Logger;
  /** The official API's template, for channels whose fallback is `template` (absent: the call list only). */
  templates?: TemplateFallbackDeps | undefined;
}

const timeoutMs = (settings: DeliverySettingsReader) => settings.get('delivery.timeoutMinutes') * 60_000;

/** The job; main/app registers it with the scheduler and wakes it when a message fails. */
export function deliveryCheckJob(deps: DeliveryCheckDeps): Job<UnprovenReminder> {
  return defineJob<UnprovenReminder>({
    name: DELIVERY_CHECK_JOB,
    schedule: { nextDue: (db, now) => nextDeliveryCheckAt(db, now, timeoutMs(deps.settings)) },
    claim: (db, now) => unprovenReminders(db, now - timeoutMs(deps.settings)),
    run: (items, ctx) => {
      for (const item of items) giveUp(deps, item, ctx.now);
    },
  });
}

/**
 * A refused message (a 463) is news at once, not after the timeout: `onFailed` hears every
 * message that fails (main/app hands it to `handleFailedMessage` and wakes the job). Returns the unsubscribe.
 */
export function wakeOnFailedMessages(
  events: EventPort<InboxEvents>,
  onFailed: (messageId: number) => void,
): () => void {
  return events.on('message.updated', ({ status, messageId }) => {
    if (status === 'failed') onFailed(messageId);
  });
}

/**
 * The refusal of a reminder's message, acted on as it arrives: also when the reminders job
 * already marked the reminder failed (it keeps it in step with its message), which the
 * job's claim (unproven reminders only) would not find again. Any other message: nothing.
 */
export function handleFailedMessage(deps: DeliveryCheckDeps, messageId: number, now: number): void {
  // Called from the bus: a failure here must not break whoever reported the receipt (the job retries it).
  try {
    const reminder = reminderOfFailedMessage(deps.db, messageId);
    if (reminder) giveUp(deps, reminder, now);
  } catch (error) {
    deps.log.warn({ module: 'delivery-check', err: error }, 'could not act on a failed reminder at once');
  }
}

function giveUp(deps: DeliveryCheckDeps, reminder: UnprovenReminder, now: number): void {
  const refused = reminder.messageStatus === 'failed';
  const minutes = deps.settings.get('delivery.timeoutMinutes');
  const reason = refused ? 'channel_refused' : 'not_delivered';
  if (fallbackFor(deps.settings, reminder.provider) === 'template' && resendAsTemplate(deps, reminder, reason, now))
    return;
  const changed = failUndeliveredReminder(deps.db, {
    reminder,
    reason,
    messageError: `No llegó: el canal no confirmó la entrega en ${minutes} minutos. Se agregó a «Para llamar».`,
    fallback: 'call_list',
    now,
  });
  if (!changed) return;
  if (changed.messageFailed) showFirstMessageFailed(deps, reminder);
  if (changed.callListAdded) deps.events.emit('callList.changed', { entryId: null });
  announce(deps, reminder, reason);
}

/**
 * The `template` fallback: true when it was dealt with (the template is queued, or another
 * run got there first); false when the template cannot go — then the call list, as for any channel.
 */
function resendAsTemplate(deps: DeliveryCheckDeps, reminder: UnprovenReminder, reason: string, now: number): boolean {
  const outcome = deps.templates
    ? sendReminderTemplate(deps.templates, reminder, {
        reason,
        minutes: deps.settings.get('delivery.timeoutMinutes'),
        now,
      })
    : ({ kind: 'unavailable', why: 'templates are not wired in' } as const);
  if (outcome.kind === 'unavailable') {
    deps.log.info(
      { module: 'delivery-check', reminderId: reminder.reminderId, why: outcome.why },
      'template fallback not possible; call list',
    );
    return false;
  }
  if (outcome.kind === 'taken') return true;
  if (outcome.messageFailed) showFirstMessageFailed(deps, reminder);
  // No `reminder.undelivered` yet: the template may still arrive. The clinic hears of it once,
  // when the reminder ends in "Para llamar" (the template failed too, or could not go).
  deps.events.emit('message.created', { conversationId: outcome.conversationId, messageId: outcome.messageId });
  return true;
}

/**
 * The reminder's first message was just marked failed (given up on, whichever fallback follows):
 * the open chat shows it failed, with "Reintentar".
 */
function showFirstMessageFailed(deps: DeliveryCheckDeps, reminder: UnprovenReminder): void {
  if (reminder.conversationId === null || reminder.messageId === null) return;
  deps.events.emit('message.updated', {
    conversationId: reminder.conversationId,
    messageId: reminder.messageId,
    status: 'failed',
  });
}

/** `reminder.undelivered` for the clinic's endpoints; a notification never undoes the write above. */
function announce(deps: DeliveryCheckDeps, reminder: UnprovenReminder, reason: string): void {
  try {
    const appointment = getAppointment(deps.db, reminder.appointmentId);
    const patient = getPatient(deps.db, reminder.patientId);
    deps.notifications.notify('reminder.undelivered', {
      appointmentId: reminder.appointmentId,
      conversationId: reminder.conversationId ?? undefined,
      startsAt: appointment ? new Date(appointment.startAt).toISOString() : undefined,
      provider: reminder.provider ?? undefined,
      reason,
      intent: 'reminder',
      patient: deps.notifications.patient({ phone: patient?.phone, name: patient?.displayName }),
    });
  } catch (error) {
    deps.log.warn({ module: 'delivery-check', err: error }, 'could not queue reminder.undelivered');
  }
}
