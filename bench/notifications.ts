// Notification fan-out beside the message pipeline (issue 17): 1,000 events, each queued
// for 3 endpoints (Slack-shaped and webhook receivers, and a real SMTP server, all on
// 127.0.0.1) and delivered by the notifications job, while patients write at 100 msg/s.
// The pipeline's p99 with and without the fan-out, side by side in one run: the fan-out
// should not delay a reply (target: within 1.5× the quiet p99, i.e. noise on a busy PC).
// The receivers run in a worker thread (notify-receivers.ts): only the core's work is on its loop.
// Both runs measure the same number of messages (the busy one more if the fan-out outlasts them).
import { hasQueuedDeliveries } from '../db/repos/notifications.js';
import type { RunningCore } from '../main/app/core.js';
import type { AppEvents } from '../main/http/app-events.js';
import type { InstantLlm } from './instant-llm.js';
import { startNotifyReceivers, type NotifyReceivers } from './notify-receivers.js';
import { measureAtRate } from './pipeline-rate.js';
import { BENCH_TOKEN } from './spawn-core.js';
import { fmt, info, percentile, report, sleep } from './stats.js';

const EVENTS = Number(process.env.BENCH_NOTIFY_EVENTS ?? 1000);
/**
 * Messages measured in each run, quiet and busy alike: 20 s at 100 msg/s, longer than the
 * fan-out takes, so both p99s come from windows of the same length (a longer one catches more
 * of whatever else the machine does, and its p99 says so).
 */
const RATE_MESSAGES = Number(process.env.BENCH_NOTIFY_MESSAGES ?? 2000);
/** Events emitted per second while the pipeline runs (1,000 over 5 s). */
const EVENTS_PER_S = 200;

async function api(core: RunningCore, path: string, body: unknown): Promise<void> {
  const res = await fetch(core.apiUrl + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

interface FanOutTimes {
  /** From the first event emitted to the queue empty. */
  ms: number;
  /** Main-thread time inside emit(), summed. */
  emitMs: number;
  /** From the first event emitted to the last delivery received. */
  drainMs: number;
  /** When the first event was emitted (performance.now()). */
  startAt: number;
}

/** The three endpoints, created before the measured messages (an admin's one-time set-up, not the fan-out). */
function createEndpoints(receivers: NotifyReceivers) {
  const { slackUrl, hookUrl, smtpPort } = receivers;
  return async (core: RunningCore) => {
    await api(core, '/api/notifications/endpoints', { kind: 'slack', name: 'Slack', config: { url: slackUrl } });
    await api(core, '/api/notifications/endpoints', {
      kind: 'webhook',
      name: 'CRM',
      config: { url: hookUrl },
      secret: 'bench-webhook-secret',
    });
    await api(core, '/api/notifications/endpoints', {
      kind: 'email',
      name: 'Correo',
      config: { host: '127.0.0.1', port: smtpPort, security: 'none', from: 'r@bench.test', to: ['d@bench.test'] },
    });
  };
}

/** EVENTS reservation events at EVENTS_PER_S, then waits until every delivery left the queue. */
function fanOut(receivers: NotifyReceivers, took: FanOutTimes) {
  const received = () => Object.values(receivers.counts()).reduce((a, b) => a + b, 0);
  return async (core: RunningCore) => {
    // The handle's `events` only hears (core.ts forwards the inner bus to it); the areas emit on
    // the running core's own bus, which its settings store holds: the bench emits there, as the agenda would.
    const inner = (core.settings as unknown as { events: AppEvents }).events;
    const start = performance.now();
    took.startAt = start;
    for (let i = 0; i < EVENTS; i++) {
      const due = start + (i * 1000) / EVENTS_PER_S;
      const wait = due - performance.now();
      // Each event in a task of its own, as appointment changes arrive (a late timer does not make a burst).
      await sleep(Math.max(0, wait));
      // An appointment the bench never booked: the wiring looks it up and queues the event as for a real one.
      const emitted = performance.now();
      inner.emit('appointment.changed', { appointmentId: 50_000_000 + i, kind: 'created', source: 'staff' });
      took.emitMs += performance.now() - emitted;
    }
    const deadline = performance.now() + 120_000;
    // The receivers' count is shared memory (nothing on the core's loop); the queue is looked at once they have it all.
    while (received() < 3 * EVENTS && performance.now() < deadline) await sleep(10);
    took.drainMs = performance.now() - start;
    while (hasQueuedDeliveries(core.db) && performance.now() < deadline) await sleep(50);
    took.ms = performance.now() - start;
  };
}

export async function runNotificationFanOut(llm: InstantLlm): Promise<void> {
  const receivers = await startNotifyReceivers();
  try {
    // The same endpoints in both runs: only the events differ.
    const quiet = await measureAtRate(llm, { count: RATE_MESSAGES, setup: createEndpoints(receivers) });
    const took: FanOutTimes = { ms: 0, emitMs: 0, drainMs: 0, startAt: 0 };
    const busy = await measureAtRate(llm, {
      count: RATE_MESSAGES,
      setup: createEndpoints(receivers),
      alongside: fanOut(receivers, took),
    });
    const quietP99 = percentile(quiet.queued, 99);
    const busyP99 = percentile(busy.queued, 99);
    info(
      'notify_fanout_quiet_queued_p99_ms',
      quietP99,
      `ms (100 msg/s, no notifications; ${quiet.queued.length} messages; p50 ${fmt(percentile(quiet.queued, 50))} ms; sender max lag ${fmt(quiet.maxLagMs)} ms; main thread ${fmt(quiet.busyMsPerMessage)} ms/message)`,
    );
    report({
      name: 'notify_fanout_during_queued_p99_ms',
      value: busyP99,
      unit: 'ms',
      reference: { label: 'quiet p99', value: quietP99 },
      target: { value: 1.5 * quietP99, kind: 'max' },
      note: `100 msg/s while ${EVENTS} events fan out to 3 endpoints (${busy.queued.length} messages); p50 ${fmt(percentile(busy.queued, 50))} ms; sender max lag ${fmt(busy.maxLagMs)} ms; main thread ${fmt(busy.busyMsPerMessage)} ms/message`,
    });
    // The strict reading of "while it runs": only the messages that arrived between the first
    // event and the last delivery, against the quiet run's messages over the same stretch of its run.
    const offset = took.startAt - busy.arrivals[0]!;
    const within = (run: typeof busy, from: number) =>
      run.queued.filter((_, i) => run.arrivals[i]! >= from && run.arrivals[i]! <= from + took.drainMs);
    const busyWindow = within(busy, took.startAt);
    const quietWindow = within(quiet, quiet.arrivals[0]! + offset);
    report({
      name: 'notify_fanout_window_queued_p99_ms',
      value: percentile(busyWindow, 99),
      unit: 'ms',
      reference: { label: 'quiet p99, same stretch', value: percentile(quietWindow, 99) },
      target: { value: 1.5 * percentile(quietWindow, 99), kind: 'max' },
      note: `only the ${busyWindow.length} messages that arrived while the fan-out ran (first event to last delivery), against the quiet run's ${quietWindow.length} over the same stretch; p50 ${fmt(percentile(busyWindow, 50))} vs ${fmt(percentile(quietWindow, 50))} ms`,
    });
    info(
      'notify_fanout_emit_ms_per_event',
      took.emitMs / EVENTS,
      'ms (main thread, synchronous: every appointment.changed listener, notify included)',
    );
    const counts = receivers.counts();
    const delivered = counts.slack + counts.webhook + counts.email;
    info(
      'notify_fanout_delivered',
      delivered,
      `deliveries received (Slack ${counts.slack}, webhook ${counts.webhook}, e-mail ${counts.email}; ${3 * EVENTS} expected) in ${fmt(took.drainMs / 1000)} s from the first event (events emitted over ${fmt(EVENTS / EVENTS_PER_S)} s); queue empty at ${fmt(took.ms / 1000)} s`,
    );
    info(
      'notify_fanout_deliveries_per_s',
      delivered / (took.drainMs / 1000),
      'deliveries/s (first event to last delivery)',
    );
    // Where the busy run's tail sits: arrival (seconds from the first event) and time to the reply, slowest first.
    const slowest = busy.queued
      .map((ms, i) => ({ ms, at: (busy.arrivals[i]! - took.startAt) / 1000 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, Math.ceil(busy.queued.length / 100));
    console.log(`# notify_fanout slowest 1%: ${slowest.map((m) => `${fmt(m.at)}s:${fmt(m.ms)}ms`).join(' ')}`);
    if (busy.unanswered || quiet.unanswered)
      console.log(`warning: notify_fanout: ${busy.unanswered + quiet.unanswered} messages got no reply within the run`);
  } finally {
    await receivers.close();
  }
}
