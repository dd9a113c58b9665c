// Bad input on Evolution's webhook: thousands of mutated reference payloads (tests/helpers/webhook-fuzz.ts:
// fields removed, retyped, oversized, cut off) through the handler the listener calls. Each must end as a
// deliberate outcome — accepted, ignored, or refused as not an Evolution event (400) — never
// another error, which the listener would answer with a 500.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelSink, InboundMessage } from '../../main/channels/channel.js';
import { EvolutionWebhook } from '../../main/channels/evolution/webhook.js';
import { evolutionSettingsDefaults, type EvolutionSettings } from '../../main/channels/evolution/settings.js';
import { lazyWebhookRequest, WebhookPayloadError } from '../../main/channels/webhook-handler.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { fuzzCases } from '../helpers/webhook-fuzz.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/evolution');
const events = readdirSync(FIXTURES)
  .filter((f) => !f.startsWith('rest_'))
  .map((f) => ({ name: f, body: JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as unknown }));
const SECRET = 'fuzz-secret';

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
    let refused = 0;
    for (const c of fuzzCases(events, { count: 3_000, seed: 16 })) {
      try {
        await webhook.handle(lazyWebhookRequest(Buffer.from(c.raw), { 'x-clinic-webhook-token': SECRET }));
      } catch (error) {
        expect(error, c.name).toBeInstanceOf(WebhookPayloadError); // cut-off JSON included (WebhookJsonError)
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
