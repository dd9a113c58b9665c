// The search indexes are fed behind the writes (migration 0010): a message is stored
// without touching them, a background slice indexes it a moment later, and a search
// indexes whatever is still waiting first — so nothing is ever missing from a search.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { listConversations } from '../../db/repos/conversations.js';
import { ingestInboundBatch, type InboundRecord } from '../../db/repos/ingest.js';
import { listPatients } from '../../db/repos/patients.js';
import { SEARCH_INDEX_SLICE, indexSearchSlice, searchIndexBehind } from '../../db/repos/search-index.js';
import { WriteBatcher } from '../../db/write-batcher.js';
import { AppEvents } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { SearchIndexer } from '../../main/inbox/search-indexer.js';
import { tempDataDir, waitFor } from '../helpers/core.js';

let db: Db;
afterEach(() => closeDatabase(db));

const open = () => (db = openDatabase(path.join(tempDataDir(), 'recepta.db')));
const record = (i: number, text: string, name = `Paciente ${i}`): InboundRecord => ({
  provider: 'simulator',
  channel: 'whatsapp',
  externalUserId: `+54911555${String(i).padStart(5, '0')}`,
  providerMessageId: `m-${i}-${text.length}`,
  senderName: name,
  role: 'patient',
  text,
  turnState: null,
  receivedAt: 1_700_000_000_000 + i,
});
/** What the index itself holds, without the catch-up a search does first. */
const indexed = (word: string) =>
  db.$client.prepare('SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?').pluck().get(`"${word}"`) as number;
const names = (q: string) => listConversations(db, { q, limit: 50 }).map((c) => c.displayName);

describe('search index fed behind the writes', () => {
  it('a stored message is not indexed by its own transaction, yet a search finds it at once', () => {
    open();
    ingestInboundBatch(db, [record(1, 'Quiero un blanqueamiento', 'Marta Gómez')]);
    expect(searchIndexBehind(db)).toBe(true);
    expect(indexed('blanqueamiento')).toBe(0);
    // Patients are searched through their chats' names too ("gomez" finds "Gómez" only through the index).
    expect(listPatients(db, { q: 'gomez' }).map((p) => p.displayName)).toEqual(['Marta Gómez']);
    expect(names('blanquea')).toEqual(['Marta Gómez']);
    expect(names('marta')).toEqual(['Marta Gómez']);
    expect(searchIndexBehind(db)).toBe(false);
    expect(indexed('blanqueamiento')).toBe(1);
  });

  it('the background indexer empties a backlog in slices shortly after the writes, without a flush of its own', async () => {
    open();
    const events = new AppEvents();
    const writes = new WriteBatcher(db);
    const indexer = new SearchIndexer({ db, events, writes, log: silentLogger() });
    const total = SEARCH_INDEX_SLICE + 500;
    ingestInboundBatch(
      db,
      Array.from({ length: total }, (_, i) => record(i, `consulta número ${i} turno`)),
    );
    const run = vi.spyOn(writes, 'run');
    events.emit('message.created', { conversationId: 1, messageId: 1 });
    await waitFor(() => !searchIndexBehind(db), 5_000, 'the backlog indexed');
    await indexer.stop();
    // Two slices for a backlog larger than one, each through the group commit without its own flush.
    expect(run.mock.calls.length).toBe(2);
    expect(run.mock.calls.every(([, options]) => options?.durable === false)).toBe(true);
    expect(indexed('turno')).toBe(total);
    const progress = db.$client.prepare("SELECT upto FROM search_index_progress WHERE name = 'messages'").pluck().get();
    expect(progress).toBe(db.$client.prepare('SELECT max(id) FROM messages').pluck().get());
  });

  it('an edited message is found by its new words, whether it was indexed yet or not', () => {
    open();
    ingestInboundBatch(db, [record(1, 'hola quiero turno', 'Ana'), record(2, 'otra consulta', 'Beto')]);
    // Ana's is indexed and then edited (the trigger updates the index); Beto's is edited before indexing.
    db.$client
      .prepare("UPDATE search_index_progress SET upto = (SELECT min(id) FROM messages) WHERE name = 'messages'")
      .run();
    db.$client
      .prepare(
        'INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE id = (SELECT min(id) FROM messages)',
      )
      .run();
    db.$client.prepare("UPDATE messages SET text = 'hola quiero ortodoncia' WHERE text = 'hola quiero turno'").run();
    db.$client.prepare("UPDATE messages SET text = 'consulta por implantes' WHERE text = 'otra consulta'").run();
    expect(names('ortodoncia')).toEqual(['Ana']);
    expect(names('implantes')).toEqual(['Beto']);
    expect(names('turno')).toEqual([]);
    expect(names('otra')).toEqual([]);
  });

  it('a slice is all or nothing: rows and mark move together', () => {
    open();
    ingestInboundBatch(db, [record(1, 'dolor de muela')]);
    db.$client.exec(
      "CREATE TEMP TRIGGER refuse BEFORE UPDATE ON search_index_progress BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    expect(() => db.$client.transaction(() => indexSearchSlice(db))()).toThrow('disk full');
    expect(indexed('muela')).toBe(0);
    expect(searchIndexBehind(db)).toBe(true);
    db.$client.exec('DROP TRIGGER refuse');
    expect(names('muela')).toEqual(['Paciente 1']);
  });
});
