// Plays a scenario's script as the model behind the scripted OpenAI-compatible server:
// each chat completion takes the next step of the current turn; a step written from the
// tool results (`replyFrom`) reads the results the request carries since the patient's
// latest message, as a real model does. Used by the eval's own tests.
import type { RunHooks } from '../../eval/harness.js';
import type { Scenario, ScriptMemo, ScriptStep, SeenResults } from '../../eval/suite.js';
import type { FakeOpenAI, RecordedRequest } from '../fakes/fake-openai.js';

/** The tool results sent to the model since the patient's latest message. */
function seenResults(req: RecordedRequest): SeenResults {
  const messages = req.body.messages ?? [];
  let i = messages.length - 1;
  while (i >= 0 && messages[i]!.role !== 'user') i--;
  return messages
    .slice(i + 1)
    .filter((m) => m.role === 'tool')
    .map((m) => {
      try {
        return JSON.parse(String(m.content)) as Record<string, unknown>;
      } catch {
        return {};
      }
    });
}

/**
 * `script` picks which policy plays each scenario (default: the scenario's own careful
 * script); requests for the `patient` model (the simulated patient's) are answered by `patient`.
 */
export function scriptedPolicy(
  llm: FakeOpenAI,
  script: (s: Scenario) => Scenario['script'] = (s) => s.script,
  patient?: { model: string; reply: (req: RecordedRequest) => string },
): RunHooks {
  let steps: ScriptStep[] = [];
  let memo: ScriptMemo = {};
  // Anything a script did not foresee is a plain answer, never a hang.
  llm.setFallback((req) => {
    if (patient && req.body.model === patient.model) return { reply: patient.reply(req) };
    const step = steps.shift();
    if (!step) return { reply: 'Perdón, ¿me lo repetís?' };
    if ('replyFrom' in step) return { reply: step.replyFrom(seenResults(req), memo) };
    if ('toolCallsFrom' in step) return { toolCalls: step.toolCallsFrom(memo) };
    return step;
  });
  return {
    beforeTurn: async (scenario, index, ctx) => {
      if (index === 0) memo = {};
      const turn = script(scenario)[index];
      steps = turn ? [...(await turn(ctx))] : [];
    },
    turnTimeoutMs: 20_000,
  };
}
