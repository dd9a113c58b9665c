// Memory after a large history is ingested. Runs in a child process of its own, so
// the figure is the RSS of a process that did only this (the benchmark runner's own
// heap holds every other benchmark's leftovers).
//
// The child opens a copy of the big database (1,000,000 messages already stored), then
// ingests more messages through the real pipeline ingest (`createIngest` → one
// `ingestInbound` transaction per message, events and metrics as in the core, no
// assistant turns), reading its RSS before and after. Ingesting the whole million
// through the real path would take ~20 minutes at ~1.2 ms a message (see the report
// of issue 3), so the million comes from the big-database build and the growth is
// measured on top of it, in bounded time.
//
// `synchronous = OFF` in the child: an fsync changes how long this takes, not how
// much memory it holds.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDatabase, openDatabase } from '../db/client.js';
import { AppEvents } from '../main/http/app-events.js';
import { silentLogger } from '../main/kernel/logger.js';
import { Metrics } from '../main/kernel/metrics.js';
import { paths } from '../main/kernel/paths.js';
import { createIngest } from '../main/pipeline/ingest.js';
import { copyBigDatabaseInto, type BigDatabase } from './big-database.js';
import { fmt, info, report } from './stats.js';

const TARGET_RSS_MB = 250;
const MESSAGES = Number(process.env.BENCH_RSS_MESSAGES ?? 50_000);
/** New messages go to the big database's 10,000 chats and to some new ones. */
const PATIENTS = 12_000;

interface ChildReport {
  openMb: number;
  afterMb: number;
  peakMb: number;
  heapMb: number;
  ingested: number;
  seconds: number;
  /** RSS after each tenth of the run, to tell a plateau from a leak. */
  curve: number[];
}

const mb = (kb: number) => kb / 1024;

function statusKb(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}

async function child(file: string, count: number): Promise<ChildReport> {
  const db = openDatabase(file);
  db.$client.pragma('synchronous = OFF');
  const ingest = createIngest({
    db,
    events: new AppEvents(),
    log: silentLogger(),
    metrics: new Metrics(() => 0),
    onPatientMessage: () => {},
  });
  const openMb = mb(statusKb('VmRSS'));
  const curve: number[] = [];
  const t0 = performance.now();
  const base = Date.now();
  for (let i = 0; i < count; i++) {
    const k = i % PATIENTS;
    const phone = `+54911${String(40_000_000 + k * 37).padStart(8, '0')}`;
    await ingest({
      channel: 'whatsapp',
      provider: 'baileys',
      providerMessageId: `3EB0RSS${String(i).padStart(12, '0')}`,
      // The big database's WhatsApp chats are keyed by JID; k ≥ 10,000 are new patients.
      externalUserId: `${phone.slice(1)}@s.whatsapp.net`,
      phone,
      senderName: `Paciente ${k}`,
      text: i % 7 === 0 ? '¿Tienen turno para limpieza esta semana? Trabajo hasta las 18' : 'Gracias, perfecto',
      fromMe: false,
      timestamp: base + i,
    });
    if ((i + 1) % Math.max(1, Math.floor(count / 10)) === 0) curve.push(mb(statusKb('VmRSS')));
  }
  const seconds = (performance.now() - t0) / 1000;
  const report: ChildReport = {
    openMb,
    afterMb: mb(statusKb('VmRSS')),
    peakMb: mb(statusKb('VmHWM')),
    heapMb: process.memoryUsage().heapUsed / 1024 / 1024,
    ingested: count,
    seconds,
    curve,
  };
  closeDatabase(db);
  return report;
}

function runChild(file: string, count: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), file, String(count)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH },
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) reject(new Error(`rss child exited ${code}: ${err.slice(0, 500)}`));
      else resolve(JSON.parse(line) as ChildReport);
    });
  });
}

export async function runRssAfterIngest(big: BigDatabase): Promise<void> {
  console.log(
    `# RSS: a child process opens a copy of the 1M-message DB and ingests ${MESSAGES} more through createIngest`,
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-rss-'));
  try {
    copyBigDatabaseInto(big, dataDir);
    const r = await runChild(paths(dataDir).database, MESSAGES);
    info(
      'rss_ingest_rate_per_s',
      r.ingested / r.seconds,
      `msg/s (${fmt(r.seconds)} s, one transaction each, synchronous=OFF)`,
    );
    info('rss_ingest_curve_mb', r.curve.map((v) => fmt(v)).join(' '), 'MB (after each tenth)');
    report({
      name: 'rss_after_ingest_mb',
      value: r.afterMb,
      unit: 'MB',
      reference: { label: 'same process with the 1M-message DB just opened', value: r.openMb },
      target: { value: TARGET_RSS_MB, kind: 'max' },
      note: `1,000,000 stored + ${r.ingested} ingested; peak VmHWM ${fmt(r.peakMb)} MB; JS heap in use ${fmt(r.heapMb)} MB`,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Child mode: `node dist/bench/rss-ingest.js <database file> <count>`.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  child(process.argv[2], Number(process.argv[3])).then(
    (r) => {
      console.log(JSON.stringify(r));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
