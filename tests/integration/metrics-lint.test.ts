// `GET /api/metrics` must pass `promtool check metrics`. Its rules are enforced here on a
// real core's output, after a turn has run so labelled samples are present; where
// promtool itself is at hand (on PATH, or PROMTOOL=/path/to/promtool) it runs too.
// CI does not install it: Debian ships it only inside the 96 MB `prometheus` package.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { promlint } from '../helpers/promlint.js';

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
// Prometheus' own linter is not a Debian package on every release; when it is missing, the
// promlint port above (tests/helpers/promlint.ts) still checks every rule, so nothing goes unchecked.
const promtoolFound = spawnSync(PROMTOOL, ['--version']).status === 0;
if (!promtoolFound)
  console.info(`promtool not found (${PROMTOOL}): its rules are checked by tests/helpers/promlint.ts only`);

describe('the promtool rules, as checked here', () => {
  it('pass a clean exposition', () => {
    const text = [
      '# HELP x_requests_total Requests.',
      '# TYPE x_requests_total counter',
      'x_requests_total{mode="llm"} 3',
      '# HELP x_latency_seconds Latency.',
      '# TYPE x_latency_seconds histogram',
      'x_latency_seconds_bucket{le="+Inf"} 1',
      'x_latency_seconds_sum 0.2',
      'x_latency_seconds_count 1',
    ].join('\n');
    expect(promlint(text)).toEqual([]);
  });

  it('catch a gauge named like a counter, a counter without _total, a missing HELP and a stray sample', () => {
    const text = [
      '# HELP x_active_handles_total Handles.',
      '# TYPE x_active_handles_total gauge',
      'x_active_handles_total 4',
      '# HELP x_turns Turns.',
      '# TYPE x_turns counter',
      'x_turns 1',
      '# TYPE x_depth gauge',
      'x_depth 0',
      'x_orphan 1',
      '# HELP x_wait_ms Wait.',
      '# TYPE x_wait_ms gauge',
      'x_wait_ms 1',
    ].join('\n');
    expect(promlint(text)).toEqual([
      'x_orphan: sample without HELP/TYPE',
      'x_active_handles_total: non-counter metrics should not have "_total" suffix',
      'x_turns: counter metrics should have "_total" suffix',
      'x_depth: no help text',
      'x_wait_ms: metric names should not contain abbreviated units ("ms")',
    ]);
  });
});

describe('GET /api/metrics', () => {
  let core: TestCore;
  let text = '';
  beforeAll(async () => {
    core = await startTestCore();
    core.settings.update({ 'pipeline.debounceMs': 0 });
    const turn = core.nextEvent((e) => e.type === 'turn.finished');
    await core.api('POST', '/api/simulator/messages', { from: '+5491155570001', text: 'Hola', id: 'promlint-1' });
    await turn;
    const res = await fetch(`${core.apiUrl}/api/metrics`, { headers: { authorization: `Bearer ${core.token}` } });
    text = await res.text();
  });
  afterAll(async () => {
    await core.stop();
  });

  it('passes every promtool rule, with Node defaults and our own metrics present', () => {
    expect(text).toMatch(/^recepta_assistant_turns_total\{mode="\w+"\} 1$/m);
    expect(text).toMatch(/^recepta_nodejs_active_handles\{type="\w+"\} \d+$/m);
    expect(promlint(text)).toEqual([]);
  });

  it.skipIf(!promtoolFound)('passes the real `promtool check metrics`', () => {
    const run = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`.trim()).toBe('');
    expect(run.status).toBe(0);
  });

  it('drops the default gauges named …_total (their per-type gauges stay)', () => {
    for (const name of [
      'nodejs_active_handles_total',
      'nodejs_active_requests_total',
      'nodejs_active_resources_total',
    ]) {
      expect(text).not.toContain(`recepta_${name}`);
    }
  });

  it('lists every assistant mode in the turns help, menu included', () => {
    expect(text).toContain(
      '# HELP recepta_assistant_turns_total Assistant turns by which mode answered (llm, fallback or menu).',
    );
  });
});
