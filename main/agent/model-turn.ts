// One turn with the model: the chat completion, the tool rounds, and the claim check on
// the words that come out of it (claim-check.ts). Whatever goes wrong comes back as a
// `fallback` reply with a stable reason and the tools that did run — the assistant decides
// what the patient gets (assistant.ts).
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Db } from '../../db/client.js';
import { externalError, type Logger } from '../kernel/logger.js';
import type { AgentSettingsStore } from './settings.js';
import { classifyError, loadSdk, type OpenAIClients } from './openai-client.js';
import { createChatCompletion } from './chat-completion.js';
import { checkClaims, factsForModel, safeReply, stateWrites } from './claim-check.js';
import { buildMessages } from './prompt.js';
import { readModelMessage } from './model-output.js';
import { retryingOnce429 } from './rate-limit.js';
import { boundReply } from './reply-length.js';
import type { MenuTexts } from './menu-texts.js';
import { TOOL_NAMES, TOOL_PARAMS, runTool } from './tools/registry.js';
import type { ToolContext } from './tools/tool.js';
import type { Reply, ReplyInput, ReplyMeta, ToolCallRecord } from './assistant.js';

/** A tool result longer than this is cut before it goes back to the model. */
const MAX_TOOL_RESULT_CHARS = 4_000;

export interface ModelTurnDeps {
  settings: AgentSettingsStore;
  clients: OpenAIClients;
  log: Logger;
  clock: () => number;
  db: Db | null;
  /** The tools' view of the chat (null: the model only talks); `handoff` hears handoff_to_human. */
  toolContext(handoff: (reason: string) => void): Omit<ToolContext, 'now'> | null;
  texts: MenuTexts;
}

type Completion = Awaited<ReturnType<typeof createChatCompletion>>;

export async function modelTurn(deps: ModelTurnDeps, input: ReplyInput, started: number): Promise<Reply> {
  const { settings, clock } = deps;
  const OpenAISdk = await loadSdk();
  let client: OpenAI | null;
  try {
    client = deps.clients.get(OpenAISdk, settings.get('ai.baseUrl'));
  } catch (error) {
    deps.log.error({ err: error }, 'the AI key could not be read; answering with the polite reply');
    return failed(deps, started, { reason: 'keychain_unavailable' });
  }
  if (!client) return failed(deps, started, { reason: 'not_configured' });

  const model = settings.get('ai.model');
  const timeoutMs = settings.get('ai.timeoutMs');
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const calls: ToolCallRecord[] = [];
  let handoff: string | undefined;
  let claimCheck: ReplyMeta['claimCheck'];
  const usage = { prompt: 0, completion: 0, cached: 0 };
  const context = deps.toolContext((reason) => (handoff ??= reason));
  const messages: ChatCompletionMessageParam[] = buildMessages(
    settings,
    input.conversation,
    input.history,
    new Date(clock()),
    context !== null,
    deps.db,
    input.context,
  );
  const extras = (): Partial<ReplyMeta> => ({
    model,
    promptTokens: usage.prompt,
    completionTokens: usage.completion,
    ...(usage.cached ? { cachedTokens: usage.cached } : {}),
    ...(calls.length ? { tools: calls } : {}),
    ...(handoff ? { handoff } : {}),
    ...(claimCheck ? { claimCheck } : {}),
  });
  const complete = async (toolChoice: 'auto' | 'none'): Promise<Completion> => {
    const completion = await retryingOnce429(
      () =>
        createChatCompletion(
          client,
          {
            model,
            messages,
            temperature: settings.get('ai.temperature'),
            max_tokens: settings.get('ai.maxTokens'),
            ...(context ? { tools: TOOL_PARAMS, tool_choice: toolChoice } : {}),
          },
          { signal: deadline.signal, timeout: timeoutMs, maxRetries: 0 },
        ),
      deadline.signal,
      clock,
    );
    usage.prompt += completion.usage?.prompt_tokens ?? 0;
    usage.completion += completion.usage?.completion_tokens ?? 0;
    usage.cached += completion.usage?.prompt_tokens_details?.cached_tokens ?? 0;
    return completion;
  };
  try {
    for (let round = 0; ; round++) {
      const choice = (await complete('auto')).choices?.[0];
      // Local servers answer in shapes of their own: reasoning, tool calls as text (model-output.ts).
      const output = readModelMessage(choice?.message, TOOL_NAMES, round);
      const toolCalls = output.toolCalls;
      if (context && toolCalls.length > 0) {
        if (round >= settings.get('ai.maxToolRounds'))
          return failed(deps, started, { reason: 'tool_rounds', ...extras() });
        messages.push({ role: 'assistant', content: output.text || null, tool_calls: toolCalls });
        for (const call of toolCalls) {
          const outcome = runTool(call.function.name, call.function.arguments, { ...context, now: clock() });
          if (outcome.failure)
            deps.log.error({ err: outcome.failure, tool: call.function.name }, 'assistant tool failed');
          calls.push({
            name: call.function.name,
            arguments: call.function.arguments.slice(0, 1_000),
            ok: outcome.ok,
            result: outcome.result,
          });
          messages.push({
            role: 'tool',
            tool_call_id: call.id,
            content: JSON.stringify(outcome.result).slice(0, MAX_TOOL_RESULT_CHARS),
          });
        }
        continue;
      }
      // Anything of the model's internals still in the words goes nowhere near the patient.
      if (output.leaked || (toolCalls.length > 0 && !context))
        return failed(deps, started, { reason: 'bad_response', ...extras() });
      if (!output.text) return failed(deps, started, { reason: 'empty', ...extras() });
      const said = boundReply(output.text, deps.texts.cutShort, choice?.finish_reason === 'length');
      const verdict = checkClaims(said, calls);
      let text = stateWrites(said, verdict.unstated, deps.texts);
      if (verdict.unbacked.length) {
        // The reply claims a change that did not happen: the model gets the facts and one more try, without tools.
        messages.push(
          { role: 'assistant', content: output.text },
          { role: 'user', content: factsForModel(verdict.unbacked, calls) },
        );
        const again = await complete('none').then(
          (c) => readModelMessage(c.choices?.[0]?.message, TOOL_NAMES, round + 1),
          () => null,
        );
        const retried =
          again && !again.leaked && !again.toolCalls.length && again.text
            ? boundReply(again.text, deps.texts.cutShort)
            : null;
        const recheck = retried === null ? null : checkClaims(retried, calls);
        claimCheck = recheck && !recheck.unbacked.length ? 'asked_again' : 'safe_reply';
        text =
          recheck && !recheck.unbacked.length
            ? stateWrites(retried!, recheck.unstated, deps.texts)
            : safeReply(calls, deps.texts);
      } else if (verdict.unstated.length) claimCheck = 'label_added';
      return { text, meta: { mode: 'llm', latencyMs: clock() - started, ...extras() } };
    }
  } catch (error) {
    const reason = deadline.signal.aborted ? 'timeout' : classifyError(OpenAISdk, error);
    deps.log.warn({ reason, model, failure: externalError(error) }, 'assistant fell back to the polite reply');
    return failed(deps, started, { reason, ...extras() });
  } finally {
    clearTimeout(timer);
  }
}

/** No model words this turn: the polite reply (assistant.ts turns it into a kept promise, or a confirmation of what was done). */
function failed(deps: ModelTurnDeps, started: number, meta: Partial<ReplyMeta> & { reason: string }): Reply {
  return { text: deps.texts.cannotAnswer, meta: { mode: 'fallback', latencyMs: deps.clock() - started, ...meta } };
}
