import { describe, expect, it } from 'vitest';
import { REFERENCE_PRICES, priceTableSchema, priceUsage, type PriceTable } from '../../main/agent/usage-cost.js';
import { resolvePeriod, summarizeUsage } from '../../main/agent/usage-report.js';
import type { UsageGroup } from '../../db/repos/usage.js';

const table: PriceTable = [
  { model: 'gpt-4o-mini', inputPerMillion: 0.15, cachedInputPerMillion: 0.075, outputPerMillion: 0.6 },
  { model: 'no-cache-rate', inputPerMillion: 1, outputPerMillion: 2 },
  { model: 'whisper-1', inputPerMillion: 0, outputPerMillion: 0, audioPerMinute: 0.006 },
  { model: 'tokens-only', inputPerMillion: 1, outputPerMillion: 1 },
];
const sums = (
  model: string | null,
  s: Partial<{ promptTokens: number; completionTokens: number; cachedTokens: number; audioMs: number }>,
) => ({
  model,
  promptTokens: 0,
  completionTokens: 0,
  cachedTokens: 0,
  audioMs: 0,
  ...s,
});

describe('pricing usage with the table', () => {
  it('bills uncached prompt tokens at the input rate, cached ones at the cached rate, completions at the output rate', () => {
    const p = priceUsage(
      sums('gpt-4o-mini', { promptTokens: 1_000_000, cachedTokens: 400_000, completionTokens: 100_000 }),
      table,
    );
    expect(p.source).toBe('table');
    expect(p.usd).toBeCloseTo(0.6 * 0.15 + 0.4 * 0.075 + 0.1 * 0.6, 12);
  });

  it('a model without a cached rate bills cached tokens as input; the match ignores case and spaces', () => {
    expect(
      priceUsage(sums(' No-Cache-Rate ', { promptTokens: 1_000_000, cachedTokens: 1_000_000 }), table).usd,
    ).toBeCloseTo(1, 12);
  });

  it('transcription by the minute', () => {
    expect(priceUsage(sums('whisper-1', { audioMs: 90_000 }), table).usd).toBeCloseTo(0.009, 12);
    // Minutes with no per-minute price and no tokens: nothing honest to show.
    expect(priceUsage(sums('tokens-only', { audioMs: 90_000 }), table)).toEqual({ usd: null, source: 'none' });
  });

  it("a model missing from the table has no price, unless it runs on the clinic's machine; nothing used costs nothing", () => {
    expect(priceUsage(sums('gpt-9', { promptTokens: 10 }), table)).toEqual({ usd: null, source: 'none' });
    expect(priceUsage(sums('llama3.1:8b', { promptTokens: 10 }), table, new Set(['llama3.1:8b']))).toEqual({
      usd: 0,
      source: 'local',
    });
    expect(priceUsage(sums(null, {}), table)).toEqual({ usd: 0, source: 'unused' });
  });

  it("the reference prices pass the setting's own schema", () => {
    expect(priceTableSchema.safeParse(REFERENCE_PRICES).success).toBe(true);
  });
});

describe('summarizing usage', () => {
  const group = (g: Partial<UsageGroup> & Pick<UsageGroup, 'kind'>): UsageGroup => ({
    mode: null,
    model: null,
    calls: 1,
    promptTokens: 0,
    completionTokens: 0,
    cachedTokens: 0,
    audioMs: 0,
    latencyMs: 0,
    ...g,
  });

  it('counts turns by mode, images and voice notes, and prices each model once', () => {
    const s = summarizeUsage(
      [
        group({
          kind: 'turn',
          mode: 'llm',
          model: 'gpt-4o-mini',
          calls: 10,
          promptTokens: 20_000,
          completionTokens: 1_000,
        }),
        group({ kind: 'turn', mode: 'fallback', model: 'gpt-4o-mini', calls: 2 }),
        group({ kind: 'turn', mode: 'menu', calls: 3 }),
        group({ kind: 'vision', model: 'gpt-4o-mini', calls: 4, promptTokens: 4_000, completionTokens: 400 }),
        group({ kind: 'transcription', model: 'whisper-1', calls: 2, audioMs: 120_000 }),
        group({ kind: 'turn', mode: 'llm', model: 'mystery', calls: 1, promptTokens: 5 }),
      ],
      table,
    );
    expect(s.turns).toEqual({ total: 16, llm: 11, fallback: 2, menu: 3 });
    expect(s.images).toBe(4);
    expect(s.voiceNotes).toBe(2);
    expect(s.audioMs).toBe(120_000);
    const mini = (24_000 * 0.15 + 1_400 * 0.6) / 1e6;
    expect(s.costUsd).toBeCloseTo(mini + 0.012, 12);
    expect(s.unpricedModels).toEqual(['mystery']);
    expect(s.byModel.map((m) => [m.model, m.calls, m.priceSource])).toEqual([
      ['whisper-1', 2, 'table'],
      ['gpt-4o-mini', 16, 'table'],
      ['mystery', 1, 'none'],
      [null, 3, 'unused'],
    ]);
  });
});

describe("periods in the clinic's zone", () => {
  const zone = 'America/Argentina/Buenos_Aires';
  // Monday 2026-11-23 01:30 in Buenos Aires (04:30 UTC).
  const now = Date.parse('2026-11-23T04:30:00Z');

  it("today, the last 7 days and this month start at the clinic's midnight", () => {
    expect(resolvePeriod({ period: 'today' }, zone, now)).toEqual({
      period: 'today',
      from: Date.parse('2026-11-23T03:00:00Z'),
      to: Date.parse('2026-11-24T03:00:00Z'),
    });
    expect(resolvePeriod({ period: 'week' }, zone, now)?.from).toBe(Date.parse('2026-11-17T03:00:00Z'));
    expect(resolvePeriod({}, zone, now)).toEqual({
      period: 'month',
      from: Date.parse('2026-11-01T03:00:00Z'),
      to: Date.parse('2026-12-01T03:00:00Z'),
    });
  });

  it('a custom range of days includes the last day whole; backwards is refused', () => {
    expect(resolvePeriod({ from: '2026-11-01', to: '2026-11-02' }, zone, now)).toEqual({
      period: 'custom',
      from: Date.parse('2026-11-01T03:00:00Z'),
      to: Date.parse('2026-11-03T03:00:00Z'),
    });
    expect(resolvePeriod({ from: '2026-11-05', to: '2026-11-01' }, zone, now)).toBeNull();
  });
});
