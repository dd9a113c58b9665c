// The inbox search box: one field finds a chat by the patient's name, by a fragment of
// their phone number, or by anything said in it — case- and accent-insensitive
// ("martin" finds "Martín", "TURNO" finds "¿hay turno?"), as the receptionist types.
//
// Names and words go through the FTS5 indexes of migration 0002 (tokenizer `unicode61
// remove_diacritics 2`: the index folds case and accents, and the query is folded by
// the same tokenizer, so we never fold text ourselves — a home-made fold would
// disagree with SQLite's on some script sooner or later). Phone numbers cannot: the
// tokenizer keeps "5491155551234" as one token and FTS only matches a token's start,
// while people type the middle or the end of a number ("1155", "+54 9 11 5555").
import { sql, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { conversations, messages } from '../schema.js';
import type { Db } from '../client.js';
import { readyForSearch } from './search-index.js';

/** What the user typed, reduced to what we search for. Nothing in it can reach FTS5 as syntax. */
export interface ParsedSearch {
  /** Runs of letters, digits and combining marks, in order (NFC). */
  words: string[];
  /** The input ends inside its last word: the user is still typing it, so it matches as a prefix. */
  typing: boolean;
  /** The input looks like a phone number ("+54 9 11 5555", "(011) 1155"): its digits, else null. */
  phoneDigits: string | null;
}

/** More words than this are ignored: each one is another doclist FTS5 has to intersect. */
const MAX_WORDS = 8;
/** "11" is in half the numbers of a city; a phone fragment means something from 3 digits on. */
const MIN_PHONE_DIGITS = 3;
/**
 * A prefix query over message text makes FTS5 merge the doclists of every term with
 * that prefix before returning the first row, unless the prefix length has an index of
 * its own: 3 and 4 do (migration 0009; on the 1M-message bench database "tur*" went from
 * 103 to 9 ms), longer prefixes match few terms, and "t*" would cost ~190 ms. So a last
 * word shorter than this matches message text as a whole word only. Names (10k rows)
 * always get the prefix.
 */
const MIN_TEXT_PREFIX = 3;
/**
 * How many matching messages, newest first, a search reads at most to find its chats.
 * A word said in more messages than this (an everyday "turno" in a 1M-message history)
 * finds the chats where it was said most recently; a rarer one finds every chat.
 */
export const MAX_SCANNED_MATCHES = 5_000;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const PHONE_LIKE = /^[\d\s+\-()./]+$/u;

export function parseSearch(input: string): ParsedSearch {
  const text = input.normalize('NFC').trim();
  // A run of combining marks alone tokenizes to nothing; keep words that hold a letter or digit.
  const all = (text.match(WORD) ?? []).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const words = all.slice(0, MAX_WORDS);
  const typing = words.length === all.length && words.length > 0 && /[\p{L}\p{N}\p{M}]$/u.test(input.normalize('NFC'));
  const digits = PHONE_LIKE.test(text) ? text.replace(/\D/g, '') : '';
  return { words, typing, phoneDigits: digits.length >= MIN_PHONE_DIGITS ? digits : null };
}

/**
 * An FTS5 query where every word is a quoted string — so quotes, `*`, `-`, `NEAR`, `OR`
 * and parentheses are only ever literal text — all of them required, the last one
 * optionally a prefix. The words hold no `"` (see WORD); doubling is belt and braces.
 */
export function toFtsQuery(words: readonly string[], prefixLast: boolean): string | null {
  if (!words.length) return null;
  return words
    .map((w, i) => `"${w.replaceAll('"', '""')}"${prefixLast && i === words.length - 1 ? '*' : ''}`)
    .join(' AND ');
}

const dialect = new SQLiteSyncDialect();

/**
 * The newest messages matching `ftsQuery`, with their chat and whether that chat passes
 * the list's filters. Walks messages_fts newest first (rowid = message id) and looks each
 * hit up by primary key: it never scans `messages`, and it can stop after the first rows.
 *
 * With `snippets`, each chat's newest hit (that passes the filters) also carries FTS5's
 * snippet() of the message, the words marked with SNIPPET_OPEN/SNIPPET_CLOSE. snippet()
 * costs about as much as the rest of the row (and ten times that with two words), so a
 * function the statement calls per row (see `withSearchFunctions`) lets only the first
 * hit of each chat pay for it: 200 snippets, not the thousands of rows a search may read.
 */
export function mentionsStatement(
  ftsQuery: string,
  filters: SQL | undefined,
  snippets = false,
): { sql: string; params: unknown[] } {
  const passes = sql`(${filters ?? sql`1`})`;
  const snippet = snippets
    ? sql`, CASE WHEN ${passes} AND ${sql.raw(FIRST_HIT_FN)}(${messages.conversationId}) THEN snippet(messages_fts, 0, ${SNIPPET_OPEN}, ${SNIPPET_CLOSE}, '…', ${SNIPPET_TOKENS}) END AS snippet`
    : sql``;
  return dialect.sqlToQuery(sql`
    SELECT ${messages.conversationId} AS conversationId, ${passes} AS passes, messages_fts.rowid AS messageId${snippet}
    FROM messages_fts
    JOIN ${messages} ON ${messages.id} = messages_fts.rowid
    JOIN ${conversations} ON ${conversations.id} = ${messages.conversationId}
    WHERE messages_fts MATCH ${ftsQuery}
    ORDER BY messages_fts.rowid DESC
    LIMIT ${MAX_SCANNED_MATCHES}`);
}

/** Where a hit begins and ends in a snippet: control characters no typed message holds (they are not words either). */
export const SNIPPET_OPEN = '\u0002';
export const SNIPPET_CLOSE = '\u0003';
/** Words of context around the hit: a compact row's line. */
const SNIPPET_TOKENS = 10;
const FIRST_HIT_FN = 'recepta_first_hit';

/** The chats whose first hit the running scan has seen (better-sqlite3 runs a statement and its functions synchronously). */
let hitChats = new Set<number>();
const withFunctions = new WeakSet<Db>();

/** Registers the functions the search statements call, once per connection. */
export function withSearchFunctions(db: Db): void {
  if (withFunctions.has(db)) return;
  db.$client.function(FIRST_HIT_FN, { deterministic: false }, (id: unknown) => {
    const chat = Number(id);
    if (hitChats.has(chat)) return 0;
    hitChats.add(chat);
    return 1;
  });
  withFunctions.add(db);
}

/** A chat's newest message matching the search: its id and FTS5's snippet of it. */
export interface SearchHit {
  messageId: number;
  snippet: string;
}

/** A snippet as text and marked hits, in order ("…quería un " · "turno" · " para…"). */
export function snippetParts(snippet: string): Array<{ text: string; hit: boolean }> {
  const parts: Array<{ text: string; hit: boolean }> = [];
  for (const [i, piece] of snippet.split(SNIPPET_OPEN).entries()) {
    const [hit, rest] = i === 0 ? [undefined, piece] : splitOnce(piece, SNIPPET_CLOSE);
    if (hit) parts.push({ text: hit, hit: true });
    if (rest) parts.push({ text: rest, hit: false });
  }
  return parts;
}

function splitOnce(text: string, by: string): [string, string] {
  const at = text.indexOf(by);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + by.length)];
}

interface Mentions {
  chats: Set<number>;
  /** Each chat's newest hit (only when a snippet was asked for). */
  hits: Map<number, SearchHit>;
  /** Every match was read (the word is rare enough), rather than stopping at `limit` chats or the cap. */
  exhausted: boolean;
}

/**
 * Chats (passing `filters`) where the words were said, by the newest mention: reads
 * matches until `limit` distinct chats are found, the matches run out, or
 * MAX_SCANNED_MATCHES were read. The statement streams, so a common word costs a few
 * hundred rows, not its whole doclist. Each chat's newest hit comes with its snippet.
 */
function chatsMentioning(
  db: Db,
  ftsQuery: string,
  filters: SQL | undefined,
  limit: number,
  into: Mentions = { chats: new Set(), hits: new Map(), exhausted: false },
): Mentions {
  withSearchFunctions(db);
  const { sql: text, params } = mentionsStatement(ftsQuery, filters, true);
  // Chats already found by an earlier pass keep their hit (a newer one, or a whole word over a prefix).
  hitChats = new Set(into.hits.keys());
  let read = 0;
  try {
    for (const [conversationId, passes, messageId, snippet] of db.$client
      .prepare(text)
      .raw(true)
      .iterate(...params) as IterableIterator<[number, number, number, string | null]>) {
      read += 1;
      if (!passes) continue;
      into.chats.add(conversationId);
      if (snippet !== null) into.hits.set(conversationId, { messageId, snippet });
      // Leaving the loop resets the statement: the rest of the doclist is never read.
      if (into.chats.size >= limit) return { ...into, exhausted: false };
    }
  } finally {
    hitChats = new Set();
  }
  return { ...into, exhausted: read < MAX_SCANNED_MATCHES };
}

/**
 * Whole words first, then — only if they were all read and did not fill the page — the
 * last word as a prefix. A prefix query has to merge its terms' doclists up front
 * (see MIN_TEXT_PREFIX) while whole words stream, so a finished everyday word ("turno")
 * stays a few milliseconds, and a half-typed one ("turn") pays for its prefix once.
 */
function chatsMentioningWords(
  db: Db,
  words: string[],
  typing: boolean,
  filters: SQL | undefined,
  limit: number,
): Mentions {
  const whole = chatsMentioning(db, toFtsQuery(words, false)!, filters, limit);
  const last = words[words.length - 1]!;
  if (typing && whole.exhausted && whole.chats.size < limit && [...last].length >= MIN_TEXT_PREFIX) {
    return chatsMentioning(db, toFtsQuery(words, true)!, filters, limit, whole);
  }
  return whole;
}

/**
 * The condition (on `conversations` joined with `patients`) that keeps the chats matching
 * `q`, or null when `q` holds nothing to search for (only punctuation, say): the list
 * is then shown unfiltered, as for an empty box.
 *
 * A chat matches when all the words are in its name or external id (the last word as a
 * prefix while it is being typed), or all of them are in one of its messages, or — for
 * a phone-number-like query — its external id or the patient's phone contains those
 * digits. Stored numbers are E.164 or WhatsApp JIDs (digits with a leading "+" or an
 * "@s.whatsapp.net"), never spaced, so the typed digits are a plain substring of them:
 * a LIKE over the chats (~3 ms for 10k) rather than a trigram index no migration has made.
 */
export function searchCondition(
  db: Db,
  q: string,
  filters: SQL | undefined,
  limit: number,
): { condition: SQL; hits: Map<number, SearchHit> } | null {
  const { words, typing, phoneDigits } = parseSearch(q);
  if (!words.length) return null;
  readyForSearch(db);
  const alternatives: SQL[] = [
    sql`${conversations.id} IN (SELECT rowid FROM conversations_fts WHERE conversations_fts MATCH ${toFtsQuery(words, typing)})`,
  ];
  const mentioned = chatsMentioningWords(db, words, typing, filters, limit);
  if (mentioned.chats.size)
    alternatives.push(
      sql`${conversations.id} IN (SELECT value FROM json_each(${JSON.stringify([...mentioned.chats])}))`,
    );
  if (phoneDigits) {
    // A subquery of its own: one pass over the two tables, and the outer query stays a
    // union of id lists instead of testing LIKE on every row it walks.
    const pattern = `%${phoneDigits}%`;
    alternatives.push(sql`${conversations.id} IN (
      SELECT c.id FROM conversations c LEFT JOIN patients p ON p.id = c.patient_id
      WHERE c.external_user_id LIKE ${pattern} OR p.phone LIKE ${pattern})`);
  }
  return { condition: sql`(${sql.join(alternatives, sql` OR `)})`, hits: mentioned.hits };
}
