// Backups of the 1M-message database (issue 12): how long one takes (snapshot, encrypt,
// verify), and what it costs the pipeline — its p99 at 100 msg/s while a backup runs,
// against the same rate with no backup (target: within 2×).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadBootConfig } from '../main/kernel/config.js';
import { startCore, type RunningCore } from '../main/app/core.js';
import type { Keychain } from '../main/secrets/keychain.js';
import { copyBigDatabaseInto, type BigDatabase } from './big-database.js';
import type { InstantLlm } from './instant-llm.js';
import { startFlushProbe, type ProbeResult } from './flush-probe.js';
import { measureAtRate } from './pipeline-rate.js';
import { coreEnv } from './spawn-core.js';
import { fmt, info, percentile, report } from './stats.js';

const RATE_MESSAGES = Number(process.env.BENCH_RATE_MESSAGES ?? 500);

const memoryKeychain = (): Keychain => {
  const store = new Map<string, string>();
  return { get: (a) => store.get(a) ?? null, set: (a, v) => void store.set(a, v), delete: (a) => void store.delete(a) };
};

async function backupOnce(core: RunningCore): Promise<{ ms: number; bytes: number; verified: boolean }> {
  const t0 = performance.now();
  const row = await core.backups.begin('manual').done;
  return { ms: performance.now() - t0, bytes: row.sizeBytes ?? 0, verified: row.verified === true };
}

export async function runBackup(llm: InstantLlm, big: BigDatabase): Promise<void> {
  await measureOneBackup(llm, big);
  await measureRateDuringBackup(llm, big);
}

/** One backup of the big database on an idle core: its time, and the longest the event loop was held meanwhile. */
export async function measureOneBackup(llm: InstantLlm, big: BigDatabase): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-backup-'));
  let core: RunningCore | null = null;
  try {
    copyBigDatabaseInto(big, dataDir);
    const env = coreEnv(dataDir, llm.baseUrl);
    core = await startCore({ config: loadBootConfig(env, []), env, keychain: memoryKeychain() });
    const phases = new Map<string, number>();
    /** The longest event-loop hold in each phase: where a stall comes from. */
    const holds = new Map<string, number>();
    const t0 = performance.now();
    let phase = 'snapshot';
    let loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const closePhase = () => {
      loop.disable();
      holds.set(phase, Math.max(holds.get(phase) ?? 0, loop.max / 1e6));
    };
    const unsubscribe = core.events.subscribe((e) => {
      if (e.type !== 'backup.progress' || phases.has(e.data.phase)) return;
      phases.set(e.data.phase, performance.now() - t0);
      closePhase();
      phase = e.data.phase;
      loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
    });
    const made = await backupOnce(core);
    closePhase();
    unsubscribe();
    info('backup_bigdb_phases_s', [...phases].map(([p, ms]) => `${p} from ${fmt(ms / 1000)}`).join(', '), 's');
    info(
      'backup_bigdb_event_loop_max_ms',
      Math.max(...holds.values()),
      `ms (longest the core's event loop was held during the backup; by phase: ${[...holds].map(([p, ms]) => `${p} ${fmt(ms)}`).join(', ')})`,
    );
    report({
      name: 'backup_bigdb_s',
      value: made.ms / 1000,
      unit: 's',
      note: `1M messages: snapshot + encrypt + verify (integrity_check); ${made.verified ? 'verified' : 'NOT verified'}`,
    });
    info('backup_bigdb_size_mb', made.bytes / 1024 / 1024, 'MB (encrypted archive)');
    info('backup_bigdb_mb_per_s', made.bytes / 1024 / 1024 / (made.ms / 1000), 'MB/s');
  } finally {
    await core?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The pipeline at 100 msg/s on the big database: idle, then while a backup runs. */
export async function measureRateDuringBackup(llm: InstantLlm, big: BigDatabase): Promise<void> {
  const idleProbe = startFlushProbe(os.tmpdir());
  const idle = await measureAtRate(llm, { count: RATE_MESSAGES, big });
  const idleDisk = await idleProbe.stop();
  const during = { ms: 0, verified: false };
  /** When each phase of the backup began: the messages that arrived in it are its p99. */
  const phases: Array<{ phase: string; at: number }> = [];
  let busyDisk: ProbeResult | null = null;
  const busy = await measureAtRate(llm, {
    count: RATE_MESSAGES,
    big,
    alongside: async (c) => {
      const probe = startFlushProbe(os.tmpdir());
      const unsubscribe = c.events.subscribe((e) => {
        if (e.type === 'backup.progress' && phases.at(-1)?.phase !== e.data.phase)
          phases.push({ phase: e.data.phase, at: performance.now() });
      });
      try {
        Object.assign(during, await backupOnce(c));
      } finally {
        unsubscribe();
        busyDisk = await probe.stop();
      }
    },
  });
  const idleP99 = percentile(idle.queued, 99);
  const busyP99 = percentile(busy.queued, 99);
  info(
    'backup_rate_idle_queued_p99_ms',
    idleP99,
    `ms (100 msg/s on the 1M-message DB, no backup; p50 ${fmt(percentile(idle.queued, 50))} ms; sender max lag ${fmt(idle.maxLagMs)} ms)`,
  );
  report({
    name: 'backup_rate_during_queued_p99_ms',
    value: busyP99,
    unit: 'ms',
    reference: { label: 'idle p99', value: idleP99 },
    target: { value: 2 * idleP99, kind: 'max' },
    note: `100 msg/s while a backup of the 1M-message DB runs (${busy.queued.length} messages over ${fmt(during.ms / 1000)} s of backup, ${during.verified ? 'verified' : 'NOT verified'}); p50 ${fmt(percentile(busy.queued, 50))} ms; sender max lag ${fmt(busy.maxLagMs)} ms`,
  });
  const byPhase = phases.map(({ phase, at }, i) => {
    const end = phases[i + 1]?.at ?? Number.POSITIVE_INFINITY;
    const inPhase = busy.queued.filter((_, k) => busy.arrivals[k]! >= at && busy.arrivals[k]! < end);
    return `${phase} ${fmt(percentile(inPhase, 99))} (${inPhase.length} msgs)`;
  });
  info(
    'backup_rate_during_p99_by_phase_ms',
    byPhase.join(', '),
    'ms (p99 of the messages that arrived in each phase; snapshot includes its integrity_check)',
  );
  const disk = (p: ProbeResult | null) =>
    p
      ? `flush p50 ${fmt(p.flushP50)} p99 ${fmt(p.flushP99)} max ${fmt(p.flushMax)}; event loop p99 ${fmt(p.loopP99)} max ${fmt(p.loopMax)}`
      : 'n/a';
  info(
    'backup_rate_idle_probe_ms',
    disk(idleDisk),
    'ms (a 4 KB append + fdatasync every 25 ms next to the database, and the event-loop delay)',
  );
  info('backup_rate_during_probe_ms', disk(busyDisk), 'ms (the same while the backup runs)');
  if (busy.unanswered || idle.unanswered)
    console.log(`warning: backup_rate: ${idle.unanswered} + ${busy.unanswered} messages got no reply within the run`);
}
