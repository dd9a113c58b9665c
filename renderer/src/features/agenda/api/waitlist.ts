// The waitlist part of the local API (issue 17).
import { create } from 'zustand';
import { call } from '../../../shared/api/client';
import type { CreateWaitlistEntry } from '../../../shared/api/types';

export const waitlistApi = {
  entries: (patientId?: number) => call('GET /api/waitlist', { query: { patientId } }),
  add: (entry: CreateWaitlistEntry) => call('POST /api/waitlist', { body: entry }),
  remove: (id: number) => call('DELETE /api/waitlist/:id', { params: { id } }),
  offers: (patientId?: number) => call('GET /api/waitlist/offers', { query: { patientId, limit: 30 } }),
};

interface WaitlistVersion {
  /** Bumped on every `waitlist.changed` push event: an open list reads itself again. */
  version: number;
}

/** The waitlist panels (Agenda › Lista de espera, the patient's page) hear changes made elsewhere through this. */
export const useWaitlistVersion = create<WaitlistVersion>(() => ({ version: 0 }));

/** Something on the waitlist changed (the assistant, the waitlist job, another PC): live.ts calls it. */
export const waitlistChanged = () => useWaitlistVersion.setState((s) => ({ version: s.version + 1 }));
