// The waitlist part of the local API (issue 17).
import { call } from '../../../shared/api/client';
import type { CreateWaitlistEntry } from '../../../shared/api/types';

export const waitlistApi = {
  entries: (patientId?: number) => call('GET /api/waitlist', { query: { patientId } }),
  add: (entry: CreateWaitlistEntry) => call('POST /api/waitlist', { body: entry }),
  remove: (id: number) => call('DELETE /api/waitlist/:id', { params: { id } }),
  offers: (patientId?: number) => call('GET /api/waitlist/offers', { query: { patientId, limit: 30 } }),
};
