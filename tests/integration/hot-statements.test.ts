// SQLite compiles a prepared statement again at every run when a bound value could
// change its plan: a LIMIT bound as a parameter, or a parameter compared with the
// constant of a partial index (db/repos/prepared.ts). Nothing fails — the message path
// just spends more time compiling than running (the outbox claim: 95 µs instead of 4).
// This test looks at what the path actually prepares.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

interface Pinned {
  table: string;
  column: string;
}

/** `messages.turn_state` for `… ON messages (…) WHERE "messages"."turn_state" = 'pending'`: columns a partial index pins to a constant. */
function pinnedByPartialIndexes(core: TestCore): Pinned[] {
  const rows = core.db.$client
    .prepare("SELECT tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'")
    .all() as Array<{ tbl: string; sql: string }>;
  const pinned: Pinned[] = [];
  for (const { tbl, sql } of rows) {
    const where = sql.slice(sql.search(/ WHERE /i));
    for (const m of where.matchAll(/"?(\w+)"?\s*(?:=|IN\s*\()\s*'/gi)) pinned.push({ table: tbl, column: m[1]! });
  }
  return pinned;
}

/** What makes SQLite recompile the statement at each run, if anything. */
function recompiledBy(source: string, pinned: Pinned[]): string | null {
  if (/\bLIMIT\s+(\?|[:@$]\w+)/i.test(source)) return 'a bound LIMIT';
  const where = source.slice(Math.max(source.search(/\bWHERE\b/i), 0));
  for (const { table, column } of pinned) {
    if (!new RegExp(`\\b(FROM|JOIN|UPDATE)\\s+"?${table}"?(\\s|$)`, 'i').test(source)) continue;
    const compared = new RegExp(`"?\\b${column}"?\\s*(=|<>|!=|IN\\s*\\()\\s*(\\?|[:@$]\\w+)`, 'i');
    if (compared.test(where)) return `a bound value for ${table}.${column}, pinned by a partial index`;
  }
  return null;
}

describe('statements on the message path', () => {
  let llm: FakeOpenAI;
  let core: TestCore;
  const prepared: string[] = [];
  beforeAll(async () => {
    llm = await startFakeOpenAI();
    core = await startTestCore({
      env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-hot-0123456789', RECEPTA_MODEL: 'fake-model' },
    });
    core.settings.update({ 'pipeline.debounceMs': 0 });
    const sqlite = core.db.$client;
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((source: string) => {
      prepared.push(source);
      return prepare(source);
    }) as typeof sqlite.prepare;
  });
  afterAll(async () => {
    await core.stop();
    await llm.close();
  });

  const roundTrip = async (from: string) => {
    const sent = core.nextEvent((e) => e.type === 'message.updated' && e.data.status === 'sent');
    await core.simulator.receive({ from, name: 'Ana', text: 'hola, ¿tenés turno?' });
    await sent;
    await core.turns.idle();
  };

  it('prepares each statement once: a second patient message, its turn, reply and send compile nothing new', async () => {
    await roundTrip('+5491155550001');
    const first = prepared.splice(0);
    expect(first.some((s) => /INSERT INTO messages/.test(s))).toBe(true);
    expect(first.some((s) => /FROM outbox o/.test(s))).toBe(true);

    await roundTrip('+5491155550002');
    expect(prepared).toEqual([]);

    const pinned = pinnedByPartialIndexes(core);
    expect(pinned).toEqual(
      expect.arrayContaining([
        { table: 'messages', column: 'turn_state' },
        { table: 'outbox', column: 'status' },
      ]),
    );
    const recompiled = first
      .map((source) => ({ source, by: recompiledBy(source, pinned) }))
      .filter((s) => s.by !== null);
    expect(recompiled).toEqual([]);
  });

  it('the check recognises both ways of forcing a recompile', () => {
    const pinned = [
      { table: 'messages', column: 'turn_state' },
      { table: 'outbox', column: 'status' },
    ];
    expect(recompiledBy('select * from messages where conversation_id = ? order by id desc limit ?', pinned)).toBe(
      'a bound LIMIT',
    );
    expect(
      recompiledBy(
        'select max("id") from "messages" where ("messages"."conversation_id" = ? and "messages"."turn_state" = ?)',
        pinned,
      ),
    ).toMatch(/messages.turn_state/);
    expect(
      recompiledBy("UPDATE messages SET turn_state = ? WHERE conversation_id = ? AND turn_state = 'pending'", pinned),
    ).toBeNull();
    expect(recompiledBy('SELECT * FROM appointments WHERE status IN (?, ?)', pinned)).toBeNull();
  });
});
