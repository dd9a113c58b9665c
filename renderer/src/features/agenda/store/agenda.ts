// What the Agenda page shows: the visible range's appointments, working hours, closures
// and time off (one GET /api/agenda), refetched when a push event says something changed.
// The ranges either side are fetched ahead, so "Semana siguiente" draws at once.
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
  /** The range `data` answers: while a new range loads, `data` is still the previous one's. */
  dataRange: { from: string; to: string } | null;
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

/**
 * The ranges next to the visible one, fetched ahead (AHEAD_DELAY_MS after it drew, so they
 * never hold up its paint). They are right until something changes: every refetch (a push
 * event, a reconnection, the cancelled toggle) forgets them all and fetches them again.
 */
const ahead = new Map<string, AgendaView>();
/** Moves on at every refetch: an answer fetched ahead under an older one may be stale. */
let generation = 0;
/** The generation the shown data was fetched under: only data as new as the agenda is kept for going back. */
let shownGeneration = -1;
const AHEAD_DELAY_MS = 100;
let aheadTimer: ReturnType<typeof setTimeout> | null = null;
const rangeKey = (r: { from: string; to: string }, showCancelled: boolean) =>
  `${r.from}|${r.to}|${showCancelled ? 'c' : ''}`;

async function fetchRange(range: { from: string; to: string }, showCancelled: boolean): Promise<AgendaView> {
  // The calendar's request leaves cancelled appointments out; they come apart, when asked for.
  const [view, cancelled] = await Promise.all([
    agendaApi.agenda(range),
    showCancelled
      ? agendaApi.appointments({ from: range.from, to: range.to, status: 'cancelled' })
      : Promise.resolve([]),
  ]);
  return cancelled.length
    ? { ...view, appointments: [...view.appointments.filter((a) => a.status !== 'cancelled'), ...cancelled] }
    : view;
}

/** The same span just before and just after `range` (a week's neighbours are weeks). */
export function neighbours(range: { from: string; to: string }): Array<{ from: string; to: string }> {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const span = to - from;
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    { from: iso(from - span), to: range.from },
    { from: range.to, to: iso(to + span) },
  ];
}

function fetchAhead(range: { from: string; to: string }, showCancelled: boolean): void {
  if (aheadTimer) clearTimeout(aheadTimer);
  const asked = generation;
  aheadTimer = setTimeout(() => {
    aheadTimer = null;
    for (const next of neighbours(range)) {
      const key = rangeKey(next, showCancelled);
      if (ahead.has(key)) continue;
      fetchRange(next, showCancelled)
        .then((view) => {
          // A refetch since then means the agenda changed: this answer may be stale.
          if (asked === generation) ahead.set(key, view);
        })
        .catch(() => {
          /* fetched ahead only: the range is fetched again when it is shown */
        });
    }
    // Keep the neighbours of where she is, not every week she went through.
    while (ahead.size > 6) ahead.delete(ahead.keys().next().value!);
  }, AHEAD_DELAY_MS);
}

export const useAgenda = create<AgendaState>((set, get) => ({
  ...readPrefs(),
  range: null,
  data: null,
  dataRange: null,
  loading: false,
  error: null,
  async setRange(from, to) {
    const r = get().range;
    if (r && r.from === from && r.to === to) return;
    const range = { from, to };
    const { showCancelled, data, dataRange } = get();
    // The range she leaves is kept too: "Semana anterior" right after "Semana siguiente" draws at once.
    if (data && dataRange && r && dataRange.from === r.from && dataRange.to === r.to && shownGeneration === generation)
      ahead.set(rangeKey(dataRange, showCancelled), data);
    const ready = ahead.get(rangeKey(range, showCancelled));
    if (!ready) {
      set({ range });
      return load(set, get);
    }
    // Fetched ahead and nothing changed since: shown at once. An answer still on its way for
    // the range she left is dropped (the sequence moves on without forgetting what is ahead).
    sequence += 1;
    shownGeneration = generation;
    set({ range, data: ready, dataRange: range, error: null, loading: false });
    fetchAhead(range, showCancelled);
  },
  async refetch() {
    generation += 1;
    ahead.clear();
    if (aheadTimer) clearTimeout(aheadTimer);
    aheadTimer = null;
    await load(set, get);
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

/** Fetches the visible range; the newest request's answer wins. */
async function load(set: (partial: Partial<AgendaState>) => void, get: () => AgendaState): Promise<void> {
  const range = get().range;
  if (!range) return;
  const mine = ++sequence;
  const asked = generation;
  set({ loading: true });
  try {
    const { showCancelled } = get();
    const data = await fetchRange(range, showCancelled);
    // A newer range or refetch started meanwhile: its answer wins.
    if (mine !== sequence) return;
    shownGeneration = asked;
    set({ data, dataRange: range, error: null, loading: false });
    fetchAhead(range, showCancelled);
  } catch (e) {
    if (mine === sequence)
      set({ error: e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)), loading: false });
  }
}

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
