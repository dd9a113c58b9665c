// The assistant's usage as the clinic owner reads it: replies by mode, tokens, images and
// voice notes, and what it all cost with today's price table — over a period, or for
// one conversation.
import { assistantResolution } from '../../db/repos/resolution.js';
import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import {
  conversationUsageGroups,
  turnLatencyPercentile,
  usageGroups,
  type UsageGroup,
  type UsageKind,
  type UsageRange,
} from '../../db/repos/usage.js';
import type { AgentSettingsStore } from './settings.js';
import { modelKey, priceUsage, sumCosts, type PriceSource, type PriceTable, type UsageSums } from './usage-cost.js';

export interface ModelUsage extends UsageSums {
  calls: number;
  costUsd: number | null;
  priceSource: PriceSource;
}

export interface UsageSummary {
  turns: { total: number; llm: number; fallback: number; menu: number };
  images: number;
  voiceNotes: number;
  audioMs: number;
  tokens: { prompt: number; completion: number; cached: number };
  costUsd: number;
  unpricedModels: string[];
  byModel: ModelUsage[];
}

const COUNTED_KINDS: Record<Exclude<UsageKind, 'turn'>, 'images' | 'voiceNotes'> = {
  vision: 'images',
  transcription: 'voiceNotes',
};

/** Groups (kind × mode × model) → the summary, each model priced once with `table`. */
export function summarizeUsage(
  groups: readonly UsageGroup[],
  table: PriceTable,
  localModels: ReadonlySet<string> = new Set(),
): UsageSummary {
  const out: UsageSummary = {
    turns: { total: 0, llm: 0, fallback: 0, menu: 0 },
    images: 0,
    voiceNotes: 0,
    audioMs: 0,
    tokens: { prompt: 0, completion: 0, cached: 0 },
    costUsd: 0,
    unpricedModels: [],
    byModel: [],
  };
  const models = new Map<string, ModelUsage>();
  for (const g of groups) {
    if (g.kind === 'turn') {
      out.turns.total += g.calls;
      if (g.mode === 'llm' || g.mode === 'fallback' || g.mode === 'menu') out.turns[g.mode] += g.calls;
    } else {
      out[COUNTED_KINDS[g.kind]] += g.calls;
    }
    out.audioMs += g.audioMs;
    out.tokens.prompt += g.promptTokens;
    out.tokens.completion += g.completionTokens;
    out.tokens.cached += g.cachedTokens;
    const key = g.model === null ? '' : modelKey(g.model);
    const m = models.get(key) ?? {
      model: g.model,
      calls: 0,
      promptTokens: 0,
      completionTokens: 0,
      cachedTokens: 0,
      audioMs: 0,
      costUsd: null,
      priceSource: 'none',
    };
    m.calls += g.calls;
    m.promptTokens += g.promptTokens;
    m.completionTokens += g.completionTokens;
    m.cachedTokens += g.cachedTokens;
    m.audioMs += g.audioMs;
    models.set(key, m);
  }
  const priced = [...models.values()].map((m) => {
    const p = priceUsage(m, table, localModels);
    m.costUsd = p.usd;
    m.priceSource = p.source;
    return { model: m.model, priced: p };
  });
  const total = sumCosts(priced);
  out.costUsd = total.usd;
  out.unpricedModels = total.unpricedModels;
  // The models that cost the most first; the menu (no model) last.
  out.byModel = [...models.values()].sort(
    (a, b) =>
      (a.model === null ? 1 : 0) - (b.model === null ? 1 : 0) ||
      (b.costUsd ?? -1) - (a.costUsd ?? -1) ||
      b.calls - a.calls,
  );
  return out;
}

const PRIVATE_HOST =
  /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|[^.]+\.local)$/i;

function isOwnMachine(url: string): boolean {
  try {
    return PRIVATE_HOST.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * The models configured on an endpoint in the clinic (Ollama, LM Studio, a server on the
 * local network): they cost nothing, unless the price table says otherwise.
 */
export function localModels(settings: AgentSettingsStore): Set<string> {
  const out = new Set<string>();
  const provider = settings.get('ai.provider');
  const main = provider === 'ollama' || provider === 'lmstudio' || isOwnMachine(settings.get('ai.baseUrl'));
  if (main) {
    out.add(modelKey(settings.get('ai.model')));
    // Voice notes go through the same endpoint's /audio/transcriptions.
    out.add(modelKey(settings.get('ai.transcriptionModel')));
  }
  const visionUrl = settings.get('ai.visionBaseUrl');
  if (visionUrl ? isOwnMachine(visionUrl) : main) out.add(modelKey(settings.get('ai.visionModel')));
  return out;
}

export type PeriodName = 'today' | 'week' | 'month' | 'custom';

export interface PeriodQuery {
  period?: PeriodName | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instants a period covers in the clinic's zone: today, the last 7 days (today
 * included), this calendar month, or a custom range where a bare day counts whole.
 * Null when the range is empty or backwards.
 */
export function resolvePeriod(q: PeriodQuery, zone: string, now: number): (UsageRange & { period: PeriodName }) | null {
  const period: PeriodName = q.period ?? (q.from || q.to ? 'custom' : 'month');
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const tomorrow = today.plus({ days: 1 }).toMillis();
  let range: UsageRange;
  if (period === 'today') range = { from: today.toMillis(), to: tomorrow };
  else if (period === 'week') range = { from: today.minus({ days: 6 }).toMillis(), to: tomorrow };
  else if (period === 'month')
    range = { from: today.startOf('month').toMillis(), to: today.startOf('month').plus({ months: 1 }).toMillis() };
  else {
    const at = (v: string, endOfDay: boolean) => {
      if (!DAY.test(v)) return Date.parse(v);
      const day = DateTime.fromISO(v, { zone }).startOf('day');
      return (endOfDay ? day.plus({ days: 1 }) : day).toMillis();
    };
    range = { from: q.from ? at(q.from, false) : 0, to: q.to ? at(q.to, true) : tomorrow };
  }
  return Number.isFinite(range.from) && Number.isFinite(range.to) && range.from < range.to
    ? { ...range, period }
    : null;
}

/** Usage over a period, priced, with how long the model's answers took. */
const WEEK_MS = 7 * 86_400_000;

/** The resolution rate of the 7 days ending at the period's end (or now, if sooner): see db/repos/resolution.ts. */
function weeklyResolution(db: Db, range: UsageRange, now: number) {
  const to = Math.min(range.to, now);
  const from = to - WEEK_MS;
  const { conversations, resolved } = assistantResolution(db, from, to);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    conversations,
    resolved,
    rate: conversations ? resolved / conversations : null,
  };
}

export function usageReport(db: Db, settings: AgentSettingsStore, range: UsageRange, now = Date.now()) {
  const groups = usageGroups(db, range);
  const summary = summarizeUsage(groups, settings.get('ai.prices'), localModels(settings));
  const answered = groups.filter((g) => g.kind === 'turn' && g.mode === 'llm');
  const calls = answered.reduce((n, g) => n + g.calls, 0);
  const latency = answered.reduce((n, g) => n + g.latencyMs, 0);
  return {
    ...summary,
    resolution: weeklyResolution(db, range, now),
    latency: {
      averageMs: calls ? Math.round(latency / calls) : null,
      p95Ms: turnLatencyPercentile(db, range, calls, 95),
    },
  };
}

/** One conversation's usage, all time, priced. */
export function conversationUsage(db: Db, settings: AgentSettingsStore, conversationId: number): UsageSummary {
  return summarizeUsage(conversationUsageGroups(db, conversationId), settings.get('ai.prices'), localModels(settings));
}
