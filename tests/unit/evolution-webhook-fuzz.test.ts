// Bad input on Evolution's webhook: thousands of mutated reference payloads (fields removed,
// retyped, nested, oversized) through the handler the listener calls. Each must end as a
// deliberate outcome — accepted, ignored, or refused as not an Evolution event (400) — never
// another error, which the listener would answer with a 500.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelSink, InboundMessage } from '../../main/channels/channel.js';
import { EvolutionWebhook } from '../../main/channels/evolution/webhook.js';
import { evolutionSettingsDefaults, type EvolutionSettings } from '../../main/channels/evolution/settings.js';
import { WebhookPayloadError } from '../../main/channels/webhook-handler.js';
import { silentLogger } from '../../main/kernel/logger.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/evolution');
const events = readdirSync(FIXTURES)
  .filter((f) => !f.startsWith('rest_'))
  .map((f) => JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as unknown);
const SECRET = 'fuzz-secret';

/** A small seeded PRNG (mulberry32): the same mutations on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e21,
  Number.MAX_SAFE_INTEGER,
  '',
  'x',
  '9'.repeat(40),
  'a'.repeat(5_000),
  true,
  [],
  [{}],
  {},
  { conversation: 42 },
  '@lid',
  'status@broadcast',
];

/** Every path to a value inside `node`. */
function paths(node: unknown, at: string[] = []): string[][] {
  if (!node || typeof node !== 'object') return [at];
  return [at, ...Object.entries(node).flatMap(([k, v]) => paths(v, [...at, k]))];
}

function mutate(base: unknown, rnd: () => number): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  const all = paths(copy).filter((p) => p.length > 0);
  for (let n = 1 + Math.floor(rnd() * 3); n > 0; n -= 1) {
    const target = all[Math.floor(rnd() * all.length)]!;
    let parent: Record<string, unknown> = copy;
    for (const key of target.slice(0, -1)) {
      const next = parent[key];
      if (!next || typeof next !== 'object') break;
      parent = next as Record<string, unknown>;
    }
    const leaf = target.at(-1)!;
    if (rnd() < 0.25) delete parent[leaf];
    else parent[leaf] = ODD_VALUES[Math.floor(rnd() * ODD_VALUES.length)];
  }
  return rnd() < 0.05 ? ODD_VALUES[Math.floor(rnd() * ODD_VALUES.length)] : copy;
}

describe('the Evolution webhook under mutated payloads', () => {
  it('accepts, ignores or refuses with 400 — never fails otherwise — and hands the pipeline only well-formed messages', async () => {
    const handed: InboundMessage[] = [];
    const sink: ChannelSink = {
      inbound: async (m) => {
        handed.push(m);
        return { duplicate: false, conversationId: 1 };
      },
      deliveryStatus: async () => undefined,
    };
    const settings: EvolutionSettings = { ...evolutionSettingsDefaults, 'evolution.instance': 'clinica-sorriso' };
    const webhook = new EvolutionWebhook({
      secrets: { webhookSecret: () => SECRET, webhookToken: () => 'token' },
      settings: { get: (key) => settings[key], revision: 0 },
      log: silentLogger(),
      now: () => Date.parse('2026-05-12T14:05:00Z'),
      sink: () => sink,
      isOwnSend: async () => false,
      keepInlineMedia: () => undefined,
      onConnection: () => undefined,
    });
    const rnd = random(16);
    let refused = 0;
    for (let i = 0; i < 3_000; i += 1) {
      const body = mutate(events[i % events.length], rnd);
      const rawBody = Buffer.from(JSON.stringify(body) ?? 'null');
      try {
        await webhook.handle({ rawBody, body, headers: { 'x-clinic-webhook-token': SECRET } });
      } catch (error) {
        expect(error).toBeInstanceOf(WebhookPayloadError);
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(handed.length).toBeGreaterThan(0);
    for (const m of handed) {
      expect(typeof m.providerMessageId).toBe('string');
      expect(m.externalUserId).toMatch(/@(s\.whatsapp\.net|lid)$/);
      expect(typeof m.text).toBe('string');
      expect(m.timestamp).toBeGreaterThan(0);
      expect(m.timestamp).toBeLessThanOrEqual(Date.parse('2026-05-12T14:05:00Z'));
    }
  });
});
