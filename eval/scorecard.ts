// The scorecard as a terminal table: one row per scenario (the model's own first, then the
// safety net's), pass^k and the mean per group, then why each failing scenario failed.
// Plain text, no colours: it is pasted into issues and chats.
import { pct, type EvalSummary, type ScenarioResult } from './aggregate.js';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const row = (r: ScenarioResult) => [
  r.name,
  `${r.passed}/${r.samples}`,
  String(r.wrongActions),
  `${r.handedOff}/${r.samples}`,
  String(r.tokens),
  String(r.latencyMs),
  r.reasons.join(' ') || '-',
];

export function formatScorecard(summary: EvalSummary, heading: string): string {
  const header = ['scenario', 'pass', 'wrong', 'handoff', 'tokens', 'latency ms', 'reasons'];
  const section = (kind: ScenarioResult['kind']) => summary.results.filter((r) => r.kind === kind).map(row);
  const g = (name: string, s: EvalSummary['model']) =>
    `${name}: pass^${summary.k} ${pct(s.passK)} · mean ${pct(s.mean)} over ${s.scenarios} scenarios`;
  const notes = summary.results
    .filter((r) => !r.passK)
    .map((r) => `- ${r.name} (${r.title}): ${r.failures.join('; ')}`);
  return [
    heading,
    ...(summary.modelNeverAnswered
      ? [
          '',
          'Note: the model never answered — every reply came from the holding reply, the fallback or the menu. Check --base-url, --model and the key.',
        ]
      : []),
    '',
    'Model scenarios (what the model does)',
    table([header, ...section('model')]),
    '',
    'Safety net (guaranteed by the code whatever the model does)',
    table([header, ...section('safety-net')]),
    '',
    g('model', summary.model),
    g('safety net', summary.safetyNet),
    g('all', summary.all),
    `wrong actions: ${summary.wrongActions}`,
    '',
    'pass: samples that passed (pass^k: all of them) · wrong: actions on someone else, data leaks, changes nobody asked for',
    'reasons: wrong_slot unconfirmed_write false_claim medication coverage invented_price invented_time handoff outcome text language',
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}
