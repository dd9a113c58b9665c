import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { ingestInbound } from '../../db/repos/ingest.js';
import { enqueueOutgoing, getMessage } from '../../db/repos/messages.js';
import { claimDueOutbox, getOutboxRow, markOutboxSent, outboxDepth } from '../../db/repos/outbox.js';
import { PermanentSendError, type Channel, type SendRequest } from '../../main/channels/channel.js';
import { AppEvents } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { OutboxWorker, retryDelay } from '../../main/pipeline/outbox-worker.js';
import { tempDataDir, waitFor } from '../helpers/core.js';

/** A channel whose provider fails on cue, recording every request it accepted. */
class ScriptedChannel implements Channel {
  readonly provider = 'simulator' as const;
  failures: Array<Error> = [];
  sent: SendRequest[] = [];
  attempts = 0;
  async start() {}
  async stop() {}
  status() {
    return { state: 'connected' as const };
  }
  async send(req: SendRequest) {
    this.attempts += 1;
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(req);
    return { providerMessageId: `p-${req.idempotencyKey}` };
  }
}

describe('the outbox worker', () => {
  let db: Db;
  let channel: ScriptedChannel;
  let clock: number;
  let worker: OutboxWorker;

  beforeEach(() => {
    db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    channel = new ScriptedChannel();
    clock = 1_000_000;
    worker = new OutboxWorker({
      db,
      channels: new Map([['simulator', channel]]),
      events: new AppEvents(),
      log: silentLogger(),
      now: () => clock,
      random: () => 0.5,
      pollMs: 60_000,
    });
  });
  afterEach(async () => {
    await worker.stop();
    closeDatabase(db);
  });

  function chat(user: string): number {
    const r = ingestInbound(db, {
      provider: 'simulator',
      channel: 'simulator',
      externalUserId: user,
      providerMessageId: `in-${user}-${Math.random()}`,
      role: 'patient',
      text: 'hola',
      turnState: 'pending',
      receivedAt: clock,
    });
    if (r.duplicate) throw new Error('unexpected duplicate');
    return r.conversationId;
  }
  const queue = (conversationId: number, text: string, maxAttempts = 3) =>
    enqueueOutgoing(db, { conversationId, provider: 'simulator', role: 'assistant', text, maxAttempts, now: clock });

  it('retries a failed send with backoff, then marks it sent once', async () => {
    const c = chat('a');
    const { outboxId, messageId } = queue(c, 'hola');
    channel.failures.push(new Error('socket hang up'));
    worker.start();
    await waitFor(() =>
      getOutboxRow(db, outboxId)?.attempts === 1 && getOutboxRow(db, outboxId)?.status === 'pending' ? true : undefined,
    );
    expect(getOutboxRow(db, outboxId)).toMatchObject({
      lastError: 'socket hang up',
      nextAttemptAt: clock + retryDelay(1, () => 0.5),
    });

    worker.kick(); // not due yet: nothing happens
    await new Promise((r) => setTimeout(r, 50));
    expect(channel.attempts).toBe(1);

    clock += retryDelay(1, () => 0.5);
    worker.kick();
    await waitFor(() => (getOutboxRow(db, outboxId)?.status === 'sent' ? true : undefined));
    expect(channel.sent.map((s) => s.text)).toEqual(['hola']);
    expect(getMessage(db, messageId)).toMatchObject({ status: 'sent', providerMessageId: `p-recepta-${outboxId}` });
  });

  it("gives up after the last attempt and keeps the provider's reason", async () => {
    const c = chat('b');
    const { outboxId, messageId } = queue(c, 'no llega', 2);
    channel.failures.push(new Error('503 from provider'), new Error('503 again'));
    worker.start();
    await waitFor(() =>
      getOutboxRow(db, outboxId)?.attempts === 1 && getOutboxRow(db, outboxId)?.status === 'pending' ? true : undefined,
    );
    clock += 60_000;
    worker.kick();
    await waitFor(() => (getOutboxRow(db, outboxId)?.status === 'failed' ? true : undefined));
    expect(getOutboxRow(db, outboxId)).toMatchObject({ attempts: 2, lastError: '503 again' });
    expect(getMessage(db, messageId)?.status).toBe('failed');
  });

  it('does not retry an error the provider says is permanent', async () => {
    const c = chat('c');
    const { outboxId } = queue(c, 'x');
    channel.failures.push(new PermanentSendError('number is not on WhatsApp'));
    worker.start();
    await waitFor(() => (getOutboxRow(db, outboxId)?.status === 'failed' ? true : undefined));
    expect(channel.attempts).toBe(1);
  });

  it('counts what is not sent yet, queued or in flight, for the metrics gauge', () => {
    const c = chat('depth');
    queue(c, 'uno');
    queue(chat('depth-2'), 'dos');
    expect(outboxDepth(db)).toBe(2);
    const [claimed] = claimDueOutbox(db, clock, 1);
    expect(outboxDepth(db)).toBe(2); // one pending, one sending
    markOutboxSent(db, claimed!.id, 'sim-1', clock);
    expect(outboxDepth(db)).toBe(1);
  });

  it("keeps a chat's messages in order while an earlier one waits for its retry", async () => {
    const c = chat('d');
    const other = chat('e');
    queue(c, 'primero');
    queue(c, 'segundo');
    queue(other, 'otro chat');
    channel.failures.push(new Error('blip'));
    worker.start();
    await waitFor(() => (channel.sent.some((s) => s.text === 'otro chat') ? true : undefined));
    expect(channel.sent.map((s) => s.text)).toEqual(['otro chat']); // 'segundo' waits behind 'primero'
    clock += 60_000;
    worker.kick();
    await waitFor(() => (channel.sent.length === 3 ? true : undefined));
    expect(channel.sent.map((s) => s.text)).toEqual(['otro chat', 'primero', 'segundo']);
  });

  it('resumes a send interrupted by a crash with the same idempotency key, and sends it once', async () => {
    const c = chat('f');
    const { outboxId } = queue(c, 'a medio enviar');
    expect(claimDueOutbox(db, clock, 10)).toHaveLength(1); // the crashed process had claimed it
    expect(getOutboxRow(db, outboxId)?.status).toBe('sending');
    worker.start();
    await waitFor(() => (getOutboxRow(db, outboxId)?.status === 'sent' ? true : undefined));
    expect(channel.sent).toHaveLength(1);
    expect(channel.sent[0]?.idempotencyKey).toBe(`recepta-${outboxId}`);
    expect(getOutboxRow(db, outboxId)?.attempts).toBe(1); // the interrupted claim was not counted
  });

  it('a send interrupted by a crash does not use up an attempt: a later real failure is still retried', async () => {
    const c = chat('f2');
    const { outboxId, messageId } = queue(c, 'cortado por un apagón', 2);
    expect(claimDueOutbox(db, clock, 10)).toHaveLength(1); // claimed, then the power went
    channel.failures.push(new Error('503 once'));
    worker.start();
    await waitFor(() =>
      getOutboxRow(db, outboxId)?.status === 'pending' && getOutboxRow(db, outboxId)?.lastError ? true : undefined,
    );
    expect(getOutboxRow(db, outboxId)).toMatchObject({ attempts: 1, lastError: '503 once' });
    clock += 60_000;
    worker.kick();
    await waitFor(() => (getOutboxRow(db, outboxId)?.status === 'sent' ? true : undefined));
    expect(getOutboxRow(db, outboxId)?.attempts).toBe(2);
    expect(getMessage(db, messageId)?.status).toBe('sent');
  });

  it('on a channel that wants human pacing, shows "typing" first, and a stop mid-pause gives the row back uncounted', async () => {
    const typing: string[] = [];
    const paced = Object.assign(channel, {
      sendPolicy: { humanPacing: true, maxPerSecond: 5 },
      typing: async (user: string) => {
        typing.push(user);
      },
    });
    const c = chat('g');
    const { outboxId } = queue(c, 'un mensaje que tarda en escribirse');
    worker.start();
    await waitFor(() => (typing.length === 1 ? true : undefined));
    expect(paced.sent).toHaveLength(0); // still "typing"
    await worker.stop();
    expect(getOutboxRow(db, outboxId)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(paced.sent).toHaveLength(0);
  });

  it("splits nothing itself but sends a reply's bubbles in order", async () => {
    const c = chat('h');
    enqueueOutgoing(db, {
      conversationId: c,
      provider: 'simulator',
      role: 'assistant',
      text: 'a\n\nb',
      bubbles: ['uno', 'dos', 'tres'],
      now: clock,
    });
    worker.start();
    await waitFor(() => (channel.sent.length === 3 ? true : undefined));
    expect(channel.sent.map((s) => s.text)).toEqual(['uno', 'dos', 'tres']);
  });

  it("keeps a channel's per-chat spacing between messages to one chat, without holding up other chats", async () => {
    Object.assign(channel, { sendPolicy: { humanPacing: false, maxPerSecond: 100, perChatIntervalMs: 150 } });
    const sentAt: Array<{ text: string; at: number }> = [];
    const send = channel.send.bind(channel);
    channel.send = async (r) => {
      sentAt.push({ text: r.text, at: performance.now() });
      return send(r);
    };
    const c = chat('i');
    const other = chat('j');
    enqueueOutgoing(db, {
      conversationId: c,
      provider: 'simulator',
      role: 'assistant',
      text: '',
      bubbles: ['uno', 'dos', 'tres'],
      now: clock,
    });
    worker.start();
    await waitFor(() => (sentAt.length === 1 ? true : undefined));
    queue(other, 'otro chat');
    worker.kick();
    await waitFor(() => (sentAt.length === 4 ? true : undefined));
    expect(sentAt.map((s) => s.text)).toEqual(['uno', 'otro chat', 'dos', 'tres']);
    const mine = sentAt.filter((s) => s.text !== 'otro chat');
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.at - mine[i - 1]!.at).toBeGreaterThanOrEqual(140);
  });

  it('backoff grows exponentially, with bounded jitter and a cap', () => {
    expect(retryDelay(1, () => 0.5)).toBe(2_000);
    expect(retryDelay(2, () => 0.5)).toBe(4_000);
    expect(retryDelay(3, () => 0)).toBe(6_400);
    expect(retryDelay(3, () => 1)).toBe(9_600);
    expect(retryDelay(30, () => 0.5)).toBe(300_000);
  });
});
