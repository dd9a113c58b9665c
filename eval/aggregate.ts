// k samples per scenario, folded into what the scorecard reports: per scenario how many
// samples passed (pass^k: all of them), and per group — the model's own scenarios apart
// from the safety net's — the pass^k rate and the mean pass rate.
import type { Reason } from './checks.js';
import type { ScenarioScore } from './score.js';

export interface ScenarioResult {
  name: string;
  title: string;
  kind: 'model' | 'safety-net';
  samples: number;
  passed: number;
  /** Every sample passed. */
  passK: boolean;
  wrongActions: number;
  /** Each distinct failure reason and the words of its first occurrence. */
  reasons: Reason[];
  failures: string[];
  handedOff: number;
  modelReplies: number;
  replies: number;
  tokens: number;
  latencyMs: number;
}

export interface GroupSummary {
  scenarios: number;
  /** Share of scenarios whose k samples all passed. */
  passK: number;
  /** Share of all samples that passed. */
  mean: number;
}

export interface EvalSummary {
  k: number;
  results: ScenarioResult[];
  model: GroupSummary;
  safetyNet: GroupSummary;
  all: GroupSummary;
  wrongActions: number;
  /** No reply of the whole run came from the model (holding replies, fallbacks, menus only). */
  modelNeverAnswered: boolean;
}

export function aggregate(samples: ScenarioScore[][], k: number): EvalSummary {
  const results = samples.map((runs): ScenarioResult => {
    const first = runs[0]!;
    const passed = runs.filter((s) => s.success).length;
    return {
      name: first.name,
      title: first.title,
      kind: first.kind,
      samples: runs.length,
      passed,
      passK: passed === runs.length && runs.length > 0,
      wrongActions: runs.reduce((n, s) => n + s.wrongActions.length, 0),
      reasons: [...new Set(runs.flatMap((s) => s.reasons))],
      failures: [...new Set(runs.flatMap((s) => [...s.wrongActions.map((w) => `WRONG: ${w}`), ...s.failures]))],
      handedOff: runs.filter((s) => s.handedOff).length,
      modelReplies: runs.reduce((n, s) => n + s.modes.filter((m) => m === 'llm').length, 0),
      replies: runs.reduce((n, s) => n + s.turns, 0),
      tokens: runs.reduce((n, s) => n + s.promptTokens + s.completionTokens, 0),
      latencyMs: runs.reduce((n, s) => n + s.latencyMs, 0),
    };
  });
  const group = (rs: ScenarioResult[]): GroupSummary => {
    const total = rs.reduce((n, r) => n + r.samples, 0);
    return {
      scenarios: rs.length,
      passK: rs.length ? rs.filter((r) => r.passK).length / rs.length : 0,
      mean: total ? rs.reduce((n, r) => n + r.passed, 0) / total : 0,
    };
  };
  return {
    k,
    results,
    model: group(results.filter((r) => r.kind === 'model')),
    safetyNet: group(results.filter((r) => r.kind === 'safety-net')),
    all: group(results),
    wrongActions: results.reduce((n, r) => n + r.wrongActions, 0),
    modelNeverAnswered: results.reduce((n, r) => n + r.replies, 0) > 0 && results.every((r) => r.modelReplies === 0),
  };
}

export type Verdict = { code: 0 | 1 | 3; why: string };

/** The exit code: 1 for a wrong action or a pass^k under `min`, 3 when the model never answered. */
export function verdict(summary: EvalSummary, min: number): Verdict {
  if (summary.modelNeverAnswered)
    return { code: 3, why: 'the model never answered: every reply was a holding reply, a fallback or the menu' };
  if (summary.wrongActions > 0) return { code: 1, why: `${summary.wrongActions} wrong action(s)` };
  if (summary.all.passK < min)
    return { code: 1, why: `pass^${summary.k} ${pct(summary.all.passK)} is under the minimum ${pct(min)}` };
  return { code: 0, why: `pass^${summary.k} ${pct(summary.all.passK)} (minimum ${pct(min)})` };
}

export const pct = (x: number) => `${Math.round(x * 100)} %`;
