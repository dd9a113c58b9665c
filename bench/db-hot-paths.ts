// The database work one message costs the event loop, through the real repositories,
// on the big database against an empty one (the reference, same run, same disk): where
// the pipeline's time goes when a clinic's history grows. The message path commits the
// way the app does (WalSync.deferred: the flush happens in the background, not here).
// Also the price of a commit that flushes on the spot (synchronous = FULL, as settings
// and agenda writes do) against the same commit without the fsync (NORMAL).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../db/client.js';
import { ingestInbound } from '../db/repos/ingest.js';
import { conversationsOwedATurn, enqueueOutgoing } from '../db/repos/messages.js';
import { claimDueOutbox, markOutboxSent, releaseInterruptedOutbox } from '../db/repos/outbox.js';
import { writeSettings } from '../db/repos/settings.js';
import { WalSync } from '../db/wal-sync.js';
import { paths } from '../main/kernel/paths.js';
import { copyBigDatabaseInto, type BigDatabase } from './big-database.js';
import { info, median, report } from './stats.js';

interface HotPaths {
  claimIdle: number;
  release: number;
  owed: number;
  ingest: number;
  enqueue: number;
  claimOne: number;
  markSent: number;
}

function timed<T>(samples: number[], fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  samples.push(performance.now() - t0);
  return out;
}

function measure(db: Db, cycles: number): HotPaths {
  const wal = WalSync.for(db);
  const s = {
    claimIdle: [] as number[],
    release: [] as number[],
    owed: [] as number[],
    ingest: [] as number[],
    enqueue: [] as number[],
    claimOne: [] as number[],
    markSent: [] as number[],
  };
  for (let i = 0; i < 5; i++) {
    timed(s.release, () => releaseInterruptedOutbox(db));
    timed(s.owed, () => conversationsOwedATurn(db));
  }
  for (let i = 0; i < cycles; i++) {
    const now = Date.now();
    const stored = timed(s.ingest, () =>
      wal.deferred(() =>
        ingestInbound(db, {
          provider: 'simulator',
          channel: 'simulator',
          externalUserId: `+54911${80_000_000 + i}`,
          providerMessageId: `bench-hot-${i}`,
          senderName: 'Paciente Bench',
          role: 'patient',
          text: 'Hola, ¿tienen turno esta semana?',
          turnState: 'pending',
          receivedAt: now,
        }),
      ),
    );
    if (stored.duplicate) throw new Error('unexpected duplicate in a fresh copy');
    timed(s.enqueue, () =>
      wal.deferred(() =>
        enqueueOutgoing(db, {
          conversationId: stored.conversationId,
          provider: 'simulator',
          role: 'assistant',
          text: '¡Hola! Sí, el jueves a las 10:30.',
          answersUpTo: stored.messageId,
          now,
        }),
      ),
    );
    const jobs = timed(s.claimOne, () => wal.deferred(() => claimDueOutbox(db, Date.now(), 10)));
    for (const job of jobs) timed(s.markSent, () => wal.deferred(() => markOutboxSent(db, job.id, `sim-${job.id}`)));
    // What the outbox worker does after every drain and once a second: look, find nothing.
    timed(s.claimIdle, () => wal.deferred(() => claimDueOutbox(db, Date.now(), 10)));
  }
  return {
    claimIdle: median(s.claimIdle),
    release: median(s.release),
    owed: median(s.owed),
    ingest: median(s.ingest),
    enqueue: median(s.enqueue),
    claimOne: median(s.claimOne),
    markSent: median(s.markSent),
  };
}

function inFreshFolder<T>(big: BigDatabase | null, fn: (db: Db) => T): T {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-db-'));
  try {
    if (big) copyBigDatabaseInto(big, dataDir);
    const db = openDatabase(paths(dataDir).database);
    try {
      return fn(db);
    } finally {
      closeDatabase(db);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function commitCost(db: Db, synchronous: 'FULL' | 'NORMAL', count: number): number {
  db.$client.pragma(`synchronous = ${synchronous}`);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) timed(samples, () => writeSettings(db, { 'clinic.name': `Clínica ${i}` }));
  return median(samples);
}

export function runDbHotPaths(big: BigDatabase, cycles = 100): void {
  console.log(`# database hot paths: real repositories, median of ${cycles} message cycles, big DB vs empty DB`);
  const empty = inFreshFolder(null, (db) => measure(db, cycles));
  const large = inFreshFolder(big, (db) => measure(db, cycles));
  const ref = (value: number) => ({ label: 'empty DB', value });
  report({
    name: 'db_outbox_claim_idle_bigdb_ms',
    value: large.claimIdle,
    unit: 'ms',
    reference: ref(empty.claimIdle),
    note: 'claimDueOutbox with nothing due: runs after every drain and every second',
  });
  report({ name: 'db_outbox_claim_one_bigdb_ms', value: large.claimOne, unit: 'ms', reference: ref(empty.claimOne) });
  report({
    name: 'db_ingest_bigdb_ms',
    value: large.ingest,
    unit: 'ms',
    reference: ref(empty.ingest),
    note: 'one new patient message, one commit',
  });
  report({ name: 'db_enqueue_reply_bigdb_ms', value: large.enqueue, unit: 'ms', reference: ref(empty.enqueue) });
  report({ name: 'db_mark_sent_bigdb_ms', value: large.markSent, unit: 'ms', reference: ref(empty.markSent) });
  report({
    name: 'db_release_interrupted_bigdb_ms',
    value: large.release,
    unit: 'ms',
    reference: ref(empty.release),
    note: 'releaseInterruptedOutbox, once per start',
  });
  report({
    name: 'db_owed_turns_bigdb_ms',
    value: large.owed,
    unit: 'ms',
    reference: ref(empty.owed),
    note: 'conversationsOwedATurn, once per start',
  });
  const perMessage = (h: HotPaths) => h.ingest + h.enqueue + h.claimOne + h.markSent + h.claimIdle;
  report({
    name: 'db_per_message_bigdb_ms',
    value: perMessage(large),
    unit: 'ms',
    reference: ref(perMessage(empty)),
    note: 'ingest + enqueue + claim + mark sent + the idle claim that ends the drain',
  });

  inFreshFolder(null, (db) => {
    const normal = commitCost(db, 'NORMAL', 200);
    const full = commitCost(db, 'FULL', 200);
    report({
      name: 'db_commit_full_ms',
      value: full,
      unit: 'ms',
      reference: { label: 'same commit with synchronous=NORMAL', value: normal },
      note: 'one small write transaction flushed on the spot (WAL + fsync), as settings and agenda writes are; the message path commits like the reference and flushes in the background (db/wal-sync.ts)',
    });
  });
  info('db_hot_paths_note', 'ratios above 1 on the big DB mean the cost grows with history');
}
