// `npm run eval`: the scenario suite against a real model endpoint, each scenario on its
// own throw-away data folder, then the scorecard. Exit code 1 if any wrong action
// happened (worse than a failed task), 2 if nothing is configured or a flag is wrong.
//
//   npm run eval -- [--base-url URL] [--model NAME] [--api-key-env VAR] [--only book,faq] [--json]
import { parseArgs } from 'node:util';
import { resolveEndpoint } from './endpoint.js';
import { runScenario } from './harness.js';
import { SCENARIOS } from './scenarios.js';
import { formatScorecard } from './scorecard.js';
import { scoreScenario, totals, type ScenarioScore } from './score.js';

const USAGE = `Usage: npm run eval -- [options]

  --base-url URL        OpenAI-compatible endpoint (default: Ajustes › Asistente, OPENAI_BASE_URL, OpenAI)
  --model NAME          chat model (default: Ajustes › Asistente, RECEPTA_MODEL, gpt-4o-mini)
  --api-key-env VAR     read the key from this environment variable (default: OPENAI_API_KEY, then the keychain)
  --only NAMES          comma-separated scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}
  --json                print the scorecard as JSON
`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        'base-url': { type: 'string' },
        model: { type: 'string' },
        'api-key-env': { type: 'string' },
        only: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const wanted = args.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted?.filter((n) => !SCENARIOS.some((s) => s.name === n)) ?? [];
  if (unknown.length) {
    process.stderr.write(`Unknown scenario: ${unknown.join(', ')}\n\n${USAGE}`);
    return 2;
  }
  const scenarios = wanted ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;

  const resolved = resolveEndpoint({ baseUrl: args['base-url'], model: args.model, apiKeyEnv: args['api-key-env'] });
  if (!resolved.ok) {
    process.stderr.write(`${resolved.message}\n`);
    return 2;
  }
  const { endpoint, keySource } = resolved;
  const heading = `Recepta assistant eval — ${endpoint.model} at ${endpoint.baseUrl} (key: ${keySource})`;
  process.stderr.write(`${heading}\n`);

  const scores: ScenarioScore[] = [];
  for (const scenario of scenarios) {
    process.stderr.write(`  ${scenario.name.padEnd(18)} `);
    const score = scoreScenario(await runScenario(scenario, endpoint));
    scores.push(score);
    process.stderr.write(
      `${score.success ? 'ok' : 'FAIL'}${score.wrongActions.length ? ` (${score.wrongActions.length} wrong)` : ''}\n`,
    );
  }
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ endpoint: { baseUrl: endpoint.baseUrl, model: endpoint.model }, scores, totals: totals(scores) }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`\n${formatScorecard(scores, heading)}\n`);
  }
  return totals(scores).wrongActions > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The evaluation could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
