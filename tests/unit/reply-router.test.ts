// The reply router reads a patient's message against the automated message it answers —
// never one still held in the outbox when the patient wrote (an offer made at night waits
// for the morning), since that one had not reached them.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import type { ConversationRow } from '../../db/repos/conversations.js';
import type { MessageRow } from '../../db/repos/messages.js';
import { ReplyRouter } from '../../main/automations/replies/router.js';
import type { AutomationReply } from '../../main/automations/reply-handler.js';
import { silentLogger } from '../../main/kernel/logger.js';

const NIGHT = Date.parse('2026-11-17T02:10:00Z');
const MORNING = Date.parse('2026-11-17T11:30:00Z');

const conversation = { id: 7, patientId: 3 } as ConversationRow;
const message = (m: Partial<MessageRow> & Pick<MessageRow, 'id' | 'role' | 'createdAt'>) =>
  ({ conversationId: 7, text: '', status: 'sent', meta: null, ...m }) as MessageRow;

function router(now: number) {
  const heard: AutomationReply[] = [];
  const r = new ReplyRouter({
    db: {} as Db,
    log: silentLogger(),
    now: () => now,
    handlers: [{ kind: 'waitlist_offer', handle: (reply) => (heard.push(reply), { kind: 'handled' }) }],
  });
  return { r, heard };
}

const heldOffer = message({
  id: 10,
  role: 'assistant',
  status: 'queued',
  createdAt: NIGHT,
  meta: { automation: { kind: 'waitlist_offer', offerId: 4, sendAt: MORNING } },
});

describe('the reply router', () => {
  it('does not read a message written before a held offer went out as its answer', async () => {
    const { r, heard } = router(NIGHT + 60_000);
    const history = [heldOffer, message({ id: 11, role: 'patient', text: 'sí', createdAt: NIGHT + 60_000 })];
    expect(await r.route({ conversation, history, upTo: 11 })).toBeNull();
    expect(heard).toEqual([]);
  });

  it('reads a message written after it went out as its answer, its time counted from the morning', async () => {
    const { r, heard } = router(MORNING + 60_000);
    const history = [heldOffer, message({ id: 11, role: 'patient', text: 'sí', createdAt: MORNING + 60_000 })];
    expect(await r.route({ conversation, history, upTo: 11 })).toEqual({ kind: 'handled' });
    expect(heard[0]).toMatchObject({ text: 'sí', answers: { messageId: 10, sentAt: MORNING } });
  });
});
