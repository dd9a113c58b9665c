// What the Agenda page shows: the visible range's appointments, working hours, closures
// and time off (one GET /api/agenda), refetched when a push event says something changed.
import { create } from 'zustand';
import { agendaApi } from '../api/agenda';
import { ApiError } from '../../../shared/api/client';
import type { AgendaView } from '../../../shared/api/types';

export type CalendarView = 'timeGridDay' | 'timeGridWeek' | 'dayGridMonth';
export const CALENDAR_VIEWS: readonly CalendarView[] = ['timeGridDay', 'timeGridWeek', 'dayGridMonth'];

const PREFS_KEY = 'recepta.agenda';

interface Prefs {
  view: CalendarView;
  hiddenPractitioners: number[];
  showCancelled: boolean;
}

function readPrefs(): Prefs {
  const fallback: Prefs = { view: 'timeGridWeek', hiddenPractitioners: [], showCancelled: false };
  try {
    const raw = JSON.parse(localStorage.getItem(PREFS_KEY) ?? 'null') as Partial<Prefs> | null;
    if (!raw) return fallback;
    return {
      view: CALENDAR_VIEWS.includes(raw.view as CalendarView) ? (raw.view as CalendarView) : fallback.view,
      hiddenPractitioners: Array.isArray(raw.hiddenPractitioners)
        ? raw.hiddenPractitioners.filter((n) => typeof n === 'number')
        : [],
      showCancelled: raw.showCancelled === true,
    };
  } catch {
    return fallback;
  }
}

function writePrefs(p: Prefs): void {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify(p));
  } catch {
    /* storage may be unavailable: the choice lasts for this session */
  }
}

interface AgendaState extends Prefs {
  range: { from: string; to: string } | null;
  data: AgendaView | null;
  loading: boolean;
  error: ApiError | null;
  setRange(from: string, to: string): Promise<void>;
  refetch(): Promise<void>;
  setView(view: CalendarView): void;
  togglePractitioner(id: number): void;
  setHidden(ids: number[]): void;
  setShowCancelled(show: boolean): void;
}

let sequence = 0;

export const useAgenda = create<AgendaState>((set, get) => ({
  ...readPrefs(),
  range: null,
  data: null,
  loading: false,
  error: null,
  async setRange(from, to) {
    const r = get().range;
    if (r && r.from === from && r.to === to) return;
    set({ range: { from, to } });
    await get().refetch();
  },
  async refetch() {
    const range = get().range;
    if (!range) return;
    const mine = ++sequence;
    set({ loading: true });
    try {
      // The calendar's request leaves cancelled appointments out; they come apart, when asked for.
      const [view, cancelled] = await Promise.all([
        agendaApi.agenda(range),
        get().showCancelled
          ? agendaApi.appointments({ from: range.from, to: range.to, status: 'cancelled' })
          : Promise.resolve([]),
      ]);
      const data = cancelled.length
        ? { ...view, appointments: [...view.appointments.filter((a) => a.status !== 'cancelled'), ...cancelled] }
        : view;
      // A newer range or refetch started meanwhile: its answer wins.
      if (mine === sequence) set({ data, error: null, loading: false });
    } catch (e) {
      if (mine === sequence)
        set({ error: e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)), loading: false });
    }
  },
  setView(view) {
    set({ view });
    writePrefs(prefsOf(get()));
  },
  togglePractitioner(id) {
    const hidden = get().hiddenPractitioners;
    set({ hiddenPractitioners: hidden.includes(id) ? hidden.filter((x) => x !== id) : [...hidden, id] });
    writePrefs(prefsOf(get()));
  },
  setHidden(hiddenPractitioners) {
    set({ hiddenPractitioners });
    writePrefs(prefsOf(get()));
  },
  setShowCancelled(showCancelled) {
    set({ showCancelled });
    writePrefs(prefsOf(get()));
    void get().refetch();
  },
}));

const prefsOf = (s: Prefs): Prefs => ({
  view: s.view,
  hiddenPractitioners: s.hiddenPractitioners,
  showCancelled: s.showCancelled,
});

let pending: ReturnType<typeof setTimeout> | null = null;

/** A push event said the agenda changed: refetch the visible range once for a burst of events. */
export function agendaChanged(): void {
  if (pending) return;
  pending = setTimeout(() => {
    pending = null;
    void useAgenda.getState().refetch();
  }, 120);
}
