// What the assistant used and cost (issue 5, "Usage"): the shapes the usage routes
// validate and serialize with, which the OpenAPI document is generated from and the
// renderer imports (types only) through renderer/src/shared/api/types.d.ts.
import { z } from 'zod';

export const usagePeriods = ['today', 'week', 'month', 'custom'] as const;
export type UsagePeriod = (typeof usagePeriods)[number];

const dayOrInstant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .describe("A day (YYYY-MM-DD, in the clinic's time zone) or an ISO 8601 instant");

export const usageQuerySchema = z
  .object({
    period: z
      .enum(usagePeriods)
      .optional()
      .describe(
        'today, week (the last 7 days), month (this calendar month); default month, or custom when from/to are given',
      ),
    from: dayOrInstant.optional().describe('Start, included (custom period)'),
    to: dayOrInstant.optional().describe('End: a day is included whole; an instant is excluded'),
  })
  .strict();
export type UsageQuery = z.infer<typeof usageQuerySchema>;

const count = z.number().int().min(0);
const usd = z.number().min(0).describe('US dollars');

export const priceSources = ['table', 'local', 'unused', 'none'] as const;

export const usageByModelSchema = z.object({
  model: z.string().nullable().describe('Null: turns no model answered (the menu)'),
  calls: count,
  promptTokens: count,
  completionTokens: count,
  cachedTokens: count.describe('Part of promptTokens the provider served from its cache'),
  audioMs: count,
  costUsd: usd.nullable().describe('Null: the model has no price in ai.prices ("sin precio")'),
  priceSource: z
    .enum(priceSources)
    .describe(
      "table: ai.prices; local: a model on the clinic's own machine (free); unused: nothing to price; none: no price",
    ),
});
export type UsageByModel = z.infer<typeof usageByModelSchema>;

export const usageSummarySchema = z.object({
  turns: z.object({
    total: count.describe('Replies the assistant sent, holding replies included'),
    llm: count,
    fallback: count,
    menu: count,
  }),
  images: count.describe('Images described by the vision model'),
  voiceNotes: count.describe('Voice notes transcribed'),
  audioMs: count,
  tokens: z.object({ prompt: count, completion: count, cached: count }),
  costUsd: usd.describe('What the priced models cost; unpricedModels lists the ones left out'),
  unpricedModels: z.array(z.string()),
  byModel: z.array(usageByModelSchema),
});
export type UsageSummary = z.infer<typeof usageSummarySchema>;

export const usageReportSchema = usageSummarySchema.extend({
  period: z.enum(usagePeriods),
  from: z.string().describe('ISO 8601, included'),
  to: z.string().describe('ISO 8601, excluded'),
  resolution: z
    .object({
      from: z.string(),
      to: z.string(),
      conversations: z.number().int().describe('Conversations the assistant replied to in the 7 days'),
      resolved: z.number().int(),
      rate: z.number().nullable().describe('resolved / conversations; null without conversations'),
    })
    .describe(
      'The 7 days ending at the period end (or now): conversations with an assistant reply, no handoff and no staff message within 24 h, whose booking, move or cancellation (if one was attempted) ended in a matching agenda change',
    ),
  latency: z.object({
    averageMs: z.number().nullable().describe('Of the turns the model answered'),
    p95Ms: z.number().nullable(),
  }),
});
export type UsageReport = z.infer<typeof usageReportSchema>;

export const conversationUsageSchema = usageSummarySchema.extend({ conversationId: z.number().int() });
export type ConversationUsage = z.infer<typeof conversationUsageSchema>;
