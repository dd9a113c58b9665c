// The `no_show_follow_up` handler: "Te esperábamos hoy… ¿querés que busquemos otro turno?"
// is a conversation, not a yes/no: the assistant answers, told which visit was missed, and
// books a new one through its confirm-before-write tools.
import type { Db } from '../../../db/client.js';
import { getAppointment } from '../../../db/repos/appointments.js';
import type { AutomationReplyHandler } from '../reply-handler.js';
import { appointmentLine } from './context.js';
import type { ReplySettings } from './reminder-handler.js';

export function noShowFollowUpHandler(deps: { db: Db; settings: ReplySettings }): AutomationReplyHandler {
  return {
    kind: 'no_show_follow_up',
    handle(reply) {
      const id = reply.answers.automation.appointmentId;
      const missed = id === undefined ? undefined : getAppointment(deps.db, id);
      if (!missed || missed.patientId !== reply.patientId) return { kind: 'assistant' };
      return {
        kind: 'assistant',
        context:
          `El paciente responde al mensaje que le mandamos porque no vino a su turno ` +
          `${appointmentLine(deps.settings.get('clinic.timeZone'), missed)}: se le preguntó si quiere otro turno. ` +
          'Si quiere, buscá horarios del mismo servicio y reservá con book_appointment (con la confirmación de siempre).',
      };
    },
  };
}
