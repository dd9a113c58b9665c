// Ingest throughput through the webhook listener: the real `buildWebhookApp` with the
// real YCloud webhook handler — every request signed as YCloud signs it (HMAC-SHA256 over
// the raw body, checked before the body is parsed), mapped by the YCloud mapper, stored by
// the real ingest (`createIngest` over a real database, durable commits, assistant turns
// off) — loaded by N concurrent keep-alive clients on 127.0.0.1 in a worker thread. Every
// 200 must be a stored message: after each run the rows are counted against the
// acknowledged ids (zero loss) and the provider ids are checked for repeats (zero
// duplicates, redeliveries included).
//
// Reference, same run, same clients: a bare fastify route that does nothing. As a second
// reference line, the same ingest with `synchronous = NORMAL`, to show what the fsync of
// every commit (the app's documented choice, db/client.ts) costs. Then the acknowledgement
// latency at a steady 500 requests/s (open loop), the rate the issue names.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { count, countDistinct, eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { closeDatabase, openDatabase, type Db } from '../db/client.js';
import { messages } from '../db/schema.js';
import type { ChannelSink } from '../main/channels/channel.js';
import { ycloudSettingsDefaults } from '../main/channels/ycloud/settings.js';
import { YCloudWebhook } from '../main/channels/ycloud/webhook.js';
import { AppEvents } from '../main/http/app-events.js';
import { silentLogger } from '../main/kernel/logger.js';
import { Metrics } from '../main/kernel/metrics.js';
import { buildWebhookApp } from '../main/http/webhook-app.js';
import { createIngest } from '../main/pipeline/ingest.js';
import { runLoad, type LoadPlan, type LoadResult } from './http-load.js';
import { fmt, info, percentile, report } from './stats.js';

const TARGET_PER_S = 2_000;
/** Signed ingest must keep at least this share of a bare route's throughput. */
const TARGET_SHARE_OF_BARE = 0.5;
const PACED_RATE = 500;
const PACED_P99_TARGET_MS = 10;
const REQUESTS = Number(process.env.BENCH_INGEST_REQUESTS ?? 20_000);
const PACED_REQUESTS = Number(process.env.BENCH_INGEST_PACED_REQUESTS ?? 5_000);
const CLIENTS = Number(process.env.BENCH_INGEST_CLIENTS ?? 16);
const WARMUP = 1_000;
const PATIENTS = 2_000;
const REDELIVER_EVERY = 50;
const TOKEN = 'bench-webhook-token-0123456789';
const SECRET = 'whsec_bench0123456789abcdefghijklmnop';

interface Server {
  app: FastifyInstance;
  url: string;
}

async function listen(app: FastifyInstance): Promise<Server> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}/webhooks/ycloud/${TOKEN}` };
}

function ingestApp(db: Db): FastifyInstance {
  const log = silentLogger();
  // createIngest commits the webhooks waiting in one tick together (group commit), as the app does.
  const ingest = createIngest({
    db,
    events: new AppEvents(),
    log,
    metrics: new Metrics(() => 0),
    // Assistant turns are off: this measures storing, not answering.
    onPatientMessage: () => {},
  });
  const sink: ChannelSink = { inbound: ingest, deliveryStatus: async () => {} };
  const webhook = new YCloudWebhook({
    secrets: { webhookSecret: () => SECRET, webhookToken: () => TOKEN },
    settings: { get: (key) => ycloudSettingsDefaults[key], revision: 0 },
    log,
    now: Date.now,
    sink: () => sink,
  });
  return buildWebhookApp({ log, handlers: [webhook] });
}

/** The reference: fastify with one route that answers 200 and does nothing else. */
function bareApp(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.post('/webhooks/ycloud/:token', async () => ({ ok: true }));
  return app;
}

const plan = (url: string, batch: string, requests: number, extra: Partial<LoadPlan>): LoadPlan => ({
  url,
  requests,
  clients: CLIENTS,
  patients: PATIENTS,
  redeliverEvery: REDELIVER_EVERY,
  batch,
  signingSecret: SECRET,
  ...extra,
});

/** A warm-up batch, then the measured one. */
async function load(
  url: string,
  name: string,
  extra: Partial<LoadPlan> = {},
): Promise<{ warm: LoadResult; run: LoadResult }> {
  const warm = await runLoad(plan(url, `${name}-warm`, WARMUP, { ...extra, requests: WARMUP }));
  const run = await runLoad(plan(url, name, REQUESTS, extra));
  return { warm, run };
}

interface Verdict {
  perSecond: number;
  run: LoadResult;
  stored: number;
  acknowledgedIds: number;
  repeatedIds: number;
  lost: number;
  non200: number;
}

async function measureIngest(
  name: string,
  synchronous: 'FULL' | 'NORMAL',
  extra: Partial<LoadPlan> = {},
): Promise<Verdict> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-ingest-'));
  const db = openDatabase(path.join(dir, 'recepta.db'));
  try {
    if (synchronous !== 'FULL') db.$client.pragma(`synchronous = ${synchronous}`);
    const server = await listen(ingestApp(db));
    let result: { warm: LoadResult; run: LoadResult };
    try {
      result = await load(server.url, name, extra);
    } finally {
      await server.app.close();
    }
    const acknowledged = new Set([...result.warm.acknowledged, ...result.run.acknowledged]);
    const rows = db
      .select({ stored: count(), distinctIds: countDistinct(messages.providerMessageId) })
      .from(messages)
      .where(eq(messages.provider, 'ycloud'))
      .get()!;
    const storedIds = new Set(
      db
        .select({ id: messages.providerMessageId })
        .from(messages)
        .where(eq(messages.provider, 'ycloud'))
        .all()
        .map((r) => r.id),
    );
    let lost = 0;
    for (const id of acknowledged) if (!storedIds.has(id)) lost += 1;
    const non200 = Object.entries(result.run.statuses)
      .filter(([status]) => status !== '200')
      .reduce((n, [, c]) => n + c, 0);
    return {
      perSecond: (result.run.acknowledged.length / result.run.elapsedMs) * 1000,
      run: result.run,
      stored: rows.stored,
      acknowledgedIds: acknowledged.size,
      repeatedIds: rows.stored - rows.distinctIds,
      lost,
      non200,
    };
  } finally {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureBare(extra: Partial<LoadPlan> = {}): Promise<LoadResult> {
  const server = await listen(bareApp());
  try {
    return (await load(server.url, 'bare', { signingSecret: undefined, ...extra })).run;
  } finally {
    await server.app.close();
  }
}

const latencies = (r: LoadResult) =>
  `answer p50 ${fmt(percentile(r.latenciesMs, 50))} ms, p99 ${fmt(percentile(r.latenciesMs, 99))} ms`;

export async function runIngestThroughput(): Promise<void> {
  console.log(
    `# ingest through the webhook listener: ${REQUESTS} signed YCloud requests (1 in ${REDELIVER_EVERY} a redelivery) ` +
      `from ${PATIENTS} patients, ${CLIENTS} keep-alive clients in a worker thread, after ${WARMUP} warm-up requests`,
  );
  const bare = await measureBare();
  const barePerSecond = (bare.latenciesMs.length / bare.elapsedMs) * 1000;
  info(
    'webhook_bare_fastify_per_s',
    barePerSecond,
    `requests/s (the reference: a route that does nothing; ${latencies(bare)})`,
  );

  const full = await measureIngest('full', 'FULL');
  const normal = await measureIngest('normal', 'NORMAL');
  report({
    name: 'webhook_ingest_per_s',
    value: full.perSecond,
    unit: 'msg/s',
    reference: { label: 'bare fastify route', value: barePerSecond },
    target: { value: Math.max(TARGET_PER_S, TARGET_SHARE_OF_BARE * barePerSecond), kind: 'min' },
    note:
      `signature verified, YCloud mapping, synchronous=FULL (the app's setting), group commit per tick; ` +
      `target: ${TARGET_PER_S}/s and ${TARGET_SHARE_OF_BARE}× the bare route; ${latencies(full.run)}`,
  });
  report({
    name: 'webhook_ingest_normal_per_s',
    value: normal.perSecond,
    unit: 'msg/s',
    reference: { label: 'bare fastify route', value: barePerSecond },
    note: `reference line only: the same ingest with synchronous=NORMAL (no fsync per commit); ${latencies(normal.run)}`,
  });

  console.log(`# acknowledgement latency at a steady ${PACED_RATE} requests/s (open loop), ${PACED_REQUESTS} requests`);
  const paced = { ratePerSecond: PACED_RATE, requests: PACED_REQUESTS };
  const barePaced = await measureBare(paced);
  const atRate = await measureIngest('paced', 'FULL', paced);
  report({
    name: 'webhook_ack_p99_at_500_per_s_ms',
    value: percentile(atRate.run.latenciesMs, 99),
    unit: 'ms',
    reference: { label: 'bare fastify route, same rate', value: percentile(barePaced.latenciesMs, 99) },
    target: { value: PACED_P99_TARGET_MS, kind: 'max' },
    note: `signed, stored with fsync before the 200; p50 ${fmt(percentile(atRate.run.latenciesMs, 50))} ms`,
  });

  for (const [label, v] of [
    ['full', full],
    ['normal', normal],
    ['paced', atRate],
  ] as const) {
    info(
      `webhook_ingest_${label}_check`,
      `${v.acknowledgedIds} ids acknowledged, ${v.stored} rows stored, ${v.lost} lost, ${v.repeatedIds} stored twice, ` +
        `${v.run.redeliveries} redeliveries, ${v.non200} non-200 answers`,
    );
    if (v.lost || v.repeatedIds || v.non200 || v.stored !== v.acknowledgedIds) {
      throw new Error(
        `ingest (${label}) lost or doubled messages: ${v.lost} lost, ${v.repeatedIds} doubled, ${v.non200} non-200`,
      );
    }
  }
}
