// The `no-shows` job (issue 17): `noShows.graceMinutes` after the start of a scheduled or
// confirmed visit nobody marked as arrived ("Llegó") → `no_show`, through the agenda (its
// audit row and `appointment.changed` happen as for reception's "No llegó"), and
// `reminder.no_show` to the notifications. Then, if the clinic wants it, one follow-up
// message the assistant continues ("¿Querés que busquemos otro turno?").
//
// Exactly once without a table of its own: the status change is the claim of the no-show
// (a visit leaves scheduled/confirmed once; change() re-reads it inside BEGIN IMMEDIATE). The
// follow-up's claim is its own message: it is looked for and enqueued in one IMMEDIATE
// transaction (meta.automation = {kind:'no_show_follow_up', appointmentId}), so two runs, or
// a crash after the status change, give one follow-up — sent by whichever run comes next.
import { transaction, type Db } from '../../../db/client.js';
import { getAppointment, type AppointmentRow } from '../../../db/repos/appointments.js';
import { conversationIdsForAppointment } from '../../../db/repos/conversations.js';
import { listMessages } from '../../../db/repos/messages.js';
import { dueNoShows, getArrivedAt, hasAutomationMessage, noShowsBetween } from '../../../db/repos/no-shows.js';
import { localLabels, workingIntervals } from '../../agenda/availability.js';
import type { Actor } from '../../agenda/booking.js';
import { clinicRules } from '../../agenda/clinic.js';
import { AgendaError } from '../../agenda/errors.js';
import type { AgendaServices } from '../../agenda/index.js';
import type { AgendaSettings, ClinicSettings } from '../../agenda/settings.js';
import { dayOf, startOfDay } from '../../agenda/zone-clock.js';
import type { AgentSettings } from '../../agent/settings.js';
import { replyLanguage } from '../../agent/language.js';
import type { InboxSettings } from '../../inbox/settings.js';
import { defineJob, type Job, type JobContext } from '../../jobs/index.js';
import type { SettingsReader } from '../../kernel/settings-store.js';
import { queueAutomationAnswer } from '../replies/queue-reply.js';
import type { NoShowSettings } from './settings.js';

export const NO_SHOWS_JOB = 'no-shows';
/** How often the job looks: a no-show is marked within a minute of its grace. */
const EVERY_MS = 60_000;
/** Visits further back than this are left to the staff (a PC off for weeks does not rewrite history). */
const LOOKBACK_MS = 3 * 86_400_000;
const ACTOR: Actor = { source: 'staff', by: 'Recepta (no llegó)' };

export type NoShowJobSettings = SettingsReader<NoShowSettings & ClinicSettings & AgentSettings & InboxSettings> &
  AgendaSettings;

export interface NoShowDeps {
  db: Db;
  agenda: Pick<AgendaServices, 'booking'>;
  settings: NoShowJobSettings;
  /** `reminder.no_show` to the notifications (the wiring reduces the patient to a hash and a first name). */
  notifyNoShow(appointment: AppointmentRow): void;
  /** A follow-up was queued: wake the outbox. */
  onQueued(): void;
}

export function noShowsJob(deps: NoShowDeps): Job<number> {
  return defineJob<number>({
    name: NO_SHOWS_JOB,
    schedule: { everyMs: EVERY_MS },
    run: (_items, ctx) => runNoShows(deps, ctx),
  });
}

/**
 * One pass: marks what is due, then sends the follow-ups owed. Returns how many visits it
 * marked and follow-ups it queued (the runs log's count). Exported for tests and the run-now button.
 */
export function runNoShows(deps: NoShowDeps, ctx: Pick<JobContext, 'now' | 'log'>): number {
  const graceMs = deps.settings.get('noShows.graceMinutes') * 60_000;
  let handled = 0;
  for (const id of dueNoShows(deps.db, ctx.now - LOOKBACK_MS, ctx.now - graceMs))
    if (markNoShow(deps, id, ctx)) handled++;
  if (deps.settings.get('noShows.followUp.enabled')) handled += sendFollowUps(deps, ctx);
  return handled;
}

/** True when the visit was marked. */
function markNoShow(deps: NoShowDeps, id: number, ctx: Pick<JobContext, 'log'>): boolean {
  // Reception may have tapped "Llegó" since the claim: their word wins.
  if (getArrivedAt(deps.db, id) !== null) return false;
  try {
    const marked = deps.agenda.booking.change(id, { status: 'no_show' }, ACTOR);
    deps.notifyNoShow(marked);
    return true;
  } catch (error) {
    // Changed meanwhile (cancelled, moved to later): nothing to mark.
    if (!(error instanceof AgendaError)) throw error;
    ctx.log.info({ appointmentId: id, code: error.code }, 'no-show not marked');
    return false;
  }
}

/**
 * Today's no-shows without their follow-up, only while the clinic is open: never at night.
 * One not sent today (the clinic closed meanwhile) is skipped, not sent tomorrow.
 */
/** Returns how many it queued. */
function sendFollowUps(deps: NoShowDeps, ctx: Pick<JobContext, 'now' | 'log'>): number {
  const { db, settings } = deps;
  const zone = settings.get('clinic.timeZone');
  if (!openNow(deps, ctx.now)) return 0;
  const today = startOfDay(zone, dayOf(zone, ctx.now));
  let queued = 0;
  for (const id of noShowsBetween(db, today, ctx.now)) {
    const appointment = getAppointment(db, id);
    const chats = conversationIdsForAppointment(db, id);
    if (!appointment || chats.length === 0) continue;
    // The patient's newest chat is where the reminders went, and where they answer.
    const conversationId = Math.max(...chats);
    const sent = transaction(db, () => {
      if (hasAutomationMessage(db, chats, 'no_show_follow_up', id)) return false;
      queueAutomationAnswer(db, settings, {
        conversationId,
        text: followUpText(deps, conversationId, appointment),
        now: ctx.now,
        meta: { automation: { kind: 'no_show_follow_up', appointmentId: id } },
      });
      return true;
    });
    if (sent) queued++;
  }
  if (queued) deps.onQueued();
  return queued;
}

function openNow(deps: NoShowDeps, now: number): boolean {
  const rules = clinicRules(deps.db, deps.settings, now);
  return workingIntervals(rules, null, now, now + 1).length > 0;
}

function followUpText(deps: NoShowDeps, conversationId: number, a: AppointmentRow): string {
  const said = listMessages(deps.db, conversationId, { limit: 20 })
    .filter((m) => m.role === 'patient' && m.text)
    .map((m) => m.text);
  const lang = replyLanguage(deps.settings.get('assistant.replyLanguage'), said);
  const template = deps.settings.get(lang === 'en' ? 'noShows.followUp.textEn' : 'noShows.followUp.textEs');
  return template.replaceAll('{hora}', localLabels(deps.settings.get('clinic.timeZone'), a.startAt, lang).localTime);
}
