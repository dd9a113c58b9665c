// Every JSON column is parsed by one schema when read (db/json/): a row written by an older
// version, or by hand, that is not JSON or not of the shape reads back as a safe default —
// never a crash, and never an unchecked value handed to the code that reads it.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { listChanges } from '../../db/repos/appointments.js';
import { ingestInboundBatch } from '../../db/repos/ingest.js';
import { getMessage, insertSystemNote, listMessages } from '../../db/repos/messages.js';
import { getPractitioner } from '../../db/repos/practitioners.js';
import { tempDataDir } from '../helpers/core.js';

let db: Db;
afterEach(() => closeDatabase(db));

const open = () => (db = openDatabase(path.join(tempDataDir(), 'recepta.db')));

/** A patient message whose JSON columns are then overwritten by hand, as an old or damaged row would hold them. */
function messageWith(columns: { meta?: string | null; media?: string | null }): number {
  const [stored] = ingestInboundBatch(db, [
    {
      provider: 'simulator',
      channel: 'whatsapp',
      externalUserId: '+5491155550000',
      providerMessageId: `m-${Math.random()}`,
      senderName: 'Marta',
      role: 'patient',
      text: 'hola',
      turnState: null,
      receivedAt: 1_700_000_000_000,
    },
  ]);
  const id = (stored as { messageId: number }).messageId;
  if ('meta' in columns) db.$client.prepare('UPDATE messages SET meta = ? WHERE id = ?').run(columns.meta, id);
  if ('media' in columns) db.$client.prepare('UPDATE messages SET media = ? WHERE id = ?').run(columns.media, id);
  return id;
}

describe('messages.meta', () => {
  it('reads garbage JSON, and JSON that is not an object, as no meta at all', () => {
    open();
    for (const garbage of ['{not json', '"just a string"', '42', '[1,2]', 'null']) {
      const id = messageWith({ meta: garbage });
      expect(getMessage(db, id)?.meta, garbage).toBeNull();
    }
  });

  it('keeps the fields it can read and drops only the ones of the wrong type (an unknown shape is harmless)', () => {
    open();
    const id = messageWith({
      meta: JSON.stringify({
        mode: 'telepathy',
        holding: 'yes',
        latencyMs: 12,
        model: 'm',
        from: 'the future',
        tools: [1, { name: 'book', ok: true, arguments: '{}' }],
      }),
    });
    const meta = getMessage(db, id)?.meta;
    expect(meta?.mode).toBeUndefined();
    expect(meta?.holding).toBeUndefined();
    expect(meta?.latencyMs).toBe(12);
    expect(meta?.model).toBe('m');
    expect(meta?.tools).toEqual([
      { name: '', arguments: '', ok: false, result: null },
      { name: 'book', arguments: '{}', ok: true, result: null },
    ]);
    // The list reads through the same column.
    expect(listMessages(db, getMessage(db, id)!.conversationId).find((m) => m.id === id)?.meta?.latencyMs).toBe(12);
  });

  it('a system note written with a plain object reads back typed', () => {
    open();
    const id = messageWith({});
    const conversationId = getMessage(db, id)!.conversationId;
    const note = insertSystemNote(db, {
      conversationId,
      provider: 'simulator',
      text: 'Asistente pausado',
      meta: { note: 'paused', reason: 'staff' },
    });
    expect(getMessage(db, note)?.meta).toMatchObject({ note: 'paused', reason: 'staff' });
  });
});

describe('the other JSON columns', () => {
  it('messages.media: garbage reads as no file description', () => {
    open();
    expect(getMessage(db, messageWith({ media: '{oops' }))?.media).toBeNull();
    expect(getMessage(db, messageWith({ media: JSON.stringify({ kind: 'image', providerRef: 'k' }) }))?.media).toEqual({
      kind: 'image',
      providerRef: 'k',
    });
  });

  it("practitioners.hours: garbage reads as null (the clinic's hours)", () => {
    open();
    const now = 1_700_000_000_000;
    const { lastInsertRowid } = db.$client
      .prepare(
        "INSERT INTO practitioners (name, specialty, color, active, hours, created_at, updated_at) VALUES ('Ana', '', '#000', 1, ?, ?, ?)",
      )
      .run('[{"weekday":"lunes"}]', now, now);
    expect(getPractitioner(db, Number(lastInsertRowid))?.hours).toBeNull();
  });

  it('appointment_changes: an unreadable before/after state reads as null', () => {
    open();
    db.$client.pragma('foreign_keys = OFF');
    db.$client
      .prepare(
        "INSERT INTO appointment_changes (appointment_id, at, by, kind, from_state, to_state) VALUES (7, 1, 'staff', 'edited', ?, ?)",
      )
      .run(
        'not json',
        JSON.stringify({
          start: '2026-11-24T13:30:00.000Z',
          end: '2026-11-24T14:00:00.000Z',
          practitionerId: 1,
          status: 'lost',
        }),
      );
    const [change] = listChanges(db, 7);
    expect(change?.fromState).toBeNull();
    expect(change?.toState).toBeNull();
  });
});
