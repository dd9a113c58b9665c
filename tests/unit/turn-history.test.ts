import { describe, expect, it } from 'vitest';
import type { MessageRow } from '../../db/repos/messages.js';
import { lastOwedId, owedAfterLastAnswer } from '../../main/pipeline/turn-history.js';

let nextId = 1;
const msg = (role: MessageRow['role'], text: string, extra: Partial<MessageRow> = {}): MessageRow =>
  ({ id: nextId++, role, text, turnState: role === 'patient' ? 'answered' : null, meta: null, ...extra }) as MessageRow;
const owed = (text: string) => msg('patient', text, { turnState: 'pending' });
const texts = (rows: MessageRow[]) => rows.map((m) => m.text);

describe('owedAfterLastAnswer', () => {
  it('moves a question asked while the reply was being written to after that reply', () => {
    const rows = [msg('patient', 'hola'), owed('¿y el precio?'), msg('assistant', 'hola, ¿en qué te ayudo?')];
    expect(texts(owedAfterLastAnswer(rows))).toEqual(['hola', 'hola, ¿en qué te ayudo?', '¿y el precio?']);
    expect(lastOwedId(rows)).toBe(rows[1]!.id);
  });

  it('keeps every bubble of the reply together and what came after it in order', () => {
    const rows = [msg('patient', 'a'), owed('b'), msg('assistant', 'r1'), msg('assistant', 'r2'), owed('c')];
    expect(texts(owedAfterLastAnswer(rows))).toEqual(['a', 'r1', 'r2', 'b', 'c']);
  });

  it('leaves owed messages before a holding reply where they are: it answered nothing', () => {
    const holding = { meta: { holding: true } };
    const rows = [
      msg('patient', 'a'),
      msg('assistant', 'r'),
      owed('b'),
      owed('c'),
      msg('assistant', 'estoy revisando', holding),
    ];
    expect(texts(owedAfterLastAnswer(rows))).toEqual(['a', 'r', 'b', 'c', 'estoy revisando']);
  });

  it('changes nothing when nothing is owed or nothing was answered yet', () => {
    const answered = [msg('patient', 'a'), msg('assistant', 'r')];
    expect(owedAfterLastAnswer(answered)).toEqual(answered);
    const first = [owed('a'), owed('b')];
    expect(owedAfterLastAnswer(first)).toEqual(first);
    expect(lastOwedId(answered)).toBeUndefined();
  });
});
