// What the assistant uses and costs: one usage row per turn, written with the reply;
// totals and per-conversation sums priced when read with the clinic's price table.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { listMessages } from '../../db/repos/messages.js';
import { conversationUsageGroups, recordUsage, turnLatencyPercentile, usageGroups } from '../../db/repos/usage.js';
import * as schema from '../../db/schema.js';
import type { ConversationUsage, UsageReport } from '../../main/http/usage-types.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';
import { patientSays } from '../helpers/patient-says.js';

let core: TestCore | null = null;
let llm: FakeOpenAI | null = null;
afterEach(async () => {
  await core?.stop();
  await llm?.close();
  core = null;
  llm = null;
});

const usageRows = (db: Db) => db.select().from(schema.assistantUsage).all();

async function startWithModel(): Promise<{ core: TestCore; llm: FakeOpenAI }> {
  llm = await startFakeOpenAI();
  core = await startTestCore({
    env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-usage', RECEPTA_MODEL: 'fake-model' },
  });
  await core.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
  return { core, llm };
}

/** The patient writes; resolves once the assistant's reply for it is queued. */
async function say(c: TestCore, from: string, text: string): Promise<{ conversationId: number; replyId: number }> {
  const said = await patientSays(c, { from, text });
  return { conversationId: said.conversationId, replyId: said.reply.id };
}

const PRICES = [{ model: 'fake-model', inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 }];

describe('usage recorded per turn', () => {
  it('a model turn records its tokens, cached ones included, against the reply it produced', async () => {
    const { core, llm } = await startWithModel();
    llm.enqueue({ reply: 'Hola, ¿en qué te ayudo?', usage: { prompt: 1200, completion: 80, cached: 1000 } });
    const { conversationId, replyId } = await say(core, '+5491160000001', 'hola');

    const rows = usageRows(core.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      conversationId,
      messageId: replyId,
      kind: 'turn',
      mode: 'llm',
      model: 'fake-model',
      promptTokens: 1200,
      completionTokens: 80,
      cachedTokens: 1000,
    });
    expect(rows[0]!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('the usage row commits with the reply: when it cannot be written, no reply is queued either', async () => {
    const { core, llm } = await startWithModel();
    core.db.$client.exec(
      "CREATE TRIGGER refuse_usage BEFORE INSERT ON assistant_usage BEGIN SELECT RAISE(ABORT, 'usage refused'); END",
    );
    llm.enqueue({ reply: 'No debería salir' });
    const { conversationId } = (
      await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
        from: '+5491160000002',
        text: 'hola',
      })
    ).body;
    await waitFor(() => llm.chatRequests().length === 1);
    await core.turns.idle();
    const messages = listMessages(core.db, conversationId);
    expect(messages.filter((m) => m.role === 'assistant')).toHaveLength(0);
    expect(messages.find((m) => m.role === 'patient')?.turnState).toBe('pending');
    expect(usageRows(core.db)).toHaveLength(0);
  });

  it('menu turns (no AI configured) are recorded with mode menu, no model and no tokens', async () => {
    core = await startTestCore({ env: { OPENAI_BASE_URL: 'https://api.openai.com/v1', OPENAI_API_KEY: '' } });
    await core.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
    const { conversationId, replyId } = await say(core, '+5491160000003', 'hola, quiero un turno');
    const rows = usageRows(core.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      conversationId,
      messageId: replyId,
      kind: 'turn',
      mode: 'menu',
      model: null,
      promptTokens: 0,
      completionTokens: 0,
      cachedTokens: 0,
    });

    const totals = (await core.api<UsageReport>('GET', '/api/usage?period=today')).body;
    expect(totals.turns).toEqual({ total: 1, llm: 0, fallback: 0, menu: 1 });
    // The menu costs nothing and has no price to miss.
    expect(totals.costUsd).toBe(0);
    expect(totals.unpricedModels).toEqual([]);
  });

  it('a holding reply counts as a turn (mode fallback) with what the failed call used', async () => {
    const { core, llm } = await startWithModel();
    await core.api('PATCH', '/api/settings', { 'ai.timeoutMs': 1000, 'ai.retryDelayMs': 600_000 });
    llm.enqueue({ hang: true });
    const { conversationId } = (
      await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
        from: '+5491160000004',
        text: 'hola',
      })
    ).body;
    // Not turns.idle(): the retry stays scheduled for ai.retryDelayMs.
    await waitFor(() => listMessages(core.db, conversationId).some((m) => m.role === 'assistant'));
    const holding = listMessages(core.db, conversationId).find((m) => m.role === 'assistant')!;
    expect(holding.meta).toMatchObject({ holding: true });
    const rows = usageRows(core.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ messageId: holding.id, mode: 'fallback', model: 'fake-model', promptTokens: 0 });
  });
});

describe('usage totals and per conversation, priced when read', () => {
  it('sums turns by mode and tokens; costs with the table, cached tokens at the cached rate; a model with no price is "sin precio", not 0', async () => {
    const { core, llm } = await startWithModel();
    llm.enqueue(
      { toolCalls: [{ name: 'list_services', arguments: {} }], usage: { prompt: 1000, completion: 20, cached: 0 } },
      { reply: 'Tenemos consulta y limpieza.', usage: { prompt: 1100, completion: 40, cached: 1000 } },
      { reply: 'De nada.', usage: { prompt: 900, completion: 10, cached: 800 } },
    );
    const first = await say(core, '+5491160000005', '¿qué servicios tienen?');
    await say(core, '+5491160000005', 'gracias');
    const other = await say(core, '+5491160000006', 'hola');

    await core.api('PATCH', '/api/settings', { 'ai.prices': PRICES });
    const totals = (await core.api<UsageReport>('GET', '/api/usage?period=today')).body;
    expect(totals.turns).toEqual({ total: 3, llm: 3, fallback: 0, menu: 0 });
    // The third chat got the echo fallback script (42 prompt / 7 completion, nothing cached).
    expect(totals.tokens).toEqual({ prompt: 1000 + 1100 + 900 + 42, completion: 20 + 40 + 10 + 7, cached: 1800 });
    const expected = ((3042 - 1800) * 2 + 1800 * 0.5 + 77 * 8) / 1e6;
    expect(totals.costUsd).toBeCloseTo(expected, 12);
    expect(totals.byModel).toEqual([
      {
        model: 'fake-model',
        calls: 3,
        promptTokens: 3042,
        completionTokens: 77,
        cachedTokens: 1800,
        audioMs: 0,
        costUsd: expect.closeTo(expected, 12),
        priceSource: 'table',
      },
    ]);
    expect(totals.latency.averageMs).not.toBeNull();
    expect(totals.latency.p95Ms).not.toBeNull();

    const mine = (await core.api<ConversationUsage>('GET', `/api/conversations/${first.conversationId}/usage`)).body;
    expect(mine.turns.total).toBe(2);
    expect(mine.tokens).toEqual({ prompt: 3000, completion: 70, cached: 1800 });
    expect(mine.costUsd).toBeCloseTo(((3000 - 1800) * 2 + 1800 * 0.5 + 70 * 8) / 1e6, 12);
    const theirs = (await core.api<ConversationUsage>('GET', `/api/conversations/${other.conversationId}/usage`)).body;
    expect(theirs.costUsd).toBeCloseTo((42 * 2 + 7 * 8) / 1e6, 12);

    // A model on this machine (the scripted server is on 127.0.0.1) costs nothing without a price…
    await core.api('PATCH', '/api/settings', { 'ai.prices': [] });
    const local = (await core.api<UsageReport>('GET', '/api/usage?period=today')).body;
    expect(local.byModel[0]).toMatchObject({ model: 'fake-model', costUsd: 0, priceSource: 'local' });
    // …and once it is no longer the configured one, its past use is unpriced: tokens, no made-up 0.
    await core.api('PATCH', '/api/settings', { 'ai.model': 'another-model' });
    const unpriced = (await core.api<UsageReport>('GET', '/api/usage?period=today')).body;
    expect(unpriced.tokens.prompt).toBe(3042);
    expect(unpriced.byModel[0]).toMatchObject({ model: 'fake-model', costUsd: null, priceSource: 'none' });
    expect(unpriced.unpricedModels).toEqual(['fake-model']);
    expect(unpriced.costUsd).toBe(0);
  });

  it("periods follow the clinic's calendar; a backwards range and an unknown conversation are refused with their codes", async () => {
    const { core } = await startWithModel();
    await core.api('PATCH', '/api/settings', {
      'clinic.timeZone': 'America/Argentina/Buenos_Aires',
      'ai.prices': PRICES,
    });
    const { conversationId } = (
      await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
        from: '+5491160000007',
        text: 'hola',
      })
    ).body;
    await core.turns.idle();
    core.db.delete(schema.assistantUsage).run();
    const now = Date.now();
    const day = 86_400_000;
    const row = (createdAt: number, promptTokens: number) =>
      recordUsage(core.db, {
        conversationId,
        kind: 'turn',
        mode: 'llm',
        model: 'fake-model',
        promptTokens,
        completionTokens: 0,
        latencyMs: 100,
        createdAt,
      });
    row(now, 1);
    row(now - 3 * day, 10);
    row(now - 40 * day, 100);

    const prompt = async (q: string) => (await core.api<UsageReport>('GET', `/api/usage?${q}`)).body.tokens.prompt;
    expect(await prompt('period=today')).toBe(1);
    expect(await prompt('period=week')).toBe(11);
    expect(await prompt('from=2000-01-01')).toBe(111);
    const threeDaysAgo = new Date(now - 3 * day).toLocaleDateString('sv-SE', {
      timeZone: 'America/Argentina/Buenos_Aires',
    });
    // A day as `to` is included whole.
    expect(await prompt(`from=${threeDaysAgo}&to=${threeDaysAgo}`)).toBe(10);
    const report = (await core.api<UsageReport>('GET', '/api/usage?period=today')).body;
    expect(report.period).toBe('today');
    // Buenos Aires is UTC−3: the clinic's day starts at 03:00 UTC.
    expect(report.from).toMatch(/T03:00:00\.000Z$/);

    const backwards = await core.api<{ error: { code: string } }>('GET', '/api/usage?from=2026-05-10&to=2026-05-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('INVALID_TIME_RANGE');
    const bad = await core.api<{ error: { code: string } }>('GET', '/api/usage?from=ayer');
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const missing = await core.api<{ error: { code: string } }>('GET', '/api/conversations/999999/usage');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('the price table refuses negative prices and a model listed twice, and keeps what was saved', async () => {
    const { core } = await startWithModel();
    await core.api('PATCH', '/api/settings', { 'ai.prices': PRICES });
    for (const prices of [
      [{ model: 'fake-model', inputPerMillion: -1, outputPerMillion: 8 }],
      [{ model: 'fake-model', inputPerMillion: 1, outputPerMillion: 8, audioPerMinute: -0.01 }],
      [PRICES[0], { ...PRICES[0], model: ' FAKE-model ' }],
      [{ model: '', inputPerMillion: 1, outputPerMillion: 1 }],
    ]) {
      const refused = await core.api<{ error: { code: string } }>('PATCH', '/api/settings', { 'ai.prices': prices });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    const saved = (await core.api<Record<string, unknown>>('GET', '/api/settings')).body;
    expect(saved['ai.prices']).toEqual(PRICES);
  });

  it('are documented in the OpenAPI document under the usage tag', async () => {
    const { core } = await startWithModel();
    const doc = (await core.api<{ paths: Record<string, { get?: { tags?: string[] } }> }>('GET', '/api/openapi.json'))
      .body;
    expect(doc.paths['/api/usage']?.get?.tags).toContain('usage');
    expect(doc.paths['/api/conversations/{id}/usage']?.get?.tags).toContain('usage');
  });

  it('ships reference prices for common OpenAI models by default', async () => {
    const { core } = await startWithModel();
    const prices = (await core.api<Record<string, Array<{ model: string }>>>('GET', '/api/settings')).body[
      'ai.prices'
    ]!;
    expect(prices.map((p) => p.model)).toEqual(expect.arrayContaining(['gpt-4o-mini', 'gpt-4o', 'whisper-1']));
  });
});

describe('query plans of the usage reads', () => {
  const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'recepta-usage-plans-')), 'recepta.db'));
  const captured: Array<{ sql: string; params: unknown[] }> = [];
  const recording = drizzle(db.$client, {
    schema,
    logger: { logQuery: (sql, params) => void captured.push({ sql, params }) },
  }) as unknown as Db;
  const plansOf = (run: () => void) => {
    captured.length = 0;
    run();
    expect(captured.length).toBeGreaterThan(0);
    return captured.map((c) =>
      (db.$client.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | '),
    );
  };
  afterAll(() => closeDatabase(db));
  const range = { from: 0, to: Date.now() };

  it('totals over a period walk the time index', () => {
    const [plan] = plansOf(() => usageGroups(recording, range));
    expect(plan).toMatch(/SEARCH assistant_usage USING INDEX assistant_usage_time \(created_at>\? AND created_at<\?\)/);
    const [p95] = plansOf(() => turnLatencyPercentile(recording, range, 10, 95));
    expect(p95).toMatch(/USING INDEX assistant_usage_time/);
  });

  it("one conversation's usage walks the conversation index", () => {
    const [plan] = plansOf(() => conversationUsageGroups(recording, 1));
    expect(plan).toMatch(/SEARCH assistant_usage USING INDEX assistant_usage_conversation \(conversation_id=\?\)/);
  });
});
