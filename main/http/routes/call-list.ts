import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getCallListView,
  listCallList,
  openCallCount,
  setCallListDone,
  type CallListView,
} from '../../../db/repos/call-list.js';
import { preview } from '../../../db/repos/preview.js';
import { listUndeliveredMessages, type UndeliveredMessageRow } from '../../../db/repos/undelivered.js';
import type { ApiDeps } from '../api-deps.js';
import {
  callDoneSchema,
  callListEntrySchema,
  callListSchema,
  undeliveredListSchema,
  type CallListEntry,
  type UndeliveredMessage,
} from '../call-list-types.js';
import { ApiError } from '../errors.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
/** State-changing routes take a JSON object (may be empty): never a body-less, simple cross-site request. */
const emptyBody = z.object({}).strict();
/** Entries ticked off this recently stay visible (greyed, with "Deshacer"). */
const RECENTLY_DONE_MS = 24 * 60 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** "Para llamar" and "Mensajes no entregados" (issue 17). Retrying a message is `POST /api/messages/{id}/retry`. */
export const callListRoutes =
  (deps: Pick<ApiDeps, 'db' | 'events'>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/call-list',
      {
        schema: {
          tags: ['automations'],
          operationId: 'listCallList',
          summary: 'Patients reception should phone',
          description: 'Open entries (a reminder that did not arrive…) and the ones ticked off in the last 24 hours.',
          response: { 200: callListSchema },
        },
      },
      async () => ({
        entries: listCallList(deps.db, Date.now() - RECENTLY_DONE_MS).map(toEntry),
        openCount: openCallCount(deps.db),
      }),
    );

    const mark = (done: boolean) => async (id: number, outcome: string | undefined) => {
      const changed = setCallListDone(
        deps.db,
        id,
        done ? { outcome: outcome || null, by: 'staff', at: Date.now() } : null,
      );
      if (!changed) throw new ApiError(404, 'CALL_LIST_ENTRY_NOT_FOUND', `Call-list entry ${id} does not exist.`);
      deps.events.emit('callList.changed', { entryId: id });
      return toEntry(getCallListView(deps.db, id)!);
    };

    app.post(
      '/api/call-list/:id/done',
      {
        schema: {
          tags: ['automations'],
          operationId: 'markCallDone',
          summary: 'Tick a call off',
          description: 'Marks the entry done, with what the call settled (optional).',
          params: idParams,
          body: callDoneSchema,
          response: { 200: callListEntrySchema },
        },
      },
      async (req) => mark(true)(req.params.id, req.body.outcome),
    );

    app.post(
      '/api/call-list/:id/reopen',
      {
        schema: {
          tags: ['automations'],
          operationId: 'reopenCall',
          summary: 'Undo a tick',
          description: 'Puts a ticked-off entry back on the list.',
          params: idParams,
          body: emptyBody,
          response: { 200: callListEntrySchema },
        },
      },
      async (req) => mark(false)(req.params.id, undefined),
    );

    app.get(
      '/api/messages/undelivered',
      {
        schema: {
          tags: ['automations'],
          operationId: 'listUndeliveredMessages',
          summary: 'Outgoing messages that were not delivered',
          description:
            'Every failed outgoing message (reminders, offers, the assistant, staff), newest first, with its reason. `POST /api/messages/{id}/retry` sends one again.',
          response: { 200: undeliveredListSchema },
        },
      },
      async () => ({ messages: listUndeliveredMessages(deps.db).map(toUndelivered) }),
    );
  };

function toEntry(row: CallListView): CallListEntry {
  return {
    id: row.id,
    patientId: row.patientId,
    patientName: row.patientName,
    phone: row.phone,
    appointment:
      row.appointmentId === null || row.appointmentStartAt === null
        ? null
        : {
            id: row.appointmentId,
            startAt: iso(row.appointmentStartAt),
            service: row.serviceName,
            practitioner: row.practitionerName,
          },
    conversationId: row.conversationId,
    reason: row.reason,
    status: row.status,
    outcome: row.outcome,
    doneAt: row.doneAt === null ? null : iso(row.doneAt),
    createdAt: iso(row.createdAt),
  };
}

function toUndelivered(row: UndeliveredMessageRow): UndeliveredMessage {
  return {
    id: row.messageId,
    conversationId: row.conversationId,
    kind: row.meta?.automation?.kind ?? (row.role as UndeliveredMessage['kind']),
    patientName: row.patientName ?? row.chatName,
    provider: row.provider,
    preview: preview(row.text),
    reason: row.lastError,
    createdAt: iso(row.createdAt),
  };
}
