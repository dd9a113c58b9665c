import type {
  DatesSetArg,
  EventClickArg,
  EventContentArg,
  EventDropArg,
  DateSelectArg,
  EventMountArg,
  MoreLinkMountArg,
} from '@fullcalendar/core';
import esLocale from '@fullcalendar/core/locales/es';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import luxonPlugin from '@fullcalendar/luxon3';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { memo, useCallback, useMemo, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, WeeklyHours } from '../../../shared/api/types';
import { useAgenda, type CalendarView } from '../store/agenda';
import { useCalendarSource } from './calendar-source';
import { appointmentContent, backgroundLabel, type EventWords } from './event-content';
import { eventTime, monthEventTime } from './event-time';
import { cachedZonePlugin } from './zone-offsets';
// FullCalendar's icon font is a data: URI the CSP refuses: its icons are drawn as SVG masks instead.
import './fullcalendar-icons.css';

/** The page's handlers: read at the moment of the event, so the calendar never re-renders for them. */
export interface CalendarHandlers {
  onRange(arg: DatesSetArg): void;
  onSelect(arg: DateSelectArg): void;
  onOpen(a: Appointment): void;
  onDrop(arg: EventDropArg): void;
}

interface Props {
  calendarRef: RefObject<FullCalendar | null>;
  handlers: RefObject<CalendarHandlers>;
  /** 'YYYY-MM-DD' to open on, else today. */
  initialDate: string | null;
  timeZone: string;
  slotMinutes: number;
  openingHours: WeeklyHours | null;
}

// The options FullCalendar gets keep their identity from render to render: the React
// wrapper hands every prop to resetOptions() whenever the page re-renders, and a new
// function or array there (eventContent above all) redraws every event of the week.
const PLUGINS = [luxonPlugin, cachedZonePlugin, dayGridPlugin, timeGridPlugin, interactionPlugin];
const LOCALES = [esLocale];
const MONTH_HEADER = { weekday: 'short' } as const;
const DAY_HEADER = { weekday: 'short', day: 'numeric', month: 'numeric', omitCommas: true } as const;

/**
 * The week view shows at most two appointments side by side in a slot, then "+N más" (a
 * popover with the rest): a day's column is a seventh of the screen, two boxes still show a
 * name, three showed five letters of one, and every box drawn is what a busy week's switch
 * pays for (bench/browser-latency.ts: p95 ~180 ms with three, ~140 with two, 700 turns).
 * Only the start time there ("11:00", the day view says "11:00 - 11:30"): in a box half a
 * column wide the range left two letters of the name.
 * Per view, as FullCalendar's view options: a top-level option switched off by an
 * undefined prop stays on in the day view, where it hid everything.
 */
const VIEW_OPTIONS = { timeGridWeek: { eventMaxStack: 2, displayEventEnd: false } };

/**
 * FullCalendar's "+N más" is an <a> without href that opens a popover and says so with
 * aria-expanded, which only a button may carry: it is announced (and checked by axe) as one.
 */
const moreLinkDidMount = (arg: MoreLinkMountArg) => arg.el.setAttribute('role', 'button');
const CLOCK = { hour: '2-digit', minute: '2-digit', hour12: false } as const;

/** The hours the day and week views span: the clinic's opening hours with an hour around them. */
export function visibleHours(hours: WeeklyHours | null): { min: string; max: string; scroll: string } {
  if (!hours || hours.length === 0) return { min: '07:00:00', max: '21:00:00', scroll: '08:00:00' };
  const toH = (hhmm: string) => Number(hhmm.slice(0, 2)) + Number(hhmm.slice(3, 5)) / 60;
  const first = Math.max(0, Math.floor(Math.min(...hours.map((h) => toH(h.start)))) - 1);
  const last = Math.min(24, Math.ceil(Math.max(...hours.map((h) => toH(h.end)))) + 1);
  const pad = (h: number) => `${String(h).padStart(2, '0')}:00:00`;
  return { min: pad(first), max: pad(last), scroll: pad(Math.min(first + 1, 23)) };
}

/**
 * Memoised, with props that keep their identity: every render of FullCalendar's React wrapper
 * resets its options and walks every event of the week again, so the page's own renders (its
 * title, the data it shows elsewhere) must not reach it.
 */
export const AgendaCalendar = memo(function AgendaCalendar({
  calendarRef,
  handlers,
  initialDate,
  timeZone,
  slotMinutes,
  openingHours,
}: Props) {
  const { t, i18n } = useTranslation();
  const view = useAgenda((s) => s.view);
  const hiddenPractitioners = useAgenda((s) => s.hiddenPractitioners);
  const showCancelled = useAgenda((s) => s.showCancelled);
  const month = view === 'dayGridMonth';
  const events = useCalendarSource(calendarRef, { hiddenPractitioners, showCancelled, month, timeZone });
  const span = useMemo(() => visibleHours(openingHours), [openingHours]);
  const minutes = Math.min(Math.max(Math.round(slotMinutes), 5), 60);
  const slot = minutes === 60 ? '01:00:00' : `00:${String(minutes).padStart(2, '0')}:00`;

  // FullCalendar gets stable handlers that call the page's latest.
  const datesSet = useCallback((arg: DatesSetArg) => handlers.current.onRange(arg), [handlers]);
  const select = useCallback((arg: DateSelectArg) => handlers.current.onSelect(arg), [handlers]);
  const eventDrop = useCallback((arg: EventDropArg) => handlers.current.onDrop(arg), [handlers]);
  const eventClick = useCallback(
    (arg: EventClickArg) => {
      arg.jsEvent.preventDefault();
      const a = arg.event.extendedProps['appointment'] as Appointment | undefined;
      if (a) handlers.current.onOpen(a);
    },
    [handlers],
  );

  const words = useMemo<EventWords>(
    () => ({
      bookedByAssistant: t('agenda.bookedByAssistant'),
      assistantTag: t('agenda.assistantTag'),
      status: (status) => t(`agenda.status.${status}`),
      arrived: t('agenda.detail.arrived'),
    }),
    [t],
  );
  const eventContent = useCallback(
    (arg: EventContentArg) => {
      const a = arg.event.extendedProps['appointment'] as Appointment | undefined;
      return { domNodes: a ? [appointmentContent(a, arg.timeText, month, words)] : backgroundLabel(arg.event.title) };
    },
    [month, words],
  );
  const eventDidMount = useCallback(
    (arg: EventMountArg) => {
      const a = arg.event.extendedProps['appointment'] as Appointment | undefined;
      if (!a) return;
      const parts = [arg.timeText, a.patientName, a.serviceName, a.practitionerName, words.status(a.status)];
      if (a.arrivedAt) parts.push(words.arrived);
      if (a.source === 'assistant') parts.push(words.bookedByAssistant);
      arg.el.setAttribute('title', parts.filter(Boolean).join(' · '));
      arg.el.dataset['appointmentId'] = String(a.id);
    },
    [words],
  );

  return (
    <FullCalendar
      ref={calendarRef}
      plugins={PLUGINS}
      initialView={view satisfies CalendarView}
      {...(initialDate ? { initialDate } : {})}
      headerToolbar={false}
      timeZone={timeZone}
      locales={LOCALES}
      locale={i18n.language === 'en' ? 'en' : 'es'}
      firstDay={1}
      // The calendar grows to its full height inside the page's one scrolling pane
      // (.agenda-calendar, focusable so the keyboard scrolls it). Day headers stay in view.
      height="auto"
      stickyHeaderDates
      allDaySlot={false}
      nowIndicator
      slotDuration={slot}
      snapDuration={slot}
      slotLabelInterval="01:00"
      slotMinTime={span.min}
      slotMaxTime={span.max}
      scrollTime={span.scroll}
      slotLabelFormat={CLOCK}
      eventTimeFormat={month ? monthEventTime : eventTime}
      // Below two lines' height an event reads "10:00 - 10:30 Lucía Fernández" on one line (see agenda.css).
      eventShortHeight={36}
      dayHeaderFormat={month ? MONTH_HEADER : DAY_HEADER}
      selectable
      selectMirror
      unselectAuto
      editable
      eventDurationEditable={false}
      eventInteractive
      dayMaxEvents={4}
      views={VIEW_OPTIONS}
      moreLinkDidMount={moreLinkDidMount}
      eventDisplay={month ? 'block' : 'auto'}
      events={events}
      datesSet={datesSet}
      select={select}
      eventClick={eventClick}
      eventDrop={eventDrop}
      eventContent={eventContent}
      eventDidMount={eventDidMount}
    />
  );
});
