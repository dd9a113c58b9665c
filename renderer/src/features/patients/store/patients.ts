// The Pacientes page: the searched list (paged by id) and the open patients' details, kept
// current by `patient.updated` and `appointment.changed` push events.
import { create } from 'zustand';
import { agendaApi } from '../../agenda/api/agenda';
import { ApiError } from '../../../shared/api/client';
import type { Patient, PatientDetail } from '../../../shared/api/types';
import { Freshness } from '../../../lib/freshness';

export const PAGE_SIZE = 100;

interface PatientsState {
  query: string;
  list: Patient[] | null;
  loading: boolean;
  hasMore: boolean;
  error: ApiError | null;
  details: Record<number, PatientDetail>;
  detailErrors: Record<number, ApiError>;
  search(query: string): Promise<void>;
  loadMore(): Promise<void>;
  reloadList(): Promise<void>;
  loadDetail(id: number): Promise<PatientDetail | null>;
  putPatient(p: Patient | PatientDetail): void;
  forget(id: number): void;
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)));
let listSeq = 0;
/** An open patient is reloaded on every change to them or their appointments; the reload that left last wins. */
const details = new Freshness<number>();

export const usePatients = create<PatientsState>((set, get) => ({
  query: '',
  list: null,
  loading: false,
  hasMore: false,
  error: null,
  details: {},
  detailErrors: {},
  async search(query) {
    set({ query });
    await get().reloadList();
  },
  async reloadList() {
    const mine = ++listSeq;
    const q = get().query.trim();
    set({ loading: true });
    try {
      // A reload keeps as many rows as were shown (a push event must not shrink a scrolled list).
      const limit = Math.min(500, Math.max(PAGE_SIZE, get().list?.length ?? 0));
      const list = await agendaApi.patients({ ...(q ? { q } : {}), limit });
      if (mine === listSeq) set({ list, hasMore: list.length === limit, loading: false, error: null });
    } catch (e) {
      if (mine === listSeq) set({ loading: false, error: asApiError(e) });
    }
  },
  async loadMore() {
    const { list, hasMore, loading, query } = get();
    const last = list?.at(-1);
    if (!list || !hasMore || loading || !last) return;
    const mine = ++listSeq;
    set({ loading: true });
    try {
      const more = await agendaApi.patients({
        ...(query.trim() ? { q: query.trim() } : {}),
        limit: PAGE_SIZE,
        before: last.id,
      });
      if (mine === listSeq)
        set({
          list: [...list, ...more.filter((p) => !list.some((x) => x.id === p.id))],
          hasMore: more.length === PAGE_SIZE,
          loading: false,
        });
    } catch (e) {
      if (mine === listSeq) set({ loading: false, error: asApiError(e) });
    }
  },
  async loadDetail(id) {
    try {
      const ticket = details.take();
      const detail = await agendaApi.patient(id);
      if (!details.claim(id, ticket)) return get().details[id] ?? detail;
      const { [id]: _gone, ...detailErrors } = get().detailErrors;
      set({ details: { ...get().details, [id]: detail }, detailErrors });
      get().putPatient(detail);
      return detail;
    } catch (e) {
      set({ detailErrors: { ...get().detailErrors, [id]: asApiError(e) } });
      return null;
    }
  },
  putPatient(p) {
    const list = get().list;
    if (list?.some((x) => x.id === p.id))
      set({ list: list.map((x) => (x.id === p.id ? { ...x, ...stripDetail(p) } : x)) });
  },
  forget(id) {
    const { [id]: _gone, ...details } = get().details;
    set({ details, list: get().list?.filter((p) => p.id !== id) ?? null });
  },
}));

function stripDetail(p: Patient | PatientDetail): Patient {
  const { appointments: _a, conversations: _c, ...rest } = p as PatientDetail;
  return rest;
}

/** A patient changed (or was merged into another): refresh what is on screen (`listShown`: the Pacientes page is open). */
export function patientChanged(patientId: number, listShown: boolean, mergedId?: number): void {
  const s = usePatients.getState();
  if (mergedId !== undefined) s.forget(mergedId);
  if (listShown && s.list) void s.reloadList();
  if (s.details[patientId]) void s.loadDetail(patientId);
}

/** An appointment changed: the open patient's history and the list's "next appointment" may show it. */
export function patientAppointmentsChanged(openPatientId: number | null, listShown: boolean): void {
  const s = usePatients.getState();
  if (openPatientId !== null) void s.loadDetail(openPatientId);
  if (listShown && s.list) void s.reloadList();
}
