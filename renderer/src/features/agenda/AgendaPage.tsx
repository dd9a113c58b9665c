import type { DateSelectArg, DatesSetArg, EventDropArg } from '@fullcalendar/core';
import type FullCalendar from '@fullcalendar/react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../shared/api/types';
import { agendaApi } from './api/agenda';
import { AgendaToolbar } from './components/AgendaToolbar';
import { AppointmentDialog } from './components/AppointmentDialog';
import { agendaError } from './errors';
import { ExportDialog } from './components/ExportDialog';
import { WaitlistDialog } from './components/WaitlistDialog';
import { AgendaToast, boxOf, eventAnchor } from './components/AgendaToast';
import { NotifyPatientDialog } from './components/NotifyPatientDialog';
import { anchorAfterRefetch, useAgendaToast } from './hooks/use-agenda-toast';
import { notifyText } from './notify-text';
import { useHourHeight } from './hooks/use-hour-height';
import { NewAppointmentDialog, type NewAppointmentSeed } from './components/NewAppointmentDialog';
import { PractitionerFilter } from './components/PractitionerFilter';
import { ConfirmationsPanel } from './components/ConfirmationsPanel';
import { Link } from '../../shared/components/Link';
import { formatDateTime, formatDay } from '../../lib/format';
import { useTimeZone } from '../settings/store/settings';
import { navigate, PAGE_PATHS, useRouter } from '../../lib/router';
import { agendaLink } from './links';
import { useAgenda, type CalendarView } from './store/agenda';
import type { CalendarHandlers } from './components/AgendaCalendar';
import { activePractitioners, useClinic } from '../settings/store/clinic';
import { clinicSettingsPath } from '../settings/sections';

// FullCalendar is most of the agenda's weight: it loads with the page, not with the app.
const AgendaCalendar = lazy(() => import('./components/AgendaCalendar').then((m) => ({ default: m.AgendaCalendar })));

export function AgendaPage() {
  const { t, i18n } = useTranslation();
  const calendarRef = useRef<FullCalendar | null>(null);
  const paneRef = useRef<HTMLDivElement | null>(null);
  const settingsZone = useTimeZone();
  const profile = useClinic((s) => s.profile);
  const practitioners = useClinic((s) => s.practitioners);
  const services = useClinic((s) => s.services);
  const data = useAgenda((s) => s.data);
  const error = useAgenda((s) => s.error);
  const hidden = useAgenda((s) => s.hiddenPractitioners);
  const timeZone = data?.timeZone ?? profile?.timeZone ?? settingsZone;
  const [title, setTitle] = useState('');
  const [creating, setCreating] = useState<NewAppointmentSeed | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const [waitlist, setWaitlist] = useState(false);
  const { toast, undoing, show, close, undo, notifying, notify, stopNotifying } = useAgendaToast();

  useEffect(() => {
    void useClinic.getState().loadAll();
    // Off this page, push events need not refetch a range nobody sees; the next visit loads its own.
    return () => useAgenda.setState({ range: null });
  }, []);

  // /agenda?fecha=2026-11-24&turno=42 (from a patient's page): that day, that appointment open.
  const search = useRouter((s) => s.route.search);
  const { date: linkedDate, appointmentId: linkedId } = agendaLink(search);
  useEffect(() => {
    if (linkedDate) calendarRef.current?.getApi().gotoDate(linkedDate);
  }, [linkedDate]);
  useEffect(() => {
    if (linkedId !== null) setOpenId(linkedId);
  }, [linkedId]);

  // The open appointment follows the agenda's data (a push event may have changed it).
  const open = openId === null ? null : (data?.appointments.find((a) => a.id === openId) ?? null);
  const [openSnapshot, setOpenSnapshot] = useState<Appointment | null>(null);
  const shown = open ?? openSnapshot;

  const slotMinutes = Math.min(Math.max(Math.round(profile?.slotMinutes ?? 15), 5), 60);
  useHourHeight(paneRef, slotMinutes, () => calendarRef.current?.getApi().updateSize());

  const active = activePractitioners(practitioners);
  const visible = active.filter((p) => !hidden.includes(p.id));
  const noCatalogue =
    practitioners !== null && services !== null && (active.length === 0 || services.every((s) => !s.active));

  const onRange = (arg: DatesSetArg) => {
    setTitle(arg.view.title);
    void useAgenda.getState().setRange(arg.start.toISOString(), arg.end.toISOString());
  };

  const onSelect = (arg: DateSelectArg) => {
    arg.view.calendar.unselect();
    setCreating({
      start: arg.start,
      allDay: arg.allDay,
      practitionerId: visible.length === 1 ? (visible[0]?.id ?? null) : null,
    });
  };

  const onDrop = async (arg: EventDropArg) => {
    const a = arg.event.extendedProps['appointment'] as Appointment | undefined;
    const start = arg.event.start;
    if (!a || !start) return arg.revert();
    // Where she dropped it: the toast shows there.
    const anchor = boxOf(arg.el);
    try {
      const moved = await agendaApi.updateAppointment(a.id, { start: start.toISOString() });
      show({
        kind: 'ok',
        text: t('agenda.moved', {
          name: moved.patientName,
          when: formatDateTime(moved.start, i18n.language, timeZone),
        }),
        anchor,
        change: { appointment: moved, kind: 'moved' },
      });
      void useAgenda.getState().refetch();
    } catch (e) {
      // Back where it was, and why.
      arg.revert();
      show({ kind: 'error', text: t('agenda.moveRefused', { reason: agendaError(t, e) }), anchor });
    }
  };

  // The calendar reads the latest of these when something happens: it never re-renders for them.
  const handlersNow: CalendarHandlers = {
    onRange,
    onSelect,
    onOpen: (a) => {
      setOpenSnapshot(a);
      setOpenId(a.id);
    },
    onDrop: (arg) => void onDrop(arg),
  };
  const calendarHandlers = useRef(handlersNow);
  calendarHandlers.current = handlersNow;

  /** A change made in the appointment's dialog: the toast by the event, "Deshacer" for a move or a cancellation. */
  const onDialogChange = async (a: Appointment, message: string, action: string) => {
    const before = eventAnchor(a.id);
    const kind = action === 'reschedule' ? 'moved' : action === 'cancel' ? 'cancelled' : null;
    const anchor = await anchorAfterRefetch(a.id, before);
    show({
      kind: 'ok',
      text: `${a.patientName}: ${message}`,
      anchor,
      ...(kind ? { change: { appointment: a, kind }, takeFocus: true } : {}),
    });
  };

  const changeView = (view: CalendarView) => {
    useAgenda.getState().setView(view);
    calendarRef.current?.getApi().changeView(view);
  };

  useAgendaShortcuts({
    today: () => calendarRef.current?.getApi().today(),
    prev: () => calendarRef.current?.getApi().prev(),
    next: () => calendarRef.current?.getApi().next(),
    view: changeView,
    create: () => newAppointment(),
    waitlist: () => setWaitlist(true),
  });

  const newAppointment = () => {
    const api = calendarRef.current?.getApi();
    const viewStart = api?.view.currentStart ?? new Date();
    const today = new Date();
    const start = api && today >= api.view.currentStart && today < api.view.currentEnd ? today : viewStart;
    setCreating({ start, allDay: true, practitionerId: visible.length === 1 ? (visible[0]?.id ?? null) : null });
  };

  return (
    <div className="agenda-page">
      <header className="agenda-head">
        <h1 tabIndex={-1}>{t('nav.agenda')}</h1>
        <AgendaToolbar
          title={title}
          onToday={() => calendarRef.current?.getApi().today()}
          onPrev={() => calendarRef.current?.getApi().prev()}
          onNext={() => calendarRef.current?.getApi().next()}
          onView={changeView}
          onNew={newAppointment}
          onExport={() => setExporting(true)}
          onWaitlist={() => setWaitlist(true)}
        />
      </header>
      <PractitionerFilter practitioners={active} />
      {noCatalogue ? (
        <div className="notice notice--info agenda-setup">
          <p>{active.length === 0 ? t('agenda.setup.noPractitioners') : t('agenda.setup.noServices')}</p>
          <Link
            className="button button--small"
            to={clinicSettingsPath(active.length === 0 ? 'practitioners' : 'services')}
          >
            {active.length === 0 ? t('agenda.setup.addPractitioner') : t('agenda.setup.addService')}
          </Link>
        </div>
      ) : null}
      <ClosuresInRange timeZone={timeZone} />
      <ConfirmationsPanel timeZone={timeZone} />
      <div className="agenda-notices" aria-live="polite">
        {error ? (
          <p className="notice notice--error" role="alert">
            <span>{`${t('agenda.loadError')} ${agendaError(t, error)}`}</span>
            <button type="button" className="link-button" onClick={() => void useAgenda.getState().refetch()}>
              {t('app.retry')}
            </button>
          </p>
        ) : null}
      </div>
      {/* The one pane that scrolls (focusable, so the keyboard scrolls it too). */}
      <div className="agenda-calendar" ref={paneRef} tabIndex={0} role="region" aria-label={t('agenda.calendarLabel')}>
        <Suspense
          fallback={
            <p className="muted" role="status">
              <span className="spinner" aria-hidden="true" /> {t('app.loading')}
            </p>
          }
        >
          <AgendaCalendar
            calendarRef={calendarRef}
            initialDate={linkedDate}
            timeZone={timeZone}
            slotMinutes={slotMinutes}
            openingHours={profile?.openingHours ?? null}
            handlers={calendarHandlers}
          />
        </Suspense>
      </div>
      {creating ? (
        <NewAppointmentDialog
          seed={creating}
          timeZone={timeZone}
          onClose={() => setCreating(null)}
          onBooked={(a) => {
            setCreating(null);
            const text = t('agenda.booked', {
              name: a.patientName,
              when: formatDateTime(a.start, i18n.language, timeZone),
            });
            void anchorAfterRefetch(a.id, null).then((anchor) => show({ kind: 'ok', text, anchor }));
          }}
        />
      ) : null}
      {shown ? (
        <AppointmentDialog
          key={shown.id}
          appointment={shown}
          timeZone={timeZone}
          onClose={() => {
            setOpenId(null);
            setOpenSnapshot(null);
            if (linkedId !== null) navigate(PAGE_PATHS.agenda, { replace: true });
          }}
          onChanged={(a, message, action) => {
            setOpenId(null);
            setOpenSnapshot(null);
            void onDialogChange(a, message, action);
          }}
        />
      ) : null}
      {exporting ? <ExportDialog onClose={() => setExporting(false)} /> : null}
      {waitlist ? <WaitlistDialog timeZone={timeZone} onClose={() => setWaitlist(false)} /> : null}
      {toast ? (
        <AgendaToast
          key={toast.id}
          toast={toast}
          busy={undoing}
          onClose={close}
          onUndo={() => void undo()}
          onNotify={notify}
        />
      ) : null}
      {notifying ? (
        <NotifyPatientDialog
          appointment={notifying.appointment}
          change={notifying.kind}
          conversationId={notifying.conversationId}
          initialText={notifyText(t, notifying.kind, notifying.appointment, {
            clinicName: profile?.name ?? '',
            lang: i18n.language,
            timeZone,
          })}
          onClose={stopNotifying}
          onSent={(name, asTemplate) => {
            stopNotifying();
            const text = t(asTemplate ? 'agenda.notify.sentAsTemplate' : 'agenda.notify.sent', { name });
            show({ kind: 'ok', text, anchor: toast?.anchor ?? null });
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * Single keys while no field or dialog has the focus: ← → move the range, T today, N new
 * appointment, L the waitlist, D/S/M (or W) the view. Laura keeps one hand on the mouse.
 */
function useAgendaShortcuts(actions: {
  today(): void;
  prev(): void;
  next(): void;
  view(v: CalendarView): void;
  create(): void;
  waitlist(): void;
}) {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable], dialog')) return;
      const a = latest.current;
      const byKey: Record<string, () => void> = {
        ArrowLeft: a.prev,
        ArrowRight: a.next,
        t: a.today,
        n: a.create,
        l: a.waitlist,
        d: () => a.view('timeGridDay'),
        s: () => a.view('timeGridWeek'),
        w: () => a.view('timeGridWeek'),
        m: () => a.view('dayGridMonth'),
      };
      const run = byKey[e.key.length === 1 ? e.key.toLowerCase() : e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** "Cerrado: jueves 24 de diciembre (Navidad)" for the closures in the visible range. */
function ClosuresInRange({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const closures = useAgenda((s) => s.data?.closures);
  if (!closures?.length) return null;
  return (
    <ul className="closures-strip" aria-label={t('agenda.closuresLabel')}>
      {closures.map((c, i) => {
        const from = formatDay(c.start, i18n.language, timeZone);
        const to = formatDay(new Date(Date.parse(c.end) - 1), i18n.language, timeZone);
        return (
          <li key={i}>
            {from === to ? t('agenda.closedDay', { day: from }) : t('agenda.closedRange', { from, to })}
            {c.reason ? ` — ${c.reason}` : ''}
          </li>
        );
      })}
    </ul>
  );
}
