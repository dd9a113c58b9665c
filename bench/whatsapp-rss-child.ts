// Run by bench/whatsapp-ingest.ts as `node --expose-gc whatsapp-rss-child.js`: RSS growth
// of the WhatsApp adapter + ingest over RSS_EVENTS events, in a process that did nothing
// else. Prints one JSON line.
import { RSS_EVENTS, events, run, setup } from './whatsapp-ingest.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** A full collection before reading RSS, so the figure is what is kept, not garbage not yet collected. */
function settledRssMb(): number {
  gc!();
  return process.memoryUsage().rss / 1024 / 1024;
}

/**
 * Warm-up before the first reading, as a process that has been up a while: the JIT, the
 * prepared statements, and SQLite's page cache, which fills up to its fixed cap
 * (better-sqlite3's default, 16 MB) as the database grows past it — here over the first
 * ~30,000 messages. Read at 10,000, the figure swung between 20 and 37 MB from run to
 * run with how much of that cap the measured stretch still had to fill; from 30,000 on,
 * RSS stays flat (peak ~188 MB at 30–60k, 158–167 MB from 90k to 300k). The warm-up's
 * own growth is printed too.
 */
const WARM_UP_EVENTS = 30_000;

const s = setup();
try {
  await run(s.fire, events(2_000_000, 500));
  const startMb = settledRssMb();
  await run(s.fire, events(2_000_500, WARM_UP_EVENTS - 500));
  const beforeMb = settledRssMb();
  // Events are made in slices so the benchmark's own input does not count as growth.
  for (let i = 0; i < RSS_EVENTS; i += 10_000)
    await run(s.fire, events(10_000_000 + i, Math.min(10_000, RSS_EVENTS - i)));
  console.log(JSON.stringify({ startMb, beforeMb, afterMb: settledRssMb(), warmUpEvents: WARM_UP_EVENTS }));
} finally {
  s.close();
}
