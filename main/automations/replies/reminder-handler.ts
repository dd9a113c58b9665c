// The `reminder` handler: "1" / "sí" / 👍 confirm the visit, "2" / "no voy a poder" cancel it
// (through the agenda, as the assistant's confirm_appointment and cancel_appointment do, so
// its audit row and events happen: the waitlist and the notifications hear them), and
// anything else goes to the assistant with the visit named. A patient reminded of two visits
// in the same run is asked which one, and the answer to that question is read here too.
//
// Safe twice: the change is recorded as done for the patient's message (assistant_actions,
// as the assistant's own writes are), and a crash before the answer is queued leaves the
// message owed; the retry sees the change done (or the status already there) and only
// queues the answer.
import { transaction, type Db } from '../../../db/client.js';
import { getAppointment, type AppointmentRow } from '../../../db/repos/appointments.js';
import { actionDoneFor, recordActionDone } from '../../../db/repos/assistant-state.js';
import { listMessages } from '../../../db/repos/messages.js';
import type { Actor } from '../../agenda/booking.js';
import type { AgendaServices } from '../../agenda/index.js';
import { localLabels } from '../../agenda/availability.js';
import type { ClinicSettings } from '../../agenda/settings.js';
import type { AgentSettings } from '../../agent/settings.js';
import { replyLanguage } from '../../agent/language.js';
import type { InboxSettings } from '../../inbox/settings.js';
import type { SettingsReader } from '../../kernel/settings-store.js';
import type { AutomationReply, AutomationReplyHandler, AutomationReplyOutcome } from '../reply-handler.js';
import { classifyReminderReply, pickChoice } from './classify.js';
import { appointmentContext } from './context.js';
import { queueAutomationAnswer } from './queue-reply.js';
import { REPLY_TEXTS, type ReplyLanguage } from './reply-texts.js';

/** Reminders enqueued this close together come from one run: neither is "the most recent". */
export const SAME_RUN_MS = 10 * 60_000;

export type ReplySettings = SettingsReader<ClinicSettings & AgentSettings & InboxSettings>;

export interface ReminderHandlerDeps {
  db: Db;
  agenda: Pick<AgendaServices, 'booking'>;
  settings: ReplySettings;
}

type Intent = 'confirm' | 'cancel';

/** The question "¿Cuál turno…?" carries what it asks about, so the answer is read against it. */
interface Choice {
  intent: Intent;
  appointmentIds: number[];
}

const ACTOR: Actor = { source: 'assistant', by: 'respuesta al recordatorio' };

export function reminderReplyHandler(deps: ReminderHandlerDeps): AutomationReplyHandler {
  const { db, settings } = deps;
  const zone = () => settings.get('clinic.timeZone');
  const active = (a: AppointmentRow | undefined, reply: AutomationReply): a is AppointmentRow =>
    !!a && a.patientId === reply.patientId && a.startAt > reply.now;

  /** Confirms or cancels, once per patient message, then queues the answer. */
  function act(reply: AutomationReply, intent: Intent, a: AppointmentRow, lang: ReplyLanguage): AutomationReplyOutcome {
    if (intent === 'confirm' && a.status === 'cancelled' && !actionDoneFor(db, reply.conversationId, reply.messageId))
      return { kind: 'assistant', context: appointmentContext(zone(), [a], 'Ese turno ya estaba cancelado.') };
    const label = localLabels(zone(), a.startAt, lang).label;
    if (!actionDoneFor(db, reply.conversationId, reply.messageId)) {
      // Each call is a no-op when the status is already there (a retry after a crash): no second event.
      if (intent === 'confirm') deps.agenda.booking.confirm(a.id, { ...ACTOR, patientId: reply.patientId });
      else if (a.status !== 'cancelled')
        deps.agenda.booking.cancel(a.id, 'El paciente respondió al recordatorio que no puede ir', {
          ...ACTOR,
          patientId: reply.patientId,
        });
    }
    const text = intent === 'confirm' ? REPLY_TEXTS[lang].confirmed(label) : REPLY_TEXTS[lang].cancelled(label);
    transaction(db, () => {
      if (!actionDoneFor(db, reply.conversationId, reply.messageId))
        recordActionDone(db, reply.messageId, {
          conversationId: reply.conversationId,
          action: intent,
          slotCode: null,
          appointmentId: a.id,
          reason: null,
          patientName: null,
          summary: text,
          afterMessageId: reply.messageId,
          createdAt: reply.now,
        });
      queueAutomationAnswer(db, settings, {
        conversationId: reply.conversationId,
        text,
        answersUpTo: reply.messageId,
        now: reply.now,
      });
    });
    return { kind: 'handled' };
  }

  /** Other visits reminded in the same run as the one answered, still ahead. */
  function sameRun(reply: AutomationReply, answered: AppointmentRow): AppointmentRow[] {
    const others = new Map<number, AppointmentRow>();
    const recent = listMessages(db, reply.conversationId, { limit: 30 });
    // A reminder the patient already wrote after was answered then (or ignored): not one of this run.
    const answeredBefore = Math.max(
      0,
      ...recent.filter((m) => m.role === 'patient' && m.id < reply.answers.messageId).map((m) => m.id),
    );
    for (const m of recent) {
      const auto = m.meta?.automation;
      if (m.role === 'patient' || m.id < answeredBefore) continue;
      if (auto?.kind !== 'reminder' || auto.appointmentId === undefined) continue;
      if (auto.appointmentId === answered.id || Math.abs(m.createdAt - reply.answers.sentAt) > SAME_RUN_MS) continue;
      const other = getAppointment(db, auto.appointmentId);
      if (active(other, reply) && other.status !== 'cancelled') others.set(other.id, other);
    }
    return [...others.values()];
  }

  function ask(reply: AutomationReply, intent: Intent, visits: AppointmentRow[], lang: ReplyLanguage) {
    const sorted = [...visits].sort((x, y) => x.startAt - y.startAt);
    const options = sorted.map((a) => {
      const { label, localTime } = localLabels(zone(), a.startAt, lang);
      return REPLY_TEXTS[lang].option(label.split(' ')[0]!, localTime);
    });
    const choice: Choice = { intent, appointmentIds: sorted.map((a) => a.id) };
    queueAutomationAnswer(db, settings, {
      conversationId: reply.conversationId,
      text: REPLY_TEXTS[lang].which(intent, options),
      answersUpTo: reply.messageId,
      now: reply.now,
      meta: { automation: { kind: 'reminder', choice } },
    });
    return { kind: 'handled' } as const;
  }

  /** The answer to "¿Cuál turno…?": the visit it names, or the assistant with both in context. */
  function chosen(reply: AutomationReply, choice: Choice, lang: ReplyLanguage): AutomationReplyOutcome {
    const visits = choice.appointmentIds.map((id) => getAppointment(db, id)).filter((a) => active(a, reply));
    const options = visits.map((a) => {
      const { label, localTime } = localLabels(zone(), a.startAt, lang);
      return { weekday: label.split(' ')[0]!, time: localTime };
    });
    const picked = pickChoice(reply.text, options);
    if (picked === null)
      return { kind: 'assistant', context: appointmentContext(zone(), visits, 'Se le preguntó cuál de estos turnos.') };
    return act(reply, choice.intent, visits[picked]!, lang);
  }

  return {
    kind: 'reminder',
    handle(reply) {
      const lang = replyLanguage(settings.get('assistant.replyLanguage'), [reply.text]);
      const choice = readChoice(reply.answers.automation);
      if (choice) return chosen(reply, choice, lang);
      const id = reply.answers.automation.appointmentId;
      const appointment = id === undefined ? undefined : getAppointment(db, id);
      if (!active(appointment, reply)) return { kind: 'assistant' };
      const intent = classifyReminderReply(reply.text);
      if (intent === 'other')
        return { kind: 'assistant', context: appointmentContext(zone(), [appointment], 'Responde al recordatorio.') };
      // A retry after a crash finds its own change done: it must not turn into a question.
      const done = actionDoneFor(db, reply.conversationId, reply.messageId);
      const others = done ? [] : sameRun(reply, appointment);
      if (others.length) return ask(reply, intent, [appointment, ...others], lang);
      return act(reply, intent, appointment, lang);
    },
  };
}

function readChoice(automation: AutomationReply['answers']['automation']): Choice | null {
  const raw = (automation as { choice?: unknown }).choice;
  if (!raw || typeof raw !== 'object') return null;
  const { intent, appointmentIds } = raw as { intent?: unknown; appointmentIds?: unknown };
  if (intent !== 'confirm' && intent !== 'cancel') return null;
  if (!Array.isArray(appointmentIds) || !appointmentIds.every((n) => typeof n === 'number')) return null;
  return { intent, appointmentIds: appointmentIds as number[] };
}
