import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import {
  getConversation,
  getConversationView,
  listConversations,
  listWaitingConversations,
  type ConversationListRow,
} from '../../../db/repos/conversations.js';
import { getAppointment } from '../../../db/repos/appointments.js';
import { getMessage, listMessages, type MessageRow } from '../../../db/repos/messages.js';
import { mediaForMessages, type MediaRow } from '../../../db/repos/media.js';
import { failureReasons } from '../../../db/repos/outbox.js';
import { UNTIL_RELEASED } from '../../../db/schema.js';
import { waitingSince } from '../../../db/repos/waiting.js';
import { snippetParts } from '../../../db/repos/search.js';
import {
  conversationSchema,
  messageSchema,
  staffReplySchema,
  staffReplyPreviewSchema,
  staffReplySentSchema,
  takeoverSchema,
  type Conversation,
  type Message,
} from '../api-types.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function toConversation(row: ConversationListRow, now = Date.now()): Conversation {
  const paused = row.humanOverrideUntil !== null && row.humanOverrideUntil > now;
  const indefinite = paused && row.humanOverrideUntil! >= UNTIL_RELEASED;
  const waiting = waitingSince(row, now);
  return {
    id: row.id,
    channel: row.channel,
    provider: row.provider,
    displayName: row.displayName,
    externalUserId: row.externalUserId,
    phone: row.phone,
    patientId: row.patientId,
    lastMessageAt: iso(row.lastMessageAt),
    lastMessagePreview: row.lastMessagePreview,
    unread: row.unread,
    humanOverrideUntil: paused && !indefinite ? iso(row.humanOverrideUntil!) : null,
    humanOverrideIndefinite: indefinite,
    humanOverrideReason: paused ? row.humanOverrideReason : null,
    needsAttention: waiting !== null,
    waitingSince: waiting === null ? null : iso(waiting),
    // A breach of an earlier wait (answered since) is not shown, even before the watch closes it.
    slaBreachedAt: waiting !== null && row.slaBreach?.waitingSince === waiting ? iso(row.slaBreach.breachedAt) : null,
    unansweredCount: row.unanswered?.count ?? 0,
    ...(row.match === undefined
      ? {}
      : { match: row.match && { messageId: row.match.messageId, snippet: snippetParts(row.match.snippet) } }),
    lastRole: row.last?.role ?? null,
    lastFailed: row.last?.failed ?? false,
    nextAppointment:
      row.nextAppointmentAt === null
        ? null
        : { startAt: iso(row.nextAppointmentAt), confirmed: row.nextAppointmentStatus === 'confirmed' },
  };
}

function toMedia(row: MediaRow): NonNullable<Message['media']> {
  return {
    id: row.id,
    kind: row.kind,
    mimeType: row.mimeType,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    state: row.state,
    hasThumbnail: row.thumbnailPath !== null,
    error: row.error,
    description: row.description,
    transcript: row.transcript,
    analysisState: row.analysisState,
    analysisError: row.analysisError,
  };
}

function toMessage(row: MessageRow, failureReason: string | null = null, media: MediaRow | null = null): Message {
  const meta = row.meta;
  const mode = meta?.mode;
  return {
    id: row.id,
    conversationId: row.conversationId,
    role: row.role,
    text: row.text,
    // Never the provider's own URL (it may be signed): the UI gets our media route instead.
    media: media ? toMedia(media) : null,
    createdAt: iso(row.createdAt),
    status: row.status,
    answeredBy: mode === 'llm' || mode === 'fallback' || mode === 'menu' ? mode : null,
    failureReason: row.status === 'failed' ? failureReason : null,
    fallbackReason: (mode === 'fallback' || mode === 'menu') && typeof meta?.reason === 'string' ? meta.reason : null,
    receivedWhileOffline: meta?.receivedWhileOffline === true,
    edited: meta?.editedAt !== undefined,
    deleted: meta?.deleted === true,
    assistantDetails: row.role === 'assistant' ? assistantDetails(row.meta) : null,
  };
}

/** What the turn recorded about itself (ReplyMeta), as the repository parsed it (meta is JSON written by older versions too). */
function assistantDetails(m: MessageRow['meta']): Message['assistantDetails'] {
  if (!m) return null;
  const num = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);
  return {
    model: m.model ?? null,
    promptTokens: num(m.promptTokens),
    completionTokens: num(m.completionTokens),
    latencyMs: num(m.latencyMs),
    tools: (m.tools ?? []).map((t) => ({ name: t.name, ok: t.ok, arguments: t.arguments, result: t.result })),
  };
}

/** API messages, with their files and, for the ones that failed, the provider's reason (two small queries at most). */
function toApiMessages(db: Db, rows: MessageRow[]): Message[] {
  const failed = rows.filter((r) => r.status === 'failed').map((r) => r.id);
  const reasons = failureReasons(db, failed);
  const withMedia = rows.filter((r) => r.media !== null).map((r) => r.id);
  const files = new Map(mediaForMessages(db, withMedia).map((m) => [m.messageId, m]));
  return rows.map((r) => toMessage(r, reasons.get(r.id) ?? null, files.get(r.id) ?? null));
}

const idParams = z.object({ id: z.coerce.number().int().positive() });
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const conversationRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const mustExist = (id: number) => {
      const row = getConversation(deps.db, id);
      if (!row) throw new ApiError(404, 'NOT_FOUND', `Conversation ${id} does not exist.`);
      return row;
    };
    /** The chat (else 404), and the visit a message confirms, which must be its patient's (else 400). */
    const chatConfirming = (id: number, confirmsAppointmentId: number | undefined) => {
      const chat = mustExist(id);
      if (confirmsAppointmentId === undefined) return;
      const visit = getAppointment(deps.db, confirmsAppointmentId);
      if (!visit || visit.patientId !== chat.patientId)
        throw new ApiError(
          400,
          'VALIDATION_FAILED',
          `Appointment ${confirmsAppointmentId} is not this chat's patient's.`,
        );
    };
    /** The chat as the inbox shows it, or 404. */
    const view = (id: number) => {
      const row = getConversationView(deps.db, id);
      if (!row) throw new ApiError(404, 'NOT_FOUND', `Conversation ${id} does not exist.`);
      return toConversation(row);
    };

    app.get(
      '/api/conversations',
      {
        schema: {
          summary: 'List conversations',
          operationId: 'listConversations',
          tags: ['conversations'],
          querystring: z.object({
            channel: z.string().max(32).optional(),
            needsHuman: booleanQuery.optional(),
            q: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(1000).optional(),
            afterTime: z.iso
              .datetime()
              .optional()
              .describe('Next page: the `lastMessageAt` of the last chat of the previous page'),
            afterId: z.coerce
              .number()
              .int()
              .positive()
              .optional()
              .describe('Next page: the `id` of the last chat of the previous page'),
          }),
          response: { 200: z.array(conversationSchema) },
        },
      },
      async (req) => {
        const { afterTime, afterId, ...filter } = req.query;
        if ((afterTime === undefined) !== (afterId === undefined)) {
          throw new ApiError(
            400,
            'VALIDATION_FAILED',
            'afterTime and afterId go together: both from the last chat of the previous page.',
          );
        }
        // A search answers with its best page; paging through it would skip chats ranked by message text.
        if (afterId !== undefined && filter.q)
          throw new ApiError(400, 'VALIDATION_FAILED', 'A search is not paged: refine the words instead.');
        const after = afterTime && afterId ? { lastMessageAt: Date.parse(afterTime), id: afterId } : undefined;
        return listConversations(deps.db, { ...filter, after }).map((r) => toConversation(r));
      },
    );

    app.get(
      '/api/conversations/waiting',
      {
        schema: {
          summary: 'List the conversations that need a person',
          operationId: 'listWaitingConversations',
          tags: ['conversations'],
          description:
            'The chats a person owes an answer (see `waitingSince`), the one waiting longest first: the "Necesita atención" group pinned above the list.',
          response: { 200: z.array(conversationSchema) },
        },
      },
      async () => {
        const now = Date.now();
        return listWaitingConversations(deps.db, now).map((r) => toConversation(r, now));
      },
    );

    app.get(
      '/api/conversations/:id',
      {
        schema: {
          summary: 'Get a conversation',
          operationId: 'getConversation',
          tags: ['conversations'],
          params: idParams,
          response: { 200: conversationSchema },
        },
      },
      async (req) => view(req.params.id),
    );

    app.get(
      '/api/conversations/:id/messages',
      {
        schema: {
          summary: "List a conversation's messages",
          operationId: 'listConversationMessages',
          tags: ['conversations'],
          params: idParams,
          querystring: z.object({
            before: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
          }),
          response: { 200: z.array(messageSchema) },
        },
      },
      async (req) => {
        mustExist(req.params.id);
        return toApiMessages(deps.db, listMessages(deps.db, req.params.id, req.query));
      },
    );

    app.get(
      '/api/messages/:id',
      {
        schema: {
          summary: 'Get a message',
          operationId: 'getMessage',
          tags: ['conversations'],
          params: idParams,
          response: { 200: messageSchema },
        },
      },
      async (req) => {
        const row = getMessage(deps.db, req.params.id);
        if (!row) throw new ApiError(404, 'NOT_FOUND', `Message ${req.params.id} does not exist.`);
        return toApiMessages(deps.db, [row])[0]!;
      },
    );

    app.post(
      '/api/messages/:id/retry',
      {
        schema: {
          summary: 'Retry a failed message',
          operationId: 'retryMessage',
          tags: ['conversations'],
          description: 'Sends a failed message again ("Reintentar"), with a fresh set of attempts.',
          params: idParams,
          response: { 202: messageSchema },
        },
      },
      async (req, reply) => {
        const row = getMessage(deps.db, req.params.id);
        if (!row) throw new ApiError(404, 'NOT_FOUND', `Message ${req.params.id} does not exist.`);
        if (!deps.staff.retry(row.id))
          throw new ApiError(409, 'CONFLICT', 'Only a message that failed to send can be sent again.');
        return reply.status(202).send(toApiMessages(deps.db, [getMessage(deps.db, row.id)!])[0]!);
      },
    );

    app.post(
      '/api/conversations/:id/messages',
      {
        schema: {
          summary: 'Send a staff reply',
          operationId: 'sendStaffReply',
          tags: ['conversations'],
          description:
            "A staff reply, sent through the conversation's channel. Pauses the assistant for this chat. With `confirmsAppointmentId` (a visit of the chat's patient), it may go as the confirmation template (see the field).",
          params: idParams,
          body: staffReplySchema,
          response: { 201: staffReplySentSchema },
        },
      },
      async (req, reply) => {
        const { text, confirmsAppointmentId } = req.body;
        chatConfirming(req.params.id, confirmsAppointmentId);
        const sent = deps.staff.reply(req.params.id, text, undefined, { confirms: confirmsAppointmentId });
        if (!sent) throw new ApiError(404, 'NOT_FOUND', `Conversation ${req.params.id} does not exist.`);
        return reply.status(201).send(sent);
      },
    );

    app.get(
      '/api/conversations/:id/outgoing-preview',
      {
        schema: {
          summary: 'How a staff reply would go out now',
          operationId: 'previewStaffReply',
          tags: ['conversations'],
          description:
            "Before sending: whether a message typed now goes as typed, as the confirmation template (YCloud, the patient last wrote over 24 hours ago, `confirmsAppointmentId` given and a template chosen; with the template's words), or would be refused by WhatsApp (outside the window with no template to use).",
          params: idParams,
          querystring: z.object({ confirmsAppointmentId: z.coerce.number().int().positive().optional() }),
          response: { 200: staffReplyPreviewSchema },
        },
      },
      async (req) => {
        chatConfirming(req.params.id, req.query.confirmsAppointmentId);
        const preview = deps.staff.preview(req.params.id, req.query.confirmsAppointmentId);
        if (!preview) throw new ApiError(404, 'NOT_FOUND', `Conversation ${req.params.id} does not exist.`);
        return preview;
      },
    );

    app.post(
      '/api/conversations/:id/takeover',
      {
        schema: {
          summary: 'Pause or resume the assistant for a chat',
          operationId: 'setTakeover',
          tags: ['conversations'],
          description: 'Pause (enabled) or resume the assistant for this chat.',
          params: idParams,
          body: takeoverSchema,
          response: { 200: conversationSchema },
        },
      },
      async (req) => {
        const { enabled, hours, pending } = req.body;
        if (!deps.staff.setTakeover(req.params.id, enabled, hours, pending)) {
          throw new ApiError(404, 'NOT_FOUND', `Conversation ${req.params.id} does not exist.`);
        }
        return view(req.params.id);
      },
    );

    app.post(
      '/api/conversations/:id/read',
      {
        schema: {
          summary: 'Mark a conversation read',
          operationId: 'markConversationRead',
          tags: ['conversations'],
          params: idParams,
          response: { 200: conversationSchema },
        },
      },
      async (req) => {
        mustExist(req.params.id);
        deps.staff.markRead(req.params.id);
        return view(req.params.id);
      },
    );
  };
