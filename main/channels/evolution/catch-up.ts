// Catch-up after downtime: Evolution retries a webhook only while its own process lives and
// never while the tunnel or this PC is off for long (gateways.md C.6, C.9.4), so on start
// and whenever the instance reconnects, Recepta asks Evolution for the messages it stored
// since the last one Recepta has, and ingests what is missing. The pipeline's UNIQUE
// (provider, message id) makes every message already kept a no-op.
import type { ChannelSink } from '../channel.js';
import type { EvolutionClient } from './client.js';
import { mapEvolutionMessage } from './map-inbound.js';

/** Re-read a little before the last message kept: a message stored a moment earlier may have been missed. */
const OVERLAP_MS = 5 * 60_000;
/** Never further back than this: older history is not a backlog, and the first start fetches nothing. */
const MAX_LOOKBACK_MS = 7 * 24 * 3_600_000;
const PAGE_SIZE = 50;
const MAX_PAGES = 20;

export interface CatchUpInput {
  client: EvolutionClient;
  sink: ChannelSink;
  now: number;
  /** When the last Evolution message Recepta kept arrived; null = never (nothing to catch up on). */
  since: number | null;
  backlogMaxAgeMs: number;
  /** Our own sends are listed too: they are not staff messages. */
  isOwnSend(id: string): Promise<boolean>;
  /** False once the channel is stopping: the catch-up gives up (it runs again at the next start). */
  active(): boolean;
}

/** Resolves with how many messages were missing and are now stored. */
export async function catchUpEvolution(input: CatchUpInput): Promise<number> {
  if (input.since === null) return 0;
  const from = Math.max(input.since - OVERLAP_MS, input.now - MAX_LOOKBACK_MS);
  const records: unknown[] = [];
  for (let page = 1; page <= MAX_PAGES && input.active(); page += 1) {
    const answer = await input.client.findMessages(from, input.now, page, PAGE_SIZE);
    records.push(...answer.records);
    if (page >= answer.pages || answer.records.length < PAGE_SIZE) break;
  }
  const messages = [];
  for (const record of records) {
    const verdict = mapEvolutionMessage(record, { now: input.now, backlogMaxAgeMs: input.backlogMaxAgeMs });
    if (verdict.kind !== 'message' && verdict.kind !== 'echo') continue;
    if (verdict.kind === 'echo' && (await input.isOwnSend(verdict.message.providerMessageId))) continue;
    messages.push(verdict.message);
  }
  // Evolution lists newest first; a chat reads in the order it was written.
  messages.sort((a, b) => a.timestamp - b.timestamp);
  let stored = 0;
  for (const message of messages) {
    if (!input.active()) break;
    const outcome = await input.sink.inbound(message);
    if (!outcome.duplicate) stored += 1;
  }
  return stored;
}
