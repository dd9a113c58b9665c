import type { Db } from '../../db/client.js';
import { recordUsage } from '../../db/repos/usage.js';
import type { ReplyMeta } from '../agent/assistant.js';

/**
 * Records what a turn used next to its queued reply (call it inside the reply's
 * transaction). Every mode counts — the menu and the polite fallback with 0 tokens,
 * holding replies too — so "respuestas del asistente" matches the thread.
 */
export function withTurnUsage<T extends { messageId: number }>(
  db: Db,
  queued: T,
  conversationId: number,
  meta: ReplyMeta,
  now: number,
): T {
  recordUsage(db, {
    conversationId,
    messageId: queued.messageId,
    kind: 'turn',
    mode: meta.mode,
    model: meta.model ?? null,
    promptTokens: meta.promptTokens ?? 0,
    completionTokens: meta.completionTokens ?? 0,
    cachedTokens: meta.cachedTokens ?? 0,
    latencyMs: Math.max(0, Math.round(meta.latencyMs)),
    createdAt: now,
  });
  return queued;
}
