// The clinic's catalogue as the agenda and its settings read it: profile, practitioners,
// services and closures. Loaded once, refreshed by `agenda.catalogue.updated` push events.
import { create } from 'zustand';
import { agendaApi } from '../../agenda/api/agenda';
import { ApiError } from '../../../shared/api/client';
import type { ClinicProfile, Closure, Practitioner, Service } from '../../../shared/api/types';
import { Freshness } from '../../../lib/freshness';

export type CatalogueKind = 'clinic' | 'practitioners' | 'services' | 'closures';

interface ClinicState {
  profile: ClinicProfile | null;
  practitioners: Practitioner[] | null;
  services: Service[] | null;
  closures: Closure[] | null;
  errors: Partial<Record<CatalogueKind, ApiError>>;
  load(kind: CatalogueKind): Promise<void>;
  loadAll(): Promise<void>;
  /** Puts a saved item in place at once (the push event that follows reloads the list). */
  putPractitioner(p: Practitioner): void;
  putService(s: Service): void;
  setProfile(p: ClinicProfile): void;
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)));
/** A burst of push events sends several loads of a kind; a save's reply is newer than loads sent before it. */
const freshness = new Freshness<CatalogueKind>();

const LOADERS = {
  clinic: async () => ({ profile: await agendaApi.clinic() }),
  practitioners: async () => ({ practitioners: await agendaApi.practitioners() }),
  services: async () => ({ services: await agendaApi.services() }),
  closures: async () => ({ closures: sortClosures(await agendaApi.closures()) }),
} satisfies Record<CatalogueKind, () => Promise<Partial<ClinicState>>>;

export const sortClosures = (list: Closure[]) => [...list].sort((a, b) => a.startDate.localeCompare(b.startDate));

function upsert<T extends { id: number }>(list: T[] | null, item: T): T[] {
  if (!list) return [item];
  return list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];
}

export const useClinic = create<ClinicState>((set, get) => ({
  profile: null,
  practitioners: null,
  services: null,
  closures: null,
  errors: {},
  async load(kind) {
    try {
      const ticket = freshness.take();
      const patch = await LOADERS[kind]();
      if (!freshness.claim(kind, ticket)) return;
      const { [kind]: _dropped, ...errors } = get().errors;
      set({ ...patch, errors });
    } catch (e) {
      set({ errors: { ...get().errors, [kind]: asApiError(e) } });
    }
  },
  async loadAll() {
    await Promise.all((Object.keys(LOADERS) as CatalogueKind[]).map((k) => get().load(k)));
  },
  putPractitioner: (p) => {
    freshness.mark('practitioners');
    set({ practitioners: upsert(get().practitioners, p) });
  },
  putService: (s) => {
    freshness.mark('services');
    set({ services: upsert(get().services, s) });
  },
  setProfile: (profile) => {
    freshness.mark('clinic');
    set({ profile });
  },
}));

/** The practitioners Laura can book with (active ones), in name order. */
export function activePractitioners(list: Practitioner[] | null): Practitioner[] {
  return (list ?? []).filter((p) => p.active).sort((a, b) => a.name.localeCompare(b.name, 'es'));
}
