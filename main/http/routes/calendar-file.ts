import { listAppointments } from '../../../db/repos/appointments.js';
import type { Db } from '../../../db/client.js';
import { appointmentsIcs } from '../../agenda/export.js';
import type { AgendaServices } from '../../agenda/index.js';
import type { AgendaSettings } from '../../agenda/settings.js';

const DAY = 86_400_000;
/** What a subscribed calendar shows: the last month and the next six. */
const FEED_PAST_DAYS = 31;
const FEED_FUTURE_DAYS = 183;

/** The subscribe-able ICS feed, as the webhook listener serves it at `/calendar/<token>.ics`. */
export interface CalendarFeedFile {
  /** False for a wrong token (and when the keychain cannot be read). */
  matches(token: string): boolean;
  /** The agenda as iCalendar text: cancelled appointments left out, no phone numbers. */
  ics(): string;
}

/**
 * The feed lives on the webhook listener, outside any session: calendar apps cannot send a
 * bearer header, so the token in the path is the credential, and a wrong one is an ordinary
 * 404 (nothing tells a guesser the route exists). Its URL is handed out and rotated by the
 * session-protected routes in calendar-feed.ts.
 */
export function calendarFeedFile(
  deps: { db: Db; settings: AgendaSettings; now?: () => number },
  agenda: Pick<AgendaServices, 'feed'>,
): CalendarFeedFile {
  return {
    matches: (token) => agenda.feed.matches(token),
    ics: () => {
      const now = (deps.now ?? Date.now)();
      const rows = listAppointments(deps.db, {
        from: now - FEED_PAST_DAYS * DAY,
        to: now + FEED_FUTURE_DAYS * DAY,
      }).filter((r) => r.status !== 'cancelled');
      return appointmentsIcs(rows, deps.settings.get('clinic.name') || 'Turnos');
    },
  };
}
