// Cold start of the headless core: spawn `node dist/main/app/cli.js` and time it to
// the ready line, with an empty data folder and with the big database; then its idle
// RSS a couple of seconds after ready. The reference is a bare `node -e` spawn
// measured in the same rounds, so a slower or busier machine moves both.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyBigDatabaseInto, type BigDatabase } from './big-database.js';
import { coreCliPath, coreEnv, cpuMs, READY_MARKER, residentKb, spawnUntil, stopProcess } from './spawn-core.js';
import { info, median, report, sleep } from './stats.js';

const TARGET_START_MS = 1_500;
const TARGET_RSS_MB = 150;
const IDLE_SETTLE_MS = 2_000;
/** After the RSS reading, how long the idle core's CPU use is watched. */
const IDLE_CPU_WINDOW_MS = 3_000;

// Prints 'ready' and stays alive (so its idle RSS can be read like the core's); the
// start-up work is exactly `node -e "process.stdout.write('ready\n')"`.
const BARE_NODE = ['-e', "process.stdout.write('ready\\n'); setInterval(() => {}, 60000)"];

interface Sample {
  readyMs: number;
  rssMb: number;
  peakMb: number;
  stopMs: number;
  /** CPU used while idle, as a percentage of one core. */
  idleCpuPct: number;
}

async function bareNode(): Promise<Sample> {
  const started = await spawnUntil(BARE_NODE, { PATH: process.env.PATH }, 'ready');
  await sleep(IDLE_SETTLE_MS);
  const rssMb = residentKb(started.child.pid!) / 1024;
  const peakMb = residentKb(started.child.pid!, 'VmHWM') / 1024;
  const stopped = await stopProcess(started.child);
  return { readyMs: started.readyMs, rssMb, peakMb, stopMs: stopped.ms, idleCpuPct: Number.NaN };
}

async function core(llmBaseUrl: string, big: BigDatabase | null, watchCpu: boolean): Promise<Sample> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-start-'));
  try {
    if (big) copyBigDatabaseInto(big, dataDir);
    const started = await spawnUntil([coreCliPath()], coreEnv(dataDir, llmBaseUrl), READY_MARKER);
    await sleep(IDLE_SETTLE_MS);
    const rssMb = residentKb(started.child.pid!) / 1024;
    const peakMb = residentKb(started.child.pid!, 'VmHWM') / 1024;
    let idleCpuPct = Number.NaN;
    if (watchCpu) {
      const cpu0 = cpuMs(started.child.pid!);
      await sleep(IDLE_CPU_WINDOW_MS);
      idleCpuPct = ((cpuMs(started.child.pid!) - cpu0) / IDLE_CPU_WINDOW_MS) * 100;
    }
    const stopped = await stopProcess(started.child);
    if (stopped.code !== 0) console.log(`warning: core exited with code ${stopped.code} on SIGTERM`);
    return { readyMs: started.readyMs, rssMb, peakMb, stopMs: stopped.ms, idleCpuPct };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runColdStart(llmBaseUrl: string, big: BigDatabase, rounds = 5): Promise<void> {
  console.log(`# cold start: spawn to ready line, median of ${rounds} interleaved rounds (one discarded warm-up each)`);
  // Warm-up: the first spawn after a build pays for reading node_modules from disk.
  const warm = {
    bare: await bareNode(),
    empty: await core(llmBaseUrl, null, false),
    big: await core(llmBaseUrl, big, false),
  };
  info('cold_start_warmup_empty_ms', warm.empty.readyMs, 'ms');
  info('cold_start_warmup_bigdb_ms', warm.big.readyMs, 'ms');

  const bare: Sample[] = [];
  const empty: Sample[] = [];
  const bigDb: Sample[] = [];
  for (let i = 0; i < rounds; i++) {
    bare.push(await bareNode());
    empty.push(await core(llmBaseUrl, null, true));
    bigDb.push(await core(llmBaseUrl, big, true));
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
  info(
    'idle_cpu_empty_pct',
    m(empty, 'idleCpuPct'),
    `% of one core (over ${IDLE_CPU_WINDOW_MS / 1000} s, after the RSS reading)`,
  );
  report({
    name: 'idle_cpu_bigdb_pct',
    value: m(bigDb, 'idleCpuPct'),
    unit: '%',
    reference: { label: 'idle core on an empty DB', value: Math.max(m(empty, 'idleCpuPct'), 0.1) },
    note: `% of one core while nothing happens; /proc ticks are 10 ms, so the empty reference is floored at 0.1 %`,
  });
  info('stop_on_sigterm_empty_ms', m(empty, 'stopMs'), 'ms');
  info('stop_on_sigterm_bigdb_ms', m(bigDb, 'stopMs'), 'ms (includes the WAL checkpoint on close)');
}
