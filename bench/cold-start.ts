// Cold start of the headless core: spawn `node dist/main/core/cli.js` and time it to
// the ready line, with an empty data folder and with the big database; then its idle
// RSS a couple of seconds after ready. The reference is a bare `node -e` spawn
// measured in the same rounds, so a slower or busier machine moves both.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyBigDatabaseInto, type BigDatabase } from './big-database.js';
import { coreCliPath, coreEnv, READY_MARKER, residentKb, spawnUntil, stopProcess } from './spawn-core.js';
import { info, median, report, sleep } from './stats.js';

const TARGET_START_MS = 1_500;
const TARGET_RSS_MB = 150;
const IDLE_SETTLE_MS = 2_000;

// Prints 'ready' and stays alive (so its idle RSS can be read like the core's); the
// start-up work is exactly `node -e "process.stdout.write('ready\n')"`.
const BARE_NODE = ["-e", "process.stdout.write('ready\\n'); setInterval(() => {}, 60000)"];

interface Sample {
  readyMs: number;
  rssMb: number;
  peakMb: number;
  stopMs: number;
}

async function bareNode(): Promise<Sample> {
  const started = await spawnUntil(BARE_NODE, { PATH: process.env.PATH }, 'ready');
  await sleep(IDLE_SETTLE_MS);
  const rssMb = residentKb(started.child.pid!) / 1024;
  const peakMb = residentKb(started.child.pid!, 'VmHWM') / 1024;
  const stopped = await stopProcess(started.child);
  return { readyMs: started.readyMs, rssMb, peakMb, stopMs: stopped.ms };
}

async function core(llmBaseUrl: string, big: BigDatabase | null): Promise<Sample> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-start-'));
  try {
    if (big) copyBigDatabaseInto(big, dataDir);
    const started = await spawnUntil([coreCliPath()], coreEnv(dataDir, llmBaseUrl), READY_MARKER);
    await sleep(IDLE_SETTLE_MS);
    const rssMb = residentKb(started.child.pid!) / 1024;
    const peakMb = residentKb(started.child.pid!, 'VmHWM') / 1024;
    const stopped = await stopProcess(started.child);
    if (stopped.code !== 0) console.log(`warning: core exited with code ${stopped.code} on SIGTERM`);
    return { readyMs: started.readyMs, rssMb, peakMb, stopMs: stopped.ms };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runColdStart(llmBaseUrl: string, big: BigDatabase, rounds = 5): Promise<void> {
  console.log(`# cold start: spawn to ready line, median of ${rounds} interleaved rounds (one discarded warm-up each)`);
  // Warm-up: the first spawn after a build pays for reading node_modules from disk.
  const warm = { bare: await bareNode(), empty: await core(llmBaseUrl, null), big: await core(llmBaseUrl, big) };
  info('cold_start_warmup_empty_ms', warm.empty.readyMs, 'ms');
  info('cold_start_warmup_bigdb_ms', warm.big.readyMs, 'ms');

  const bare: Sample[] = [];
  const empty: Sample[] = [];
  const bigDb: Sample[] = [];
  for (let i = 0; i < rounds; i++) {
    bare.push(await bareNode());
    empty.push(await core(llmBaseUrl, null));
    bigDb.push(await core(llmBaseUrl, big));
  }
  const m = (s: Sample[], k: keyof Sample) => median(s.map((x) => x[k]));
  const list = (s: Sample[]) => s.map((x) => Math.round(x.readyMs)).join(', ');
  info('bare_node_spawn_ms', m(bare, 'readyMs'), `ms (runs: ${list(bare)})`);
  report({
    name: 'cold_start_empty_ms',
    value: m(empty, 'readyMs'),
    unit: 'ms',
    reference: { label: 'bare node', value: m(bare, 'readyMs') },
    target: { value: TARGET_START_MS, kind: 'max' },
    note: `runs: ${list(empty)}`,
  });
  report({
    name: 'cold_start_bigdb_ms',
    value: m(bigDb, 'readyMs'),
    unit: 'ms',
    reference: { label: 'bare node', value: m(bare, 'readyMs') },
    target: { value: TARGET_START_MS, kind: 'max' },
    note: `10k conversations / 1M messages, file hot in page cache after the copy; runs: ${list(bigDb)}`,
  });
  info('bare_node_idle_rss_mb', m(bare, 'rssMb'), 'MB');
  report({
    name: 'idle_rss_empty_mb',
    value: m(empty, 'rssMb'),
    unit: 'MB',
    reference: { label: 'bare node idle', value: m(bare, 'rssMb') },
    target: { value: TARGET_RSS_MB, kind: 'max' },
    note: `VmRSS ${IDLE_SETTLE_MS / 1000} s after ready; peak VmHWM ${m(empty, 'peakMb').toFixed(1)} MB`,
  });
  report({
    name: 'idle_rss_bigdb_mb',
    value: m(bigDb, 'rssMb'),
    unit: 'MB',
    reference: { label: 'bare node idle', value: m(bare, 'rssMb') },
    target: { value: TARGET_RSS_MB, kind: 'max' },
    note: `VmRSS ${IDLE_SETTLE_MS / 1000} s after ready; peak VmHWM ${m(bigDb, 'peakMb').toFixed(1)} MB`,
  });
  info('stop_on_sigterm_empty_ms', m(empty, 'stopMs'), 'ms');
  info('stop_on_sigterm_bigdb_ms', m(bigDb, 'stopMs'), 'ms (includes the WAL checkpoint on close)');
}
