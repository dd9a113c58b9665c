import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { listWaitlistEntries, listWaitlistOffers } from '../../../db/repos/waitlist.js';
import { removeWaitlistEntry } from '../../automations/waitlist/entries.js';
import type { AgendaServices } from '../../agenda/index.js';
import type { Waitlist } from '../../automations/waitlist/waitlist.js';
import {
  createWaitlistEntrySchema,
  toWaitlistEntry,
  toWaitlistOffer,
  waitlistEntrySchema,
  waitlistListQuerySchema,
  waitlistOfferQuerySchema,
  waitlistOfferSchema,
} from '../waitlist-types.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

/** The waitlist (Agenda › Lista de espera, and the patient's page): who waits, what was offered. */
export const waitlistRoutes =
  (db: Db, waitlist: Waitlist, agenda: Pick<AgendaServices, 'waitlist'>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/waitlist',
      {
        schema: {
          summary: 'List waitlist entries',
          operationId: 'listWaitlistEntries',
          tags: ['waitlist'],
          description: 'Oldest first (the order freed slots are offered in). By default only those still waiting.',
          querystring: waitlistListQuerySchema,
          response: { 200: z.array(waitlistEntrySchema) },
        },
      },
      async (req) =>
        listWaitlistEntries(db, {
          patientId: req.query.patientId,
          statuses: req.query.scope === 'waiting' ? ['active', 'offered'] : undefined,
        }).map(toWaitlistEntry),
    );

    app.post(
      '/api/waitlist',
      {
        schema: {
          summary: 'Add a patient to the waitlist',
          operationId: 'createWaitlistEntry',
          tags: ['waitlist'],
          description:
            'For a service, optionally one practitioner, a range of local dates (both included) and a part of the day (morning: before 13:00).',
          body: createWaitlistEntrySchema,
          response: { 201: waitlistEntrySchema },
        },
      },
      async (req, reply) => {
        const entry = agenda.waitlist.add({ ...req.body, createdBy: 'staff' }, Date.now());
        return reply.status(201).send(toWaitlistEntry(entry));
      },
    );

    app.delete(
      '/api/waitlist/:id',
      {
        schema: {
          summary: 'Take a patient off the waitlist',
          operationId: 'removeWaitlistEntry',
          tags: ['waitlist'],
          description: 'A pending offer of the entry ends and its slot goes to the next patient.',
          params: idParams,
          response: { 200: waitlistEntrySchema },
        },
      },
      async (req) => toWaitlistEntry(removeWaitlistEntry({ db }, waitlist, req.params.id, Date.now())),
    );

    app.get(
      '/api/waitlist/offers',
      {
        schema: {
          summary: 'List waitlist offers',
          operationId: 'listWaitlistOffers',
          tags: ['waitlist'],
          description: 'Newest first: every freed slot offered, to whom, and what became of it.',
          querystring: waitlistOfferQuerySchema,
          response: { 200: z.array(waitlistOfferSchema) },
        },
      },
      async (req) => listWaitlistOffers(db, req.query).map(toWaitlistOffer),
    );
  };
