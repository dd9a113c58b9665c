import type { DatesSetArg, EventClickArg, EventContentArg, EventDropArg, DateSelectArg } from '@fullcalendar/core';
import esLocale from '@fullcalendar/core/locales/es';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import luxonPlugin from '@fullcalendar/luxon3';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { useMemo, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, WeeklyHours } from '../../../shared/api/types';
import { useAgenda, type CalendarView } from '../store/agenda';
import { calendarEvents, shortName } from './calendar-events';
import { eventTime, monthEventTime } from './event-time';
import { cachedZonePlugin } from './zone-offsets';
// FullCalendar's icon font is a data: URI the CSP refuses: its icons are drawn as SVG masks instead.
import './fullcalendar-icons.css';

interface Props {
  calendarRef: RefObject<FullCalendar | null>;
  /** 'YYYY-MM-DD' to open on, else today. */
  initialDate: string | null;
  timeZone: string;
  slotMinutes: number;
  openingHours: WeeklyHours | null;
  onRange(arg: DatesSetArg): void;
  onSelect(arg: DateSelectArg): void;
  onOpen(a: Appointment): void;
  onDrop(arg: EventDropArg): void;
}

/** The assistant's mark on an event: a small spark (no emoji: many PCs lack the glyph). */
const SparkIcon = () => (
  <svg className="appt__spark" viewBox="0 0 16 16" width="10" height="10" aria-hidden="true" focusable="false">
    <path d="M8 0l1.8 6.2L16 8l-6.2 1.8L8 16l-1.8-6.2L0 8l6.2-1.8z" fill="currentColor" />
  </svg>
);

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

export function AgendaCalendar({
  calendarRef,
  initialDate,
  timeZone,
  slotMinutes,
  openingHours,
  onRange,
  onSelect,
  onOpen,
  onDrop,
}: Props) {
  const { t, i18n } = useTranslation();
  const data = useAgenda((s) => s.data);
  const view = useAgenda((s) => s.view);
  const hiddenPractitioners = useAgenda((s) => s.hiddenPractitioners);
  const showCancelled = useAgenda((s) => s.showCancelled);
  const month = view === 'dayGridMonth';
  const events = useMemo(
    () => calendarEvents(data, { hiddenPractitioners, showCancelled, month, timeZone }),
    [data, hiddenPractitioners, showCancelled, month, timeZone],
  );
  const span = useMemo(() => visibleHours(openingHours), [openingHours]);
  const minutes = Math.min(Math.max(Math.round(slotMinutes), 5), 60);
  const slot = minutes === 60 ? '01:00:00' : `00:${String(minutes).padStart(2, '0')}:00`;

  const renderEvent = (arg: EventContentArg) => {
    const a = arg.event.extendedProps['appointment'] as Appointment | undefined;
    if (!a) return arg.event.title ? <span className="bg-label">{arg.event.title}</span> : null;
    if (month) {
      // "9:30 Lucía F.": the assistant's spark after the name, never in its place.
      return (
        <div className="appt__inner">
          <span className="appt__time">{arg.timeText}</span>
          <span className="appt__name">{shortName(a.patientName)}</span>
          {a.source === 'assistant' ? (
            <span className="appt__mark" title={t('agenda.bookedByAssistant')}>
              <SparkIcon />
              <span className="sr-only">: {t('agenda.bookedByAssistant')}</span>
            </span>
          ) : null}
        </div>
      );
    }
    return (
      <div className="appt__inner">
        <span className="appt__time">
          {arg.timeText}
          {a.source === 'assistant' ? (
            <span className="appt__tag" title={t('agenda.bookedByAssistant')}>
              <SparkIcon />
              <span className="appt__tag-text">{t('agenda.assistantTag')}</span>
              <span className="sr-only">: {t('agenda.bookedByAssistant')}</span>
            </span>
          ) : null}
        </span>
        <span className="appt__name">{a.patientName}</span>
        <span className="appt__service">{a.serviceName}</span>
        {a.status !== 'scheduled' ? <span className="appt__status">{t(`agenda.status.${a.status}`)}</span> : null}
      </div>
    );
  };

  return (
    <FullCalendar
      ref={calendarRef}
      plugins={[luxonPlugin, cachedZonePlugin, dayGridPlugin, timeGridPlugin, interactionPlugin]}
      initialView={view satisfies CalendarView}
      {...(initialDate ? { initialDate } : {})}
      headerToolbar={false}
      timeZone={timeZone}
      locales={[esLocale]}
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
      dayHeaderFormat={
        month ? { weekday: 'short' } : { weekday: 'short', day: 'numeric', month: 'numeric', omitCommas: true }
      }
      selectable
      selectMirror
      unselectAuto
      editable
      eventDurationEditable={false}
      eventInteractive
      dayMaxEvents={4}
      eventDisplay={month ? 'block' : 'auto'}
      events={events}
      datesSet={onRange}
      select={onSelect}
      eventClick={(arg: EventClickArg) => {
        arg.jsEvent.preventDefault();
        const a = arg.event.extendedProps['appointment'] as Appointment | undefined;
        if (a) onOpen(a);
      }}
      eventDrop={onDrop}
      eventContent={renderEvent}
      eventDidMount={(arg) => {
        const a = arg.event.extendedProps['appointment'] as Appointment | undefined;
        if (!a) return;
        const parts = [arg.timeText, a.patientName, a.serviceName, a.practitionerName, t(`agenda.status.${a.status}`)];
        if (a.source === 'assistant') parts.push(t('agenda.bookedByAssistant'));
        arg.el.setAttribute('title', parts.filter(Boolean).join(' · '));
        arg.el.dataset['appointmentId'] = String(a.id);
      }}
    />
  );
}
