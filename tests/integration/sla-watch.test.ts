// The handoff SLA watch (issue 17): a chat waiting for a person past the threshold is
// breached once per wait (across runs and restarts), only while the clinic is open by
// default, cleared by a staff reply; 5 at once is an incident told once per cluster.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { getConversationView } from '../../db/repos/conversations.js';
import { enqueueOutgoing } from '../../db/repos/messages.js';
import { openBreaches } from '../../db/repos/sla.js';
import { SLA_WATCH_JOB, slaWatchJob } from '../../main/automations/sla/watch.js';
import type { InboundMessage } from '../../main/channels/channel.js';
import { AppEvents } from '../../main/http/app-events.js';
import { SettingsService } from '../../main/http/app-settings.js';
import { toConversation } from '../../main/http/routes/conversations.js';
import { JobScheduler } from '../../main/jobs/index.js';
import { silentLogger } from '../../main/kernel/logger.js';
import type { NotificationEventName, NotificationPayload } from '../../main/notifications/events.js';
import { createIngest } from '../../main/pipeline/ingest.js';
import { Takeover } from '../../main/pipeline/takeover.js';
import { tempDataDir } from '../helpers/core.js';

const MINUTE = 60_000;
// Friday 20 November 2026, 10:00 in Buenos Aires (UTC-3): the clinic (Mon–Fri 9–18 by default) is open.
const OPEN = Date.parse('2026-11-20T13:00:00Z');

describe('the handoff SLA watch', () => {
  let file: string;
  let db: Db;
  let clock: number;
  let events: AppEvents;
  let settings: SettingsService;
  let takeover: Takeover;
  let ingest: ReturnType<typeof createIngest>;
  let scheduler: JobScheduler;
  let told: Array<{ type: NotificationEventName; data: NotificationPayload }>;
  let updated: number[];
  let sequence = 0;

  function boot(): void {
    db = openDatabase(file);
    events = new AppEvents();
    events.on('conversation.updated', ({ conversationId }) => updated.push(conversationId));
    settings = new SettingsService(db, events, {});
    takeover = new Takeover({ db, events, log: silentLogger(), now: () => clock });
    ingest = createIngest({ db, events, log: silentLogger(), onPatientMessage: () => {}, onStaffMessage: () => {} });
    const notifications = {
      notify: (type: NotificationEventName, data: NotificationPayload) => {
        told.push({ type, data });
        return [];
      },
    };
    scheduler = new JobScheduler({ db, log: silentLogger(), now: () => clock });
    scheduler.register(slaWatchJob({ db, settings, notifications, events, log: silentLogger() }));
    scheduler.start();
  }

  async function restart(): Promise<void> {
    await scheduler.stop();
    closeDatabase(db);
    boot();
  }

  beforeEach(() => {
    file = path.join(tempDataDir(), 'recepta.db');
    clock = OPEN;
    told = [];
    updated = [];
    boot();
  });
  afterEach(async () => {
    await scheduler.stop();
    closeDatabase(db);
  });

  const message = (user: number): InboundMessage => ({
    channel: 'whatsapp',
    provider: 'baileys',
    providerMessageId: `m-${++sequence}`,
    externalUserId: `54911555${String(user).padStart(5, '0')}@s.whatsapp.net`,
    text: 'hola, mi número es 11 5555 0001',
    fromMe: false,
    timestamp: clock,
  });
  /** A patient the assistant handed to a person. */
  async function handedOff(user: number): Promise<number> {
    const id = (await ingest(message(user))).conversationId!;
    takeover.pause(id, 'handoff:quiere hablar con una persona');
    return id;
  }
  const staffReply = (conversationId: number) =>
    enqueueOutgoing(db, {
      conversationId,
      provider: 'baileys',
      role: 'staff',
      text: 'Hola, ya te atiendo',
      now: clock,
    });
  const run = () => scheduler.runNow(SLA_WATCH_JOB);
  const breachesTold = () => told.filter((t) => t.type === 'sla.breached');
  const clustersTold = () => told.filter((t) => t.type === 'incident.sla_cluster');
  const view = (id: number) => toConversation(getConversationView(db, id, clock)!, clock);

  it('breaches after the threshold, not before, and tells it with the chat and a reason code only', async () => {
    const chat = await handedOff(1);
    clock += 4 * MINUTE + 59_000;
    await run();
    expect(breachesTold()).toEqual([]);
    expect(view(chat).slaBreachedAt).toBeNull();
    clock += 1_000;
    await run();
    expect(breachesTold()).toEqual([
      { type: 'sla.breached', data: { conversationId: chat, reason: 'handoff_unanswered', intent: 'handoff' } },
    ]);
    expect(JSON.stringify(told)).not.toMatch(/5555|hola/);
    expect(view(chat).slaBreachedAt).toBe(new Date(clock).toISOString());
    expect(updated).toContain(chat);
  });

  it('follows sla.thresholdMinutes', async () => {
    settings.update({ 'sla.thresholdMinutes': 10 });
    await handedOff(1);
    clock += 9 * MINUTE;
    await run();
    expect(breachesTold()).toEqual([]);
    clock += MINUTE;
    await run();
    expect(breachesTold()).toHaveLength(1);
  });

  it('counts only opening hours by default: a Friday-night wait breaches five minutes after Monday opens', async () => {
    clock = Date.parse('2026-11-20T23:00:00Z'); // Friday 20:00 in Buenos Aires, closed since 18:00
    await handedOff(1);
    clock += 30 * MINUTE;
    await run();
    expect(breachesTold()).toEqual([]);
    clock = Date.parse('2026-11-23T12:04:00Z'); // Monday 09:04
    await run();
    expect(breachesTold()).toEqual([]);
    clock = Date.parse('2026-11-23T12:05:00Z');
    await run();
    expect(breachesTold()).toHaveLength(1);
  });

  it('counts every minute when sla.onlyOpeningHours is off', async () => {
    settings.update({ 'sla.onlyOpeningHours': false });
    clock = Date.parse('2026-11-20T23:00:00Z');
    await handedOff(1);
    clock += 5 * MINUTE;
    await run();
    expect(breachesTold()).toHaveLength(1);
  });

  it('is cleared by a staff reply, and the next wait is a new breach', async () => {
    const chat = await handedOff(1);
    clock += 6 * MINUTE;
    await run();
    expect(view(chat).slaBreachedAt).not.toBeNull();
    staffReply(chat);
    // The marker goes at once; the next run closes the row.
    expect(view(chat).slaBreachedAt).toBeNull();
    await run();
    expect(openBreaches(db)).toEqual([]);
    clock += MINUTE;
    await ingest(message(1)); // she writes again into the paused chat: a new wait
    clock += 5 * MINUTE;
    await run();
    expect(breachesTold().map((t) => t.data)).toEqual([
      { conversationId: chat, reason: 'handoff_unanswered', intent: 'handoff' },
      { conversationId: chat, reason: 'handoff_unanswered', intent: 'handoff' },
    ]);
  });

  it('tells a wait once, across runs and a restart', async () => {
    const chat = await handedOff(1);
    clock += 6 * MINUTE;
    await run();
    clock += MINUTE;
    await run();
    await restart();
    clock += MINUTE;
    await run();
    expect(breachesTold()).toHaveLength(1);
    expect(view(chat).slaBreachedAt).toBe(new Date(OPEN + 6 * MINUTE).toISOString());
  });

  it('tells a cluster of 5 once, and again only after it fell below 5 and rose again', async () => {
    const chats: number[] = [];
    for (let user = 1; user <= 4; user++) chats.push(await handedOff(user));
    clock += 6 * MINUTE;
    await run();
    expect(clustersTold()).toEqual([]);
    chats.push(await handedOff(5));
    clock += 6 * MINUTE;
    await run();
    expect(clustersTold()).toEqual([{ type: 'incident.sla_cluster', data: { reason: 'sla_cluster', count: 5 } }]);
    chats.push(await handedOff(6));
    clock += 6 * MINUTE;
    await run();
    await restart();
    await run();
    expect(clustersTold()).toHaveLength(1);
    staffReply(chats[0]!);
    staffReply(chats[1]!);
    await run(); // 4 left: the cluster ends
    expect(clustersTold()).toHaveLength(1);
    await handedOff(7);
    clock += 6 * MINUTE;
    await run();
    expect(clustersTold()).toHaveLength(2);
  });

  it('reads only open breaches, through their partial index (a run costs what is waiting, not the history)', () => {
    const plan = (
      db.$client.prepare('EXPLAIN QUERY PLAN SELECT * FROM sla_breaches WHERE cleared_at IS NULL').all() as Array<{
        detail: string;
      }>
    ).map((r) => r.detail);
    expect(plan.join(' | ')).toMatch(/sla_breaches_open/);
  });
});
