// WhatsApp (Baileys) inbound: recorded-shape `messages.upsert` events through the real
// adapter (WhatsAppInbox: LID bookkeeping, `mapUpsertMessage`) into the real ingest
// (`createIngest` over a real database, durable commits, turns off). Events are fired
// the way the socket fires them — without waiting for the previous one — so ingest's
// group commit sees them as a live burst would.
//
// Reference, same run: the same messages, already mapped, straight into ingest — so the
// ratio is what the adapter adds. Then RSS growth over 100,000 more events (the
// long-running process must not grow with traffic: no message store in memory),
// measured in a fresh process of its own (bench/whatsapp-rss-child.ts): the sections
// that ran before leave heap and allocator state behind that is not the adapter's.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { closeDatabase, openDatabase } from '../db/client.js';
import { messages } from '../db/schema.js';
import type { InboundMessage } from '../main/channels/channel.js';
import { WhatsAppInbox } from '../main/channels/whatsapp/inbox.js';
import { RecentIds } from '../main/channels/whatsapp/recent-ids.js';
import * as runtime from '../main/channels/whatsapp/runtime.js';
import type { WaSocket } from '../main/channels/whatsapp/socket-port.js';
import { AppEvents } from '../main/http/app-events.js';
import { silentLogger } from '../main/kernel/logger.js';
import { createIngest } from '../main/pipeline/ingest.js';
import { fmt, info, report } from './stats.js';

type Upsert = Parameters<WhatsAppInbox['upsert']>[0];
type WAMessage = Upsert['messages'][number];

const EVENTS = Number(process.env.BENCH_WA_EVENTS ?? 10_000);
export const RSS_EVENTS = Number(process.env.BENCH_WA_RSS_EVENTS ?? 100_000);
const PATIENTS = 2_000;
/** Events fired per tick: a burst as a reconnect after a night offline delivers it. */
const BURST = 200;

const NOW_S = Math.floor(Date.now() / 1000);
const mediaKey = Buffer.alloc(32, 7);

/** Shapes recorded from Baileys 7 (tests/fixtures/baileys): text, extended text, image with caption, voice note, LID chat. */
function event(i: number): Upsert {
  const n = i % PATIENTS;
  const pn = `54911${String(40_000_000 + n)}@s.whatsapp.net`;
  const lid = `2088${String(10_000_000_000 + n)}@lid`;
  const kind = i % 10;
  const key =
    kind === 9
      ? {
          remoteJid: lid,
          remoteJidAlt: pn,
          fromMe: false,
          id: `3A${i.toString(16).toUpperCase().padStart(18, '0')}`,
          addressingMode: 'lid',
        }
      : {
          remoteJid: pn,
          fromMe: false,
          id: `3A${i.toString(16).toUpperCase().padStart(18, '0')}`,
          addressingMode: 'pn',
        };
  const message =
    kind < 5
      ? { conversation: `hola, ¿tenés turno para limpieza el jueves? (${i})` }
      : kind < 7
        ? {
            extendedTextMessage: {
              text: `Te paso el link https://clinica.example/t/${i}`,
              contextInfo: { stanzaId: '3EB0AAAABBBBCCCCDDDD' },
            },
          }
        : kind === 7
          ? {
              imageMessage: {
                url: 'https://mmg.whatsapp.net/v/t62.7118-24/1_2.enc',
                mimetype: 'image/jpeg',
                caption: 'así quedó',
                mediaKey,
                directPath: '/v/t62.7118-24/1_2.enc',
                fileLength: 48_213,
              },
            }
          : kind === 8
            ? {
                audioMessage: {
                  url: 'https://mmg.whatsapp.net/v/t62.7117-24/3_4.enc',
                  mimetype: 'audio/ogg; codecs=opus',
                  ptt: true,
                  seconds: 7,
                  mediaKey,
                  directPath: '/v/t62.7117-24/3_4.enc',
                },
              }
            : { conversation: 'buenas! quería sacar turno' };
  return {
    type: 'notify',
    messages: [{ key, message, messageTimestamp: NOW_S, pushName: `Paciente ${n}` } as unknown as WAMessage],
  };
}

export function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-wa-'));
  const db = openDatabase(path.join(dir, 'recepta.db'));
  const log = silentLogger();
  // Turns and media downloads off: this measures getting messages in, not answering them.
  const ingest = createIngest({ db, events: new AppEvents(), log, onPatientMessage: () => undefined });
  const sentIds = new RecentIds();
  const inbox = new WhatsAppInbox({
    log,
    settings: { readReceipts: () => false, backlogMaxAgeMs: () => 12 * 3_600_000 },
    isOwnSend: (id) => sentIds.has(id),
    now: Date.now,
    onReceived: () => undefined,
  });
  inbox.setSink({ inbound: ingest, deliveryStatus: async () => undefined });
  const socket = { readMessages: async () => undefined } as unknown as WaSocket;
  return {
    db,
    ingest,
    fire: (e: Upsert) => inbox.upsert(e, socket, runtime),
    close: () => {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fires the events BURST per tick and waits until every one is stored. */
export async function run(fire: (e: Upsert) => Promise<void>, events: readonly Upsert[]): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += BURST) await Promise.all(events.slice(i, i + BURST).map(fire));
  return performance.now() - t0;
}

export const events = (from: number, count: number) => Array.from({ length: count }, (_, i) => event(from + i));

export async function runWhatsAppIngest(): Promise<void> {
  // Reference: the same messages, mapped beforehand, straight into ingest.
  const ref = setup();
  const ctx = { type: 'notify', isOwnSend: () => false, now: Date.now(), backlogMaxAgeMs: 12 * 3_600_000 };
  const mapped: InboundMessage[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const r = runtime.mapUpsertMessage(event(1_000_000 + i).messages[0]!, ctx);
    if (r.ok) mapped.push(r.message);
  }
  const tRef = performance.now(); // the messages are built and mapped before the clock starts
  for (let i = 0; i < mapped.length; i += BURST)
    await Promise.all(mapped.slice(i, i + BURST).map((m) => ref.ingest(m)));
  const refPerS = (mapped.length / (performance.now() - tRef)) * 1000;
  ref.close();

  const s = setup();
  try {
    await run(s.fire, events(2_000_000, 500)); // warm-up: JIT, prepared statements
    const ms = await run(s.fire, events(0, EVENTS));
    const stored = s.db.select({ n: count() }).from(messages).where(eq(messages.provider, 'baileys')).get()?.n ?? 0;
    if (stored !== EVENTS + 500) throw new Error(`${stored} messages stored for ${EVENTS + 500} events`);
    report({
      name: 'whatsapp_ingest_msgs_per_s',
      value: (EVENTS / ms) * 1000,
      unit: 'msg/s',
      reference: { label: 'ingest of the same messages pre-mapped', value: refPerS },
      target: { value: 5_000, kind: 'min' },
      note: `${EVENTS} messages.upsert events (text, extended text, image, voice note, LID), ${PATIENTS} chats, durable commits`,
    });
  } finally {
    s.close();
  }
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'whatsapp-rss-child.js');
  const out = execFileSync(process.execPath, ['--expose-gc', child], {
    env: { ...process.env, BENCH_WA_RSS_EVENTS: String(RSS_EVENTS) },
    encoding: 'utf8',
  });
  const rss = JSON.parse(out.trim().split('\n').at(-1)!) as {
    startMb: number;
    beforeMb: number;
    afterMb: number;
    warmUpEvents: number;
  };
  info(
    'whatsapp_ingest_rss_warm_up_growth_mb',
    rss.beforeMb - rss.startMb,
    `MB (the first ${fmt(rss.warmUpEvents)} events of a fresh process: JIT, SQLite's page cache filling to its 16 MB cap)`,
  );
  info('whatsapp_ingest_rss_after_mb', rss.afterMb, 'MB');
  report({
    name: 'whatsapp_ingest_rss_growth_mb',
    value: rss.afterMb - rss.beforeMb,
    unit: 'MB',
    target: { value: 30, kind: 'max' },
    note: `RSS growth over ${fmt(RSS_EVENTS)} more events after the warm-up, full collection before each reading, in a process of its own`,
  });
}
