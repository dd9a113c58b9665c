// createPipeline (main/pipeline/index.ts) is the one place the stages are handed to each
// other: a channel's message reaches ingest, a patient message a turn, the turn's reply
// the outbox and back out through the channel; a staff echo pauses the chat; a file goes
// to the media store; a receipt to whoever records them. And it stops in the order that
// keeps work durable: turns, the outbox, media, then the channels.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { getConversation } from '../../db/repos/conversations.js';
import { outboxDepth } from '../../db/repos/outbox.js';
import { WriteBatcher } from '../../db/write-batcher.js';
import type { Channel, ChannelSink, DeliveryUpdate, InboundMessage, SendRequest } from '../../main/channels/channel.js';
import { AppEvents } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { Metrics } from '../../main/kernel/metrics.js';
import { SettingsService } from '../../main/http/app-settings.js';
import { createPipeline, type Pipeline } from '../../main/pipeline/index.js';
import { tempDataDir, waitFor } from '../helpers/core.js';

class RecordingChannel implements Channel {
  readonly provider = 'simulator' as const;
  sink: ChannelSink | null = null;
  sent: SendRequest[] = [];
  constructor(private readonly order: string[]) {}
  async start(sink: ChannelSink) {
    this.sink = sink;
    this.order.push('channel.start');
  }
  async stop() {
    this.order.push('channel.stop');
  }
  status() {
    return { state: 'connected' as const };
  }
  async send(req: SendRequest) {
    this.sent.push(req);
    return { providerMessageId: `sent-${this.sent.length}` };
  }
}

const message = (id: string, over: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'whatsapp',
  provider: 'simulator',
  providerMessageId: id,
  externalUserId: '+5491155550001',
  senderName: 'Marta',
  text: 'hola',
  fromMe: false,
  timestamp: Date.now(),
  ...over,
});

describe('the pipeline as wired by createPipeline', () => {
  let db: Db;
  let order: string[];
  let channel: RecordingChannel;
  let receipts: Array<[string, DeliveryUpdate]>;
  let mediaQueued: string[];
  let pipeline: Pipeline;
  let registered: string[];
  let woken: string[];

  beforeEach(() => {
    const dataDir = tempDataDir();
    db = openDatabase(path.join(dataDir, 'recepta.db'));
    const events = new AppEvents();
    const settings = new SettingsService(db, events, {});
    settings.update({ 'pipeline.debounceMs': 0 });
    order = [];
    receipts = [];
    mediaQueued = [];
    registered = [];
    woken = [];
    channel = new RecordingChannel(order);
    pipeline = createPipeline({
      db,
      events,
      settings,
      metrics: new Metrics(() => outboxDepth(db)),
      writes: new WriteBatcher(db),
      log: silentLogger(),
      dataDir,
      jobs: { register: (job) => void registered.push(job.name), wake: (name) => void woken.push(name) },
      channels: new Map([[channel.provider, channel]]),
      assistant: {
        reply: async () => ({ text: 'Hola Marta, ¿en qué te ayudo?', meta: { mode: 'llm', latencyMs: 1 } }),
      },
      media: {
        enqueue: (id) => void mediaQueued.push(id),
        resumePending: () => 0,
        stop: async () => void order.push('media.stop'),
      },
      understanding: {
        waitForFiles: async () => undefined,
        resumePending: () => 0,
        stop: async () => void order.push('understanding.stop'),
      },
      deliveryStatus: async (provider, update) => void receipts.push([provider, update]),
    });
  });
  afterEach(async () => {
    await pipeline.stop();
    closeDatabase(db);
  });

  it('carries a patient message from the channel through a turn and the outbox back to the channel', async () => {
    await pipeline.start();
    const outcome = await channel.sink?.inbound(message('in-1'));
    expect(outcome).toMatchObject({ duplicate: false });
    const sent = await waitFor(() => channel.sent[0]);
    expect(sent).toMatchObject({ externalUserId: '+5491155550001', text: 'Hola Marta, ¿en qué te ayudo?' });
  });

  it("pauses the chat on a staff echo, queues a message's file for the media store, and hands receipts on with the provider", async () => {
    await pipeline.start();
    const outcome = await channel.sink?.inbound(message('echo-1', { fromMe: true, text: 'Te atiendo yo' }));
    expect(getConversation(db, outcome?.conversationId ?? -1)?.humanOverrideReason).toBe('staff_echo');
    // The pause is owed an end: the release job is registered and woken to plan it.
    expect(registered).toEqual(['takeover.release']);
    expect(woken).toContain('takeover.release');
    await channel.sink?.inbound(
      message('img-1', { externalUserId: '+5491155550002', media: { kind: 'image', url: 'http://127.0.0.1:9/x.jpg' } }),
    );
    expect(mediaQueued).toHaveLength(1);
    channel.sink?.deliveryStatus({ providerMessageId: 'sent-1', status: 'read' });
    expect(receipts).toEqual([['simulator', { providerMessageId: 'sent-1', status: 'read' }]]);
  });

  it('stops turns (with the transcripts they wait for) first, then the outbox, media, and the channels last (the pause watch is a job of the scheduler)', async () => {
    await pipeline.start();
    vi.spyOn(pipeline.turns, 'stop').mockImplementation(async () => void order.push('turns.stop'));
    const outboxStop = pipeline.outbox.stop.bind(pipeline.outbox);
    vi.spyOn(pipeline.outbox, 'stop').mockImplementation(async () => {
      order.push('outbox.stop');
      await outboxStop();
    });
    await pipeline.stop();
    expect(order).toEqual([
      'channel.start',
      'turns.stop',
      'understanding.stop',
      'outbox.stop',
      'media.stop',
      'channel.stop',
    ]);
  });
});
