// The scorecard as a terminal table: one row per scenario, the totals, then why each
// failed scenario failed. Plain text, no colours: it is pasted into issues and chats.
import { totals, type ScenarioScore } from './score.js';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const handoffCell = (s: ScenarioScore) =>
  `${s.handedOff ? 'yes' : 'no'}${s.expectedHandoff === undefined ? '' : s.expectedHandoff === s.handedOff ? '' : '!'}`;
const modesCell = (s: ScenarioScore) => [...new Set(s.modes)].join('+') || '-';

export function formatScorecard(scores: ScenarioScore[], heading: string): string {
  const rows = [['scenario', 'task', 'wrong', 'handoff', 'turns', 'tokens', 'latency ms', 'max ms', 'mode']];
  for (const s of scores) {
    rows.push([
      s.name,
      s.success ? 'ok' : 'FAIL',
      String(s.wrongActions.length),
      handoffCell(s),
      String(s.turns),
      String(s.promptTokens + s.completionTokens),
      String(s.latencyMs),
      String(s.maxLatencyMs),
      modesCell(s),
    ]);
  }
  const t = totals(scores);
  rows.push([
    'total',
    `${t.succeeded}/${t.scenarios}`,
    String(t.wrongActions),
    String(t.handoffs),
    String(t.turns),
    String(t.tokens),
    String(t.latencyMs),
    '',
    '',
  ]);
  const notes = scores
    .filter((s) => !s.success)
    .map((s) => `- ${s.name} (${s.title}): ${[...s.wrongActions.map((w) => `WRONG: ${w}`), ...s.failures].join('; ')}`);
  const modelReplies = scores.reduce((n, s) => n + s.modes.filter((m) => m === 'llm').length, 0);
  const warning =
    t.turns > 0 && modelReplies === 0
      ? [
          '',
          'Note: the model never answered — every reply came from the holding reply, the fallback or the menu. Check --base-url, --model and the key.',
        ]
      : [];
  return [
    heading,
    ...warning,
    '',
    table(rows),
    '',
    'task: the outcome the scenario asks for · wrong: actions on someone else, data leaks, changes nobody asked for',
    'handoff: "!" when it differs from what the scenario expects · latency: model + tools time of all replies',
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}
