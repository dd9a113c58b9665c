// Reminders (issue 17), wired in one place: the job, the withdrawal of a moved or cancelled
// visit's queued reminder, and the `reminder.sent` notification.
import type { Db } from '../../../db/client.js';
import { reminderOfMessage, withdrawStaleReminders } from '../../../db/repos/reminders.js';
import type { AgendaEvents } from '../../agenda/events.js';
import type { InboxEvents } from '../../inbox/events.js';
import type { JobScheduler } from '../../jobs/index.js';
import type { EventPort } from '../../kernel/events.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import type { NotificationService } from '../../notifications/service.js';
import { remindersJob, REMINDERS_JOB, type RemindersSettingsReader } from './job.js';
import type { TemplateReminderDeps } from './template-reminder.js';

export { REMINDERS_JOB, remindersJob } from './job.js';

export interface RemindersWiring {
  db: Db;
  settings: RemindersSettingsReader;
  events: EventPort<AgendaEvents & InboxEvents>;
  jobs: Pick<JobScheduler, 'register' | 'wake'>;
  notifications: Pick<NotificationService, 'notify' | 'patient'>;
  log: Logger;
  now: Clock;
  /** The official API for patients the channel cannot reach (template-reminder.ts). */
  templates?: TemplateReminderDeps;
}

/** Registers the job and its listeners; returns the function that stops listening. */
export function wireReminders(w: RemindersWiring): () => void {
  w.jobs.register(
    remindersJob({
      db: w.db,
      settings: w.settings,
      onQueued: (message) => w.events.emit('message.created', message),
      templates: w.templates,
    }),
  );
  const offChanged = w.events.on('appointment.changed', ({ appointmentId, kind }) => {
    if (kind !== 'rescheduled' && kind !== 'cancelled') return;
    // The old hour must not reach the patient; the new one is owed from the next run (which
    // withdraws it too, should this miss: a crash between the change and here).
    try {
      withdrawStaleReminders(w.db, w.now(), appointmentId);
    } catch (error) {
      w.log.warn({ module: 'reminders', err: error }, 'could not withdraw a moved visit’s reminder');
    }
    w.jobs.wake(REMINDERS_JOB);
  });
  const offSent = w.events.on('message.updated', ({ messageId, status }) => {
    if (status !== 'sent') return;
    try {
      const reminder = reminderOfMessage(w.db, messageId);
      if (!reminder) return;
      w.notifications.notify('reminder.sent', {
        conversationId: reminder.conversationId ?? undefined,
        appointmentId: reminder.appointmentId,
        reason: reminder.kind,
        intent: 'reminder',
        startsAt: new Date(reminder.startAt).toISOString(),
        patient: w.notifications.patient({ phone: reminder.phone, name: reminder.name }),
      });
    } catch (error) {
      w.log.warn({ module: 'reminders', err: error }, 'could not queue the reminder.sent notification');
    }
  });
  return () => {
    offChanged();
    offSent();
  };
}
