// Wires the no-shows job (main/automations/no-shows/) to the notifications and the outbox.
import type { Db } from '../../db/client.js';
import { getPatient } from '../../db/repos/patients.js';
import type { AgendaServices } from '../agenda/index.js';
import { noShowsJob, type NoShowJobSettings } from '../automations/no-shows/job.js';
import type { JobScheduler } from '../jobs/index.js';
import type { Logger } from '../kernel/logger.js';
import type { NotificationService } from '../notifications/service.js';

export function registerNoShows(deps: {
  db: Db;
  agenda: AgendaServices;
  settings: NoShowJobSettings;
  jobs: Pick<JobScheduler, 'register'>;
  notifications: Pick<NotificationService, 'notify' | 'patient'>;
  log: Logger;
  onQueued: () => void;
}): void {
  const { db, notifications } = deps;
  deps.jobs.register(
    noShowsJob({
      db,
      agenda: deps.agenda,
      settings: deps.settings,
      onQueued: deps.onQueued,
      notifyNoShow: (a) => {
        try {
          const patient = getPatient(db, a.patientId);
          notifications.notify('reminder.no_show', {
            appointmentId: a.id,
            startsAt: new Date(a.startAt).toISOString(),
            reason: 'no_show',
            intent: 'no_show',
            patient: notifications.patient({ phone: patient?.phone, name: patient?.displayName }),
          });
        } catch (error) {
          // A notification never breaks what emitted it (as in notifications.ts).
          deps.log.warn({ module: 'notifications', err: error }, 'could not queue a no-show notification');
        }
      },
    }),
  );
}
