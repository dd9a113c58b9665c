// The "Necesita atención" group is exact: every chat a person owes an answer, however many
// newer chats came after it, found through the indexes of migration 0016 (never a scan).
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { listWaitingConversations } from '../../db/repos/conversations.js';
import { enqueueOutgoing, listMessages, skipPendingTurns } from '../../db/repos/messages.js';
import { settleOwedMessages, WAITING_CANDIDATES_SQL } from '../../db/repos/waiting.js';
import type { InboundMessage } from '../../main/channels/channel.js';
import { AppEvents } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { createIngest } from '../../main/pipeline/ingest.js';
import { Takeover } from '../../main/pipeline/takeover.js';
import { tempDataDir } from '../helpers/core.js';

describe('the chats that need a person', () => {
  let db: Db;
  let clock: number;
  let takeover: Takeover;
  let ingest: ReturnType<typeof createIngest>;
  let sequence = 0;

  beforeEach(() => {
    db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    clock = Date.parse('2026-11-20T13:00:00Z');
    const events = new AppEvents();
    takeover = new Takeover({ db, events, log: silentLogger(), now: () => clock });
    ingest = createIngest({ db, events, log: silentLogger(), onPatientMessage: () => {}, onStaffMessage: () => {} });
  });
  afterEach(() => closeDatabase(db));

  const message = (user: number, over: Partial<InboundMessage> = {}): InboundMessage => ({
    channel: 'whatsapp',
    provider: 'baileys',
    providerMessageId: `m-${++sequence}`,
    externalUserId: `54911555${String(user).padStart(5, '0')}@s.whatsapp.net`,
    text: 'hola',
    fromMe: false,
    timestamp: clock,
    ...over,
  });
  const waitingIds = () => listWaitingConversations(db, clock).map((c) => c.id);
  const turnStates = (conversationId: number) => listMessages(db, conversationId).map((m) => m.turnState);

  it("include a chat waiting behind more than 200 newer ones (the list's first page and more)", async () => {
    const backlog = (await ingest(message(1, { receivedWhileOffline: true }))).conversationId!;
    for (let user = 2; user <= 260; user++) {
      clock += 1_000;
      await ingest(message(user));
    }
    expect(waitingIds()).toEqual([backlog]);
  });

  it('a reply takes a chat out; a question skipped after it puts it back; a hand-back that settles it takes it out', async () => {
    const chat = (await ingest(message(1, { receivedWhileOffline: true }))).conversationId!;
    expect(waitingIds()).toEqual([chat]);
    enqueueOutgoing(db, {
      conversationId: chat,
      provider: 'baileys',
      role: 'staff',
      text: 'Perdón la demora',
      now: clock,
    });
    expect(waitingIds()).toEqual([]);
    clock += 60_000;
    await ingest(message(1, { receivedWhileOffline: true }));
    expect(waitingIds()).toEqual([chat]);
    // "Ya lo respondí": nothing skipped is left after the last reply.
    expect(settleOwedMessages(db, chat, 'answered')).toBe(1);
    expect(waitingIds()).toEqual([]);
    await ingest(message(1, { receivedWhileOffline: true }));
    // The assistant's reply counts as a reply too.
    enqueueOutgoing(db, { conversationId: chat, provider: 'baileys', role: 'assistant', text: 'Hola', now: clock });
    expect(waitingIds()).toEqual([]);
  });

  it('a question skipped after a person already replied (a pause right after her reply) does not wait', async () => {
    const chat = (await ingest(message(1))).conversationId!;
    enqueueOutgoing(db, { conversationId: chat, provider: 'baileys', role: 'staff', text: 'Te llamo', now: clock });
    takeover.pause(chat, 'staff_reply');
    expect(turnStates(chat)[0]).toBe('skipped');
    clock += 3 * 3_600_000; // the pause ran out
    expect(waitingIds()).toEqual([]);
    // Skipped after no reply at all: it waits.
    const other = (await ingest(message(2))).conversationId!;
    skipPendingTurns(db, other);
    expect(waitingIds()).toEqual([other]);
  });

  it('are found by the paused and skipped indexes, never by scanning chats or messages', () => {
    const plan = (
      db.$client.prepare(`EXPLAIN QUERY PLAN ${WAITING_CANDIDATES_SQL}`).all({ now: clock }) as Array<{
        detail: string;
      }>
    ).map((r) => r.detail);
    expect(plan.join(' | ')).toMatch(/SEARCH conversations USING (COVERING )?INDEX conversations_paused/);
    // Reading the partial index whole is reading the answer: it holds only the chats waiting.
    expect(plan.join(' | ')).toMatch(/SCAN conversations USING (COVERING )?INDEX conversations_waiting/);
    expect(plan.filter((d) => /^SCAN (conversations|messages)$/.test(d))).toEqual([]);
  });
});
