// The receptionist's inbox on a clinic with 10,000 conversations / 1,000,000 messages:
// the conversation list's first page, a thread page and the search box, through the
// real repositories (listConversations, listMessages). Each is compared with the same
// call on an empty database in the same run (what the query costs without history),
// and a bare `SELECT 1` is printed as the floor of one better-sqlite3 round trip.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../db/client.js';
import { listConversations, listWaitingConversations, type ConversationFilter } from '../db/repos/conversations.js';
import { listMessages } from '../db/repos/messages.js';
import type { BigDatabase } from './big-database.js';
import { fmt, info, median, percentile, report } from './stats.js';

const TARGET_LIST_MS = 20;
const TARGET_THREAD_MS = 5;
const TARGET_SEARCH_MS = 30;
const ROUNDS = 30;
const WARMUP = 3;

/** What the Conversaciones page asks for (renderer/src/features/inbox/api/inbox.ts): the API's default page of 200. */
const FIRST_PAGE = 200;
const THREAD_PAGE = 50;

interface Case {
  name: string;
  note: string;
  filter: ConversationFilter;
}

/**
 * Searches as a receptionist types them. The big database's texts are a few templates
 * repeated a million times, so every word in it is an everyday word: "turno" is in
 * 287,000 messages, "blanqueamiento" in 64,000 — the hardest case for "newest first".
 */
const SEARCHES: Case[] = [
  {
    name: 'search_name',
    note: '"martin": conversations_fts, prefix while typing (1,570 names)',
    filter: { q: 'martin' },
  },
  { name: 'search_word', note: '"blanqueamiento ": a finished word in 64k messages', filter: { q: 'blanqueamiento ' } },
  { name: 'search_common_word', note: '"turno": in 287k messages, whole word first', filter: { q: 'turno' } },
  {
    name: 'search_typing_prefix',
    note: '"turn": half a word; FTS5 merges the 322k-row doclists of turno* up front',
    filter: { q: 'turn' },
  },
  { name: 'search_two_words', note: '"turno limpieza"', filter: { q: 'turno limpieza' } },
  { name: 'search_phone', note: '"11 4000": digits LIKE over ids and phones, plus FTS', filter: { q: '11 4000' } },
  { name: 'search_no_match', note: '"ortodoncia": in no message', filter: { q: 'ortodoncia' } },
  {
    name: 'search_filtered',
    note: '"turno" + Facebook (5% of chats): reads up to the scan cap of newest matches',
    filter: { q: 'turno', channel: 'facebook' },
  },
];

interface Timing {
  median: number;
  p95: number;
  rows: number;
}

function time(fn: () => unknown[], rounds = ROUNDS): Timing {
  let rows = 0;
  for (let i = 0; i < WARMUP; i++) rows = fn().length;
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { median: median(samples), p95: percentile(samples, 95), rows };
}

/** The chat with the newest activity, and one from the middle of the list (a scroll away). */
function threads(db: Db): number[] {
  const page = listConversations(db, { limit: 1000 });
  return [page[0]?.id ?? 1, page[page.length - 1]?.id ?? 1];
}

interface Measured {
  list: Timing;
  listWhatsapp: Timing;
  /** The "Necesita atención" group pinned above the list (read from the partial indexes that hold only those chats). */
  waiting: Timing;
  threadNewest: Timing;
  threadOlder: Timing;
  searches: Timing[];
  selectOne: Timing;
}

function measure(db: Db): Measured {
  const [newest, older] = threads(db);
  // An older page of a thread: ending before the newest message of the chat's first page.
  const firstPage = listMessages(db, older!, { limit: THREAD_PAGE });
  const before = firstPage[0]?.id;
  const one = db.$client.prepare('SELECT 1');
  return {
    list: time(() => listConversations(db, { limit: FIRST_PAGE })),
    listWhatsapp: time(() => listConversations(db, { channel: 'whatsapp', limit: FIRST_PAGE })),
    waiting: time(() => listWaitingConversations(db)),
    threadNewest: time(() => listMessages(db, newest!, { limit: THREAD_PAGE })),
    threadOlder: time(() => listMessages(db, older!, { before, limit: THREAD_PAGE })),
    searches: SEARCHES.map((c) => time(() => listConversations(db, { ...c.filter, limit: FIRST_PAGE }))),
    selectOne: time(() => one.all(), 200),
  };
}

export function runInboxQueries(big: BigDatabase): void {
  console.log(
    `# inbox queries: real repositories, median of ${ROUNDS} calls after ${WARMUP} warm-up, big DB vs empty DB`,
  );
  const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-inbox-'));
  let empty: Measured;
  let large: Measured;
  try {
    const db = openDatabase(path.join(emptyDir, 'recepta.db'));
    try {
      empty = measure(db);
    } finally {
      closeDatabase(db);
    }
  } finally {
    rmSync(emptyDir, { recursive: true, force: true });
  }
  // Read-only queries: the stored big database is opened read-only rather than copied.
  const db = openDatabase(big.file, { readonly: true });
  try {
    large = measure(db);
  } finally {
    db.$client.close();
  }

  info('inbox_select_1_ms', large.selectOne.median, 'ms (one better-sqlite3 round trip: the floor)');
  const ref = (t: Timing) => ({ label: 'empty DB', value: t.median });
  const figure = (name: string, big: Timing, small: Timing, target: number, note: string) =>
    report({
      name,
      value: big.median,
      unit: 'ms',
      reference: ref(small),
      target: { value: target, kind: 'max' },
      note: `${note}; p95 ${fmt(big.p95)} ms; ${big.rows} rows`,
    });
  figure(
    'inbox_list_first_page_bigdb_ms',
    large.list,
    empty.list,
    TARGET_LIST_MS,
    `${FIRST_PAGE} newest conversations`,
  );
  figure(
    'inbox_list_whatsapp_bigdb_ms',
    large.listWhatsapp,
    empty.listWhatsapp,
    TARGET_LIST_MS,
    'filtered to WhatsApp',
  );
  figure(
    'inbox_waiting_group_bigdb_ms',
    large.waiting,
    empty.waiting,
    TARGET_LIST_MS,
    'every chat that needs a person, from the two partial indexes that hold only them (migration 0016)',
  );
  figure(
    'inbox_thread_page_bigdb_ms',
    large.threadNewest,
    empty.threadNewest,
    TARGET_THREAD_MS,
    `newest ${THREAD_PAGE} messages of the most active chat`,
  );
  figure(
    'inbox_thread_older_page_bigdb_ms',
    large.threadOlder,
    empty.threadOlder,
    TARGET_THREAD_MS,
    `${THREAD_PAGE} messages before a message id (scrolling up)`,
  );
  SEARCHES.forEach((c, i) =>
    figure(`inbox_${c.name}_bigdb_ms`, large.searches[i]!, empty.searches[i]!, TARGET_SEARCH_MS, c.note),
  );
}
