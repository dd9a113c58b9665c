// The inbox search box and the hot inbox queries, against real SQLite: behaviour through
// the local API of a running core, FTS5 query safety against a real FTS5 table, and the
// query plans of the exact statements the repositories run (captured with a drizzle
// logger, so a changed query is checked, not a hand-copied one).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { listConversations, setHumanOverride } from '../../db/repos/conversations.js';
import { ingestInbound, type InboundRecord } from '../../db/repos/ingest.js';
import { listMessages } from '../../db/repos/messages.js';
import { mentionsStatement, parseSearch, toFtsQuery } from '../../db/repos/search.js';
import * as schema from '../../db/schema.js';
import { inboundDedup, messages } from '../../db/schema.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

type Row = { id: number; displayName: string | null; channel: string; lastMessageAt: string };

const T0 = Date.UTC(2026, 4, 12, 13, 0);
let seq = 0;

/** One inbound message through the real ingest repository; `skipped` so no assistant turn is owed. */
function inbound(db: Db, r: Partial<InboundRecord> & Pick<InboundRecord, 'externalUserId' | 'text'>, minute: number) {
  seq += 1;
  const stored = ingestInbound(db, {
    provider: 'ycloud',
    channel: 'whatsapp',
    providerMessageId: `wamid.search-${seq}`,
    role: 'patient',
    turnState: 'skipped',
    receivedAt: T0 + minute * 60_000,
    ...r,
  });
  if (stored.duplicate) throw new Error('unexpected duplicate');
  return stored;
}

describe('inbox search: GET /api/conversations?q=', () => {
  let core: TestCore;
  const ids: Record<string, number> = {};
  let turnoMessageId = 0;

  const search = async (query: Record<string, string>) => {
    const res = await core.api<Row[]>('GET', `/api/conversations?${new URLSearchParams(query).toString()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const names = async (query: Record<string, string>) => (await search(query)).map((r) => r.displayName);

  beforeAll(async () => {
    core = await startTestCore({ env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_API_KEY: 'sk-test-search' } });
    const db = core.db;
    ids.martin = inbound(
      db,
      {
        provider: 'baileys',
        externalUserId: '5491155551234@s.whatsapp.net',
        phone: '+5491155551234',
        senderName: 'Martín González',
        text: 'Hola, buenas tardes',
      },
      1,
    ).conversationId;
    // The word is in an older message, not in the preview: only a search of message text finds it.
    const lucia = inbound(
      db,
      { externalUserId: '+5491140007777', phone: '+5491140007777', senderName: 'Lucía Pérez', text: '¿hay turno?' },
      2,
    );
    ids.lucia = lucia.conversationId;
    turnoMessageId = lucia.messageId;
    inbound(db, { externalUserId: '+5491140007777', text: 'Gracias!' }, 3);
    ids.diego = inbound(
      db,
      {
        provider: 'chatwoot',
        channel: 'instagram',
        externalUserId: 'contact-77',
        senderName: 'Diego Sosa',
        text: 'Quiero saber del blanqueamiento y si hay turnó',
      },
      4,
    ).conversationId;
    ids.ana = inbound(
      db,
      {
        provider: 'chatwoot',
        channel: 'facebook',
        externalUserId: 'contact-78',
        senderName: 'Ana Díaz',
        text: 'Necesito TURNO urgente, me duele',
      },
      5,
    ).conversationId;
    ids.martina = inbound(
      db,
      { externalUserId: '+5491166660000', phone: '+5491166660000', senderName: 'Martina Gómez', text: 'Llego tarde' },
      6,
    ).conversationId;
  });
  afterAll(() => core.stop());

  it('finds a name whatever the accents and case ("martin" finds "Martín"), the last word as a prefix while typing', async () => {
    expect(await names({ q: 'martin ' })).toEqual(['Martín González']);
    expect(await names({ q: 'MARTÍN gonz' })).toEqual(['Martín González']);
    // Still typing "martin": "Martina" starts with it too.
    expect(await names({ q: 'martin' })).toEqual(['Martina Gómez', 'Martín González']);
    // Still typing: "marti" is a prefix of both names, newest activity first.
    expect(await names({ q: 'marti' })).toEqual(['Martina Gómez', 'Martín González']);
    // A finished word (trailing space) is a whole word.
    expect(await names({ q: 'marti ' })).toEqual([]);
    expect(await names({ q: 'gomez' })).toEqual(['Martina Gómez']);
  });

  it('finds message text whatever the accents and case ("TURNO" finds "¿hay turno?"), in any message of the chat', async () => {
    expect(await names({ q: 'TURNO' })).toEqual(['Ana Díaz', 'Diego Sosa', 'Lucía Pérez']);
    expect(await names({ q: 'blanqueamiento turno' })).toEqual(['Diego Sosa']);
    expect(await names({ q: 'blanq' })).toEqual(['Diego Sosa']);
    expect(await names({ q: 'dolor' })).toEqual([]);
  });

  it('shows the message that matched, its words marked, and which message to open at; a name match has none', async () => {
    type Hit = {
      displayName: string;
      match?: { messageId: number; snippet: Array<{ text: string; hit: boolean }> } | null;
    };
    const res = await core.api<Hit[]>('GET', '/api/conversations?q=turno');
    const lucia = res.body.find((c) => c.displayName === 'Lucía Pérez')!;
    // The older message with the word, not the newest message of the chat ("Gracias!").
    expect(lucia.match).toEqual({
      messageId: turnoMessageId,
      snippet: [
        { text: '¿hay ', hit: false },
        { text: 'turno', hit: true },
        { text: '?', hit: false },
      ],
    });
    const diego = res.body.find((c) => c.displayName === 'Diego Sosa')!;
    expect(diego.match?.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['turnó']);
    // Two words: both marked; a half-typed word is marked whole.
    const both = (await core.api<Hit[]>('GET', '/api/conversations?q=blanqueamiento%20tur')).body;
    expect(both[0]?.match?.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['blanqueamiento', 'turnó']);
    const byName = (await core.api<Hit[]>('GET', '/api/conversations?q=martina')).body;
    expect(byName[0]).toMatchObject({ displayName: 'Martina Gómez', match: null });
    // Without a search there is nothing to match.
    const all = (await core.api<Hit[]>('GET', '/api/conversations')).body;
    expect(all.every((c) => c.match === undefined)).toBe(true);
  });

  it('finds a chat by a fragment of its phone number, typed any way', async () => {
    for (const q of ['1155', '+54 9 11 5555', '11 5555-1234', '(11) 5555 1234', '5491155551234']) {
      expect(await names({ q }), q).toEqual(['Martín González']);
    }
    expect(await names({ q: '4000777' })).toEqual(['Lucía Pérez']);
    // Two digits are not a phone fragment (they would match half the city).
    expect(await names({ q: '11' })).toEqual([]);
  });

  it('treats FTS5 syntax as literal words: quotes, *, -, NEAR, parentheses never fail', async () => {
    const weird = [
      '"',
      '*',
      'a-b',
      'NEAR(',
      'NEAR(turno hay, 2)',
      '(',
      ')',
      '""',
      '"turno',
      'turno*',
      '-turno',
      'OR',
      'turno OR',
      'AND NOT',
      '^turno',
      'text:turno',
      '{text}: turno',
      '[turno]',
      "'; DROP TABLE messages; --",
      '\\',
      '%',
      '_',
      '🦷',
      'ñ',
      '\u0301',
      ' ',
    ];
    for (const q of weird) await search({ q });
    // Punctuation around a word is a separator, not syntax: the word is still searched.
    expect(await names({ q: '"turno' })).toEqual(['Ana Díaz', 'Diego Sosa', 'Lucía Pérez']);
    expect(await names({ q: '-turno' })).toEqual(['Ana Díaz', 'Diego Sosa', 'Lucía Pérez']);
    expect(await names({ q: 'hay-turno' })).toEqual(['Diego Sosa', 'Lucía Pérez']);
    // Nothing searchable at all: the list as if the box were empty.
    expect((await search({ q: '"' })).length).toBe(5);
  });

  it('combines with the channel and needs-a-human filters', async () => {
    expect(await names({ q: 'turno', channel: 'facebook' })).toEqual(['Ana Díaz']);
    expect(await names({ q: 'turno', channel: 'whatsapp' })).toEqual(['Lucía Pérez']);
    expect(await names({ q: 'martin', channel: 'instagram' })).toEqual([]);
    setHumanOverride(core.db, ids.diego!, Date.now() + 3_600_000, 'manual');
    try {
      expect(await names({ q: 'turno', needsHuman: 'true' })).toEqual(['Diego Sosa']);
      expect(await names({ q: 'turno', needsHuman: 'false' })).toEqual(['Ana Díaz', 'Lucía Pérez']);
      expect(await names({ q: 'turno', needsHuman: 'true', channel: 'whatsapp' })).toEqual([]);
    } finally {
      setHumanOverride(core.db, ids.diego!, null);
    }
  });

  it('follows edits and deletions of message text, and a name that arrives later (the FTS triggers)', async () => {
    core.db.update(messages).set({ text: '¿hay consulta el sábado?' }).where(eq(messages.id, turnoMessageId)).run();
    expect(await names({ q: 'turno' })).toEqual(['Ana Díaz', 'Diego Sosa']);
    expect(await names({ q: 'sabado' })).toEqual(['Lucía Pérez']);

    core.db.update(inboundDedup).set({ messageId: null }).where(eq(inboundDedup.messageId, turnoMessageId)).run();
    core.db.delete(messages).where(eq(messages.id, turnoMessageId)).run();
    expect(await names({ q: 'sabado' })).toEqual([]);

    // A chat whose first message had no name gets one later (a WhatsApp pushName): the name index follows.
    inbound(core.db, { externalUserId: '+5491177770000', text: 'Hola' }, 7);
    expect(await names({ q: 'florencia' })).toEqual([]);
    inbound(core.db, { externalUserId: '+5491177770000', senderName: 'Florencia Romero', text: 'Soy Florencia' }, 8);
    expect(await names({ q: 'romero' })).toEqual(['Florencia Romero']);
  });

  it('pages the list with a cursor from the last chat shown, and refuses a half cursor or a paged search', async () => {
    const first = await search({ limit: '2' });
    const rest = await search({ limit: '100', afterTime: first[1]!.lastMessageAt, afterId: String(first[1]!.id) });
    const everything = await search({ limit: '100' });
    expect([...first, ...rest].map((r) => r.id)).toEqual(everything.map((r) => r.id));
    const halfOrSearch: Array<Record<string, string>> = [
      { afterId: '3' },
      { afterTime: first[1]!.lastMessageAt },
      { q: 'turno', afterId: '3', afterTime: first[1]!.lastMessageAt },
    ];
    for (const bad of halfOrSearch) {
      const res = await core.api<{ error: { code: string } }>(
        'GET',
        `/api/conversations?${new URLSearchParams(bad).toString()}`,
      );
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('the FTS5 query built from user input', () => {
  it('quotes every word and prefixes only the last one while it is being typed', () => {
    expect(parseSearch('Martín gon')).toEqual({ words: ['Martín', 'gon'], typing: true, phoneDigits: null });
    expect(parseSearch('turno ')).toEqual({ words: ['turno'], typing: false, phoneDigits: null });
    expect(parseSearch('+54 9 11 5555').phoneDigits).toBe('549115555');
    expect(parseSearch('turno 16hs').phoneDigits).toBeNull();
    expect(toFtsQuery(['NEAR', 'a'], true)).toBe('"NEAR" AND "a"*');
    expect(toFtsQuery([], true)).toBeNull();
  });

  it('never produces an FTS5 syntax error, whatever is typed', () => {
    const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'recepta-search-')), 'recepta.db'));
    try {
      const match = db.$client.prepare('SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?');
      const alphabet = [
        '"',
        "'",
        '*',
        '-',
        '+',
        '^',
        ':',
        '(',
        ')',
        '{',
        '}',
        '[',
        ']',
        ',',
        '.',
        ' ',
        ' ',
        'NEAR',
        'OR',
        'AND',
        'NOT',
        'a',
        'ñ',
        'é',
        '\u0301',
        '1',
        '🦷',
        '\\',
        '%',
      ];
      let state = 7;
      const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648);
      for (let i = 0; i < 2_000; i++) {
        let input = '';
        for (let n = next() % 12; n >= 0; n--) input += alphabet[next() % alphabet.length];
        const { words, typing } = parseSearch(input);
        const query = toFtsQuery(words, typing);
        if (query) expect(() => match.get(query), `${JSON.stringify(input)} → ${query}`).not.toThrow();
      }
    } finally {
      closeDatabase(db);
    }
  });
});

describe('query plans of the inbox queries', () => {
  const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'recepta-plans-')), 'recepta.db'));
  const captured: Array<{ sql: string; params: unknown[] }> = [];
  /** The same connection, with every statement drizzle runs recorded. */
  const recording = drizzle(db.$client, {
    schema,
    logger: { logQuery: (sql, params) => void captured.push({ sql, params }) },
  }) as unknown as Db;
  const plan = (sql: string, params: unknown[]) =>
    (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join(' | ');
  const plansOf = (run: () => void) => {
    captured.length = 0;
    run();
    expect(captured.length).toBeGreaterThan(0);
    return captured.map((c) => plan(c.sql, c.params));
  };
  afterAll(() => closeDatabase(db));

  it('the list (first page) walks conversations_activity, with no sort of its own', () => {
    for (const filter of [{ limit: 50 }, { channel: 'whatsapp', limit: 50 }]) {
      const [list] = plansOf(() => listConversations(recording, filter));
      expect(list).toMatch(/SCAN conversations USING INDEX conversations_activity/);
      expect(list).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('a later page starts its walk of conversations_activity at the cursor', () => {
    const [page] = plansOf(() => listConversations(recording, { limit: 50, after: { lastMessageAt: T0, id: 40 } }));
    expect(page).toMatch(/SEARCH conversations USING INDEX conversations_activity \(last_message_at<\?\)/);
    expect(page).not.toMatch(/TEMP B-TREE/);
  });

  it('the needs-a-human list reads the paused-chats index, not every chat', () => {
    const [paused] = plansOf(() => listConversations(recording, { needsHuman: true, limit: 50 }));
    expect(paused).toMatch(/conversations_paused/);
    expect(paused).not.toMatch(/SCAN conversations/);
  });

  it('a thread page uses messages_thread', () => {
    const [thread] = plansOf(() => listMessages(recording, 1, { before: 900, limit: 50 }));
    expect(thread).toMatch(/messages_thread/);
    expect(thread).not.toMatch(/TEMP B-TREE/);
  });

  it('a search reads the FTS indexes and looks messages up by id: never a scan of messages', () => {
    const mentions = mentionsStatement('"turno"', undefined);
    const walk = plan(mentions.sql, mentions.params);
    expect(walk).toMatch(/SCAN messages_fts VIRTUAL TABLE/);
    expect(walk).toMatch(/SEARCH messages USING INTEGER PRIMARY KEY/);
    // Newest first comes from the FTS index itself (rowid order), not from sorting every match.
    expect(walk).not.toMatch(/TEMP B-TREE/);

    ingestInbound(db, {
      provider: 'ycloud',
      channel: 'whatsapp',
      externalUserId: '+5491100000000',
      providerMessageId: 'p-1',
      role: 'patient',
      text: 'hay turno',
      turnState: 'skipped',
      receivedAt: T0,
    });
    for (const q of ['turno', 'martin', '1155', 'hay tur']) {
      const plans = plansOf(() => listConversations(recording, { q, limit: 50 }));
      const all = plans.join(' || ');
      expect(all, q).toMatch(/conversations_fts VIRTUAL TABLE/);
      expect(all, q).not.toMatch(/SCAN messages\b(?!_fts)/);
    }
  });
});

describe('paging through the list', () => {
  it('visits every chat exactly once, newest first, even when many share the same instant', () => {
    const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'recepta-pages-')), 'recepta.db'));
    try {
      // 250 chats over 50 distinct minutes: five share each instant, so ties cross page edges.
      for (let i = 0; i < 250; i++)
        inbound(db, { externalUserId: `+54911000${String(i).padStart(4, '0')}`, text: 'hola' }, Math.floor(i / 5));
      const expected = listConversations(db, { limit: 1000 }).map((c) => c.id);
      expect(expected).toHaveLength(250);
      const seen: number[] = [];
      let after: { lastMessageAt: number; id: number } | undefined;
      for (;;) {
        const page = listConversations(db, { limit: 7, after });
        if (page.length === 0) break;
        seen.push(...page.map((c) => c.id));
        const last = page[page.length - 1]!;
        after = { lastMessageAt: last.lastMessageAt, id: last.id };
      }
      expect(seen).toEqual(expected);
    } finally {
      closeDatabase(db);
    }
  });
});
