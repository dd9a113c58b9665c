import { and, asc, eq, gte, lt, sql, type SQLWrapper } from 'drizzle-orm';
import { assistantUsage } from '../schema.js';
import type { Db } from '../client.js';
import { preparedStatements } from './prepared.js';

export type UsageRow = typeof assistantUsage.$inferSelect;
export type NewUsage = Omit<typeof assistantUsage.$inferInsert, 'id'>;
export type UsageKind = UsageRow['kind'];

/** Every assistant turn writes one row, in the reply's own transaction: a prepared statement (see prepared.ts). */
const statements = preparedStatements((sqlite) => ({
  insert: sqlite.prepare(
    'INSERT INTO assistant_usage (conversation_id, message_id, kind, mode, model, prompt_tokens, completion_tokens, cached_tokens, audio_ms, latency_ms, created_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ),
}));

/** One model call's usage (a turn, an image description, a transcription). Cost is computed when read. */
export function recordUsage(db: Db, row: NewUsage): void {
  statements(db).insert.run(
    row.conversationId,
    row.messageId ?? null,
    row.kind,
    row.mode ?? null,
    row.model ?? null,
    row.promptTokens ?? 0,
    row.completionTokens ?? 0,
    row.cachedTokens ?? 0,
    row.audioMs ?? 0,
    row.latencyMs,
    row.createdAt,
  );
}

/** The sums of the calls that share a kind, a mode and a model. */
export interface UsageGroup {
  kind: UsageKind;
  mode: string | null;
  model: string | null;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  audioMs: number;
  latencyMs: number;
}

/** Instants in ms; `from` included, `to` excluded. */
export interface UsageRange {
  from: number;
  to: number;
}

const u = assistantUsage;
const sum = (column: SQLWrapper) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);
const grouped = {
  kind: u.kind,
  mode: u.mode,
  model: u.model,
  calls: sql<number>`count(*)`.mapWith(Number),
  promptTokens: sum(u.promptTokens),
  completionTokens: sum(u.completionTokens),
  cachedTokens: sum(u.cachedTokens),
  audioMs: sum(u.audioMs),
  latencyMs: sum(u.latencyMs),
};
const inRange = (r: UsageRange) => and(gte(u.createdAt, r.from), lt(u.createdAt, r.to));

/** Usage over a period, by kind, mode and model (walks the time index). */
export function usageGroups(db: Db, range: UsageRange): UsageGroup[] {
  return db.select(grouped).from(u).where(inRange(range)).groupBy(u.kind, u.mode, u.model).all();
}

/** One conversation's usage, all time, by kind, mode and model (walks the conversation index). */
export function conversationUsageGroups(db: Db, conversationId: number): UsageGroup[] {
  return db.select(grouped).from(u).where(eq(u.conversationId, conversationId)).groupBy(u.kind, u.mode, u.model).all();
}

/**
 * The latency under which `percent` % of the model's answered turns in the period came
 * (nearest rank), or null without any. `answered` is how many there are (from the groups).
 */
export function turnLatencyPercentile(db: Db, range: UsageRange, answered: number, percent: number): number | null {
  if (answered <= 0) return null;
  const rank = Math.min(answered, Math.max(1, Math.ceil((percent / 100) * answered)));
  const row = db
    .select({ latencyMs: u.latencyMs })
    .from(u)
    .where(and(inRange(range), eq(u.kind, 'turn'), eq(u.mode, 'llm')))
    .orderBy(asc(u.latencyMs))
    .limit(1)
    .offset(rank - 1)
    .get();
  return row?.latencyMs ?? null;
}
