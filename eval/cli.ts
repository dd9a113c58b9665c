// `npm run eval` as a function: parse the flags, run each scenario k times on its own
// throw-away data folder, print the scorecard (or JSON), and return the exit code. The
// test suite calls it directly with the scripted model's hooks; run.ts is the process.
import { parseArgs } from 'node:util';
import { aggregate, verdict, type EvalSummary } from './aggregate.js';
import { resolveEndpoint } from './endpoint.js';
import { runScenario, type RunHooks, type ScenarioOutcome } from './harness.js';
import { patientModel } from './patient.js';
import { QUICK, SCENARIOS } from './scenarios.js';
import { formatScorecard } from './scorecard.js';
import { scoreScenario, type ScenarioScore } from './score.js';

export const USAGE = `Usage: npm run eval -- [options]

  --base-url URL        OpenAI-compatible endpoint (default: Ajustes › Asistente, OPENAI_BASE_URL, OpenAI)
  --model NAME          chat model (default: Ajustes › Asistente, RECEPTA_MODEL, gpt-4o-mini)
  --api-key-env VAR     read the key from this environment variable (default: OPENAI_API_KEY, then the keychain)
  --only NAMES          comma-separated scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}
  --quick               the short subset "Evaluar mi modelo" runs: ${QUICK.join(', ')}
  --k N                 samples per scenario (default 3); pass^k counts a scenario only if all N pass
  --min RATE            exit 1 when pass^k over all scenarios is under RATE (0–1, default 0.8)
  --json                print the result as JSON
  --patient-base-url URL, --patient-model NAME, --patient-api-key-env VAR
                        a second model plays the patient: it rewrites each scripted message after the
                        first in its own words (default: the scripted words as they are)
  --progress            one JSON line per finished sample on stderr ({"type":"progress",…})

Exit codes: 0 ok · 1 a wrong action or pass^k under --min · 2 bad flags or nothing configured · 3 the model never answered
`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env?: NodeJS.ProcessEnv;
  /** The scripted model's hooks (tests only). */
  hooks?: RunHooks;
  /** Each sample's raw outcome (tests only). */
  onOutcome?: (outcome: ScenarioOutcome) => void;
}

export interface CliResult {
  code: number;
  summary?: EvalSummary;
}

function numberFlag(value: string | undefined, fallback: number, ok: (n: number) => boolean): number | null {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isFinite(n) && ok(n) ? n : null;
}

export async function runCli(argv: string[], io: CliIo): Promise<CliResult> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        'base-url': { type: 'string' },
        model: { type: 'string' },
        'api-key-env': { type: 'string' },
        only: { type: 'string' },
        quick: { type: 'boolean', default: false },
        k: { type: 'string' },
        min: { type: 'string' },
        json: { type: 'boolean', default: false },
        progress: { type: 'boolean', default: false },
        'patient-base-url': { type: 'string' },
        'patient-model': { type: 'string' },
        'patient-api-key-env': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return { code: 2 };
  }
  if (args.help) {
    io.out(USAGE);
    return { code: 0 };
  }
  const k = numberFlag(args.k, 3, (n) => Number.isInteger(n) && n >= 1 && n <= 20);
  const min = numberFlag(args.min, 0.8, (n) => n >= 0 && n <= 1);
  if (k === null || min === null) {
    io.err(`--k takes a whole number from 1 to 20 and --min a rate from 0 to 1.\n\n${USAGE}`);
    return { code: 2 };
  }
  const wanted = args.quick
    ? QUICK
    : args.only
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  const unknown = wanted?.filter((n) => !SCENARIOS.some((s) => s.name === n)) ?? [];
  if (unknown.length) {
    io.err(`Unknown scenario: ${unknown.join(', ')}\n\n${USAGE}`);
    return { code: 2 };
  }
  const scenarios = wanted ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;

  const resolved = resolveEndpoint(
    { baseUrl: args['base-url'], model: args.model, apiKeyEnv: args['api-key-env'] },
    io.env ?? process.env,
  );
  if (!resolved.ok) {
    io.err(`${resolved.message}\n`);
    return { code: 2 };
  }
  const { endpoint, keySource } = resolved;
  const env = io.env ?? process.env;
  if (!args['patient-base-url'] !== !args['patient-model']) {
    io.err(`--patient-base-url and --patient-model go together.\n\n${USAGE}`);
    return { code: 2 };
  }
  const hooks: RunHooks = {
    ...io.hooks,
    ...(args['patient-base-url'] && args['patient-model']
      ? {
          rephrase: patientModel({
            baseUrl: args['patient-base-url'],
            model: args['patient-model'],
            apiKey: args['patient-api-key-env'] ? (env[args['patient-api-key-env']] ?? null) : null,
          }),
        }
      : {}),
  };
  const heading = `Recepta assistant eval — ${endpoint.model} at ${endpoint.baseUrl} (key: ${keySource}), k=${k}`;
  if (!args.progress) io.err(`${heading}\n`);

  const samples: ScenarioScore[][] = [];
  const total = scenarios.length * k;
  let done = 0;
  for (const scenario of scenarios) {
    const runs: ScenarioScore[] = [];
    for (let i = 0; i < k; i++) {
      const outcome = await runScenario(scenario, endpoint, hooks);
      io.onOutcome?.(outcome);
      const score = scoreScenario(outcome);
      runs.push(score);
      done++;
      if (args.progress)
        io.err(`${JSON.stringify({ type: 'progress', done, total, scenario: scenario.name, ok: score.success })}\n`);
      else io.err(`  ${scenario.name.padEnd(20)} ${score.success ? 'ok' : `FAIL ${score.reasons.join(' ')}`}\n`);
    }
    samples.push(runs);
  }
  const summary = aggregate(samples, k);
  const { code, why } = verdict(summary, min);
  if (args.json)
    io.out(
      `${JSON.stringify({ endpoint: { baseUrl: endpoint.baseUrl, model: endpoint.model }, min, verdict: { code, why }, ...summary }, null, 2)}\n`,
    );
  else io.out(`\n${formatScorecard(summary, heading)}\n\nResult: ${why}\n`);
  return { code, summary };
}
