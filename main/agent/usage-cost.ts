// What the assistant's model calls cost, from the clinic's price table (setting
// `ai.prices`). Pure: usage is stored as tokens and minutes, and priced when read, so a
// price entered or corrected today also prices last month.
import { z } from 'zod';

const MAX_PRICE = 10_000;
const price = z.number().finite().min(0).max(MAX_PRICE);

export const modelPriceSchema = z
  .object({
    model: z.string().trim().min(1).max(120),
    /** USD per million prompt tokens. */
    inputPerMillion: price,
    /** USD per million prompt tokens served from the provider's cache; absent: the input price. */
    cachedInputPerMillion: price.optional(),
    /** USD per million completion tokens. */
    outputPerMillion: price,
    /** USD per minute of transcribed audio (whisper-1 is billed by the minute, not by tokens). */
    audioPerMinute: price.optional(),
  })
  .strict();
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** Models are matched without regard to case or surrounding spaces. */
export const modelKey = (model: string) => model.trim().toLowerCase();

export const priceTableSchema = z
  .array(modelPriceSchema)
  .max(50)
  .refine(
    (rows) => new Set(rows.map((r) => modelKey(r.model))).size === rows.length,
    'Each model may appear once in the price table',
  );
export type PriceTable = z.infer<typeof priceTableSchema>;

/**
 * OpenAI's public list prices (USD, standard tier), as read from its pricing page in
 * November 2026. A starting point the clinic is told to check against its own bill:
 * prices change, and batch or regional tiers differ.
 */
export const REFERENCE_PRICES: PriceTable = [
  { model: 'gpt-4o-mini', inputPerMillion: 0.15, cachedInputPerMillion: 0.075, outputPerMillion: 0.6 },
  { model: 'gpt-4o', inputPerMillion: 2.5, cachedInputPerMillion: 1.25, outputPerMillion: 10 },
  { model: 'gpt-4.1-mini', inputPerMillion: 0.4, cachedInputPerMillion: 0.1, outputPerMillion: 1.6 },
  { model: 'gpt-4.1', inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 },
  { model: 'whisper-1', inputPerMillion: 0, outputPerMillion: 0, audioPerMinute: 0.006 },
];

/** Token and minute sums of one model's calls of one kind (what the usage repo returns). */
export interface UsageSums {
  model: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  audioMs: number;
}

/**
 * How a group of calls was priced: from the table; free because the model runs on the
 * clinic's own machine; nothing to price (the menu, or a call that failed before using
 * anything); or not at all (no price for the model).
 */
export type PriceSource = 'table' | 'local' | 'unused' | 'none';

export interface Priced {
  /** Null when the model has no price: shown as "sin precio", never as a made-up 0. */
  usd: number | null;
  source: PriceSource;
}

export function findPrice(table: PriceTable, model: string | null): ModelPrice | undefined {
  if (!model) return undefined;
  const key = modelKey(model);
  return table.find((p) => modelKey(p.model) === key);
}

/**
 * The cost of some calls to one model. Cached prompt tokens are part of the prompt count
 * (that is how OpenAI reports them) and are billed at the cached rate instead of the input
 * rate. A price in the table wins; otherwise a model the clinic runs itself costs nothing.
 */
export function priceUsage(sums: UsageSums, table: PriceTable, localModels: ReadonlySet<string> = new Set()): Priced {
  const tokens = sums.promptTokens + sums.completionTokens;
  if (tokens === 0 && sums.audioMs === 0) return { usd: 0, source: 'unused' };
  const p = findPrice(table, sums.model);
  if (!p)
    return sums.model && localModels.has(modelKey(sums.model))
      ? { usd: 0, source: 'local' }
      : { usd: null, source: 'none' };
  const cached = Math.min(sums.cachedTokens, sums.promptTokens);
  // Audio billed by the minute with no per-minute price: the minutes are the whole bill, so it is unpriced.
  if (sums.audioMs > 0 && p.audioPerMinute === undefined && tokens === 0) return { usd: null, source: 'none' };
  const usd =
    ((sums.promptTokens - cached) * p.inputPerMillion +
      cached * (p.cachedInputPerMillion ?? p.inputPerMillion) +
      sums.completionTokens * p.outputPerMillion) /
      1e6 +
    (sums.audioMs / 60_000) * (p.audioPerMinute ?? 0);
  return { usd, source: 'table' };
}

/** Adds costs where any may be unknown: the total is the sum of the known ones, and says which models were left out. */
export function sumCosts(items: ReadonlyArray<{ model: string | null; priced: Priced }>): {
  usd: number;
  unpricedModels: string[];
} {
  let usd = 0;
  const unpriced = new Set<string>();
  for (const { model, priced } of items) {
    if (priced.usd === null) unpriced.add(model ?? '');
    else usd += priced.usd;
  }
  return { usd, unpricedModels: [...unpriced].sort() };
}
