// `npm run eval`: the scenario suite against a real model endpoint (eval/cli.ts).
//
//   npm run eval -- [--base-url URL] [--model NAME] [--api-key-env VAR] [--only book,faq] [--k 3] [--min 0.8] [--json] [--progress]
import { runCli } from './cli.js';

runCli(process.argv.slice(2), {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
}).then(
  ({ code }) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The evaluation could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
