// The no-tools mode: a model whose server refuses `tools` (refusal.ts) still reads the
// patient. One JSON-mode call classifies the request and pulls out the service, the day,
// the option chosen (intent.ts); the code then runs the menu's own agenda steps through
// the same scoped tools (menu.ts), so the patient is answered in words, a booking is
// made only by the code, and nothing the model writes can name a price or a time that
// the catalogue or the agenda did not give. Where the exchange stands travels on the
// reply (`meta.menu`, with `reason: 'no_tools'`) exactly as the menu's does.
import type { Logger } from '../../kernel/logger.js';
import { externalError } from '../../kernel/logger.js';
import { FALLBACK_REPLY, type Reply, type ReplyInput } from '../assistant.js';
import { createChatCompletion } from '../chat-completion.js';
import { fold } from '../language.js';
import { menuStateSchema, menuTurn, offerSlots, type MenuReply, type MenuState } from '../menu.js';
import type { MenuTexts } from '../menu-texts.js';
import { readModelMessage } from '../model-output.js';
import { classifyError, loadSdk, type OpenAIClients } from '../openai-client.js';
import { buildMessages } from '../prompt.js';
import { boundReply } from '../reply-length.js';
import type { AgentSettingsStore } from '../settings.js';
import { TOOL_NAMES, runTool } from '../tools/registry.js';
import type { ToolContext } from '../tools/tool.js';
import { intentInstructions, readIntent, type Intent } from './intent.js';

export interface NoToolsDeps {
  clients: OpenAIClients;
  settings: AgentSettingsStore;
  log: Logger;
  clock: () => number;
  started: number;
  /** The clinic's tone in the patient's language, and the menu's opening line in it. */
  texts: MenuTexts;
  greeting: string;
  /** What the patient said since the last reply. */
  lastText: string;
  /** The tools' view of this chat; `handoff` is told when a step hands the chat to a person. */
  context(handoff: (reason: string) => void): ToolContext;
}

const NO_TOOL_NAMES: ReadonlySet<string> = new Set();

export async function noToolsTurn(input: ReplyInput, deps: NoToolsDeps): Promise<Reply> {
  let handoff: string | undefined;
  const ctx = deps.context((reason) => (handoff ??= reason));
  const model = deps.settings.get('ai.model');
  const state = lastNoToolsState(input.history);
  const asked = await askForIntent(input, deps, ctx, state);
  const usage = { model, promptTokens: asked.usage.prompt, completionTokens: asked.usage.completion };
  if (!asked.intent)
    return {
      text: FALLBACK_REPLY,
      meta: { mode: 'fallback', reason: asked.reason, latencyMs: deps.clock() - deps.started, ...usage },
    };
  const step = act(asked.intent, state, ctx, deps);
  handoff ??= step.handoff;
  return {
    text: step.text,
    meta: {
      mode: 'llm',
      reason: 'no_tools',
      latencyMs: deps.clock() - deps.started,
      ...usage,
      menu: step.state,
      ...(handoff ? { handoff } : {}),
    },
  };
}

type Asked = { intent: Intent; usage: Usage; reason?: never } | { intent?: never; usage: Usage; reason: string };
interface Usage {
  prompt: number;
  completion: number;
}

/** The one model call of the turn: the usual prompt, closed by the JSON instructions. */
async function askForIntent(
  input: ReplyInput,
  deps: NoToolsDeps,
  ctx: ToolContext,
  state: MenuState | null,
): Promise<Asked> {
  const usage = { prompt: 0, completion: 0 };
  const OpenAISdk = await loadSdk();
  let client;
  try {
    client = deps.clients.get(OpenAISdk, deps.settings.get('ai.baseUrl'));
  } catch {
    return { usage, reason: 'keychain_unavailable' };
  }
  if (!client) return { usage, reason: 'not_configured' };
  const { settings } = deps;
  const messages = buildMessages(
    settings,
    input.conversation,
    input.history,
    new Date(ctx.now),
    false,
    ctx.db,
    input.context,
  );
  const zone = settings.get('clinic.timeZone');
  messages.push({
    role: 'system',
    content: intentInstructions(state, zone, ctx.now, knowledgeFor(ctx, deps.lastText)),
  });
  const timeoutMs = settings.get('ai.timeoutMs');
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    const completion = await createChatCompletion(
      client,
      {
        model: settings.get('ai.model'),
        messages,
        temperature: 0,
        max_tokens: settings.get('ai.maxTokens'),
        // JSON mode where the server has it (Ollama, llama.cpp, vLLM); one that refuses it is asked without (chat-completion.ts).
        response_format: { type: 'json_object' },
      },
      { signal: deadline.signal, timeout: timeoutMs, maxRetries: 0 },
    );
    usage.prompt = completion.usage?.prompt_tokens ?? 0;
    usage.completion = completion.usage?.completion_tokens ?? 0;
    // Reasoning (`<think>`) goes first; what is left must hold the JSON object.
    const intent = readIntent(readModelMessage(completion.choices[0]?.message, NO_TOOL_NAMES, 0).text);
    return intent ? { intent, usage } : { usage, reason: 'bad_response' };
  } catch (error) {
    const reason = deadline.signal.aborted ? 'timeout' : classifyError(OpenAISdk, error);
    deps.log.warn({ reason, failure: externalError(error) }, 'the no-tools turn fell back to the polite reply');
    return { usage, reason };
  } finally {
    clearTimeout(timer);
  }
}

/** What the clinic's knowledge says about the patient's words, for a `faq` answer grounded in it. */
function knowledgeFor(ctx: ToolContext, said: string): string {
  if (said.trim().length < 3) return '';
  return ctx.knowledge
    .search(said, 3)
    .map((s) => `- ${s.title}: ${s.excerpt}`)
    .join('\n');
}

const ANSWERS_AN_OFFER = new Set<Intent['intent']>(['book', 'confirm', 'cancel', 'other']);

/** The agenda step the request calls for, through the menu's steps (the same scoped tools, the same texts). */
function act(intent: Intent, state: MenuState | null, ctx: ToolContext, deps: NoToolsDeps): MenuReply {
  const { texts: t, greeting } = deps;
  const menu = (said: string, at: MenuState | null = { step: 'main' }) => menuTurn(said, at, ctx, t, greeting);
  if (state && state.step !== 'main') {
    if (state.step === 'name' && intent.name) return menu(intent.name, state);
    if (intent.option && ANSWERS_AN_OFFER.has(intent.intent)) {
      const step = menu(String(intent.option), state);
      // "el segundo, soy Marta Gómez": the name the booking asked for was already given.
      return step.state?.step === 'name' && intent.name ? menu(intent.name, step.state) : step;
    }
    if (state.step === 'slot' && intent.intent === 'book' && !intent.service && (intent.date || intent.partOfDay))
      return slotsFor(ctx, t, state.serviceId, intent);
  }
  switch (intent.intent) {
    case 'faq':
    case 'other':
      return { text: modelReply(intent.reply, t) ?? menu('', null).text, state: null };
    case 'prices':
      return menu('1'); // the services with their price and length, from the catalogue
    case 'book': {
      const serviceId = serviceIdFor(ctx, intent.service);
      return serviceId === null ? menu('1') : slotsFor(ctx, t, serviceId, intent);
    }
    case 'my_appointments':
      return menu('2');
    case 'cancel':
      return menu('3');
    case 'handoff':
      return menu('4');
    case 'reschedule':
    case 'confirm':
      // No step of the menu moves or confirms an appointment yet: a person does, and is told why.
      return {
        text: t.handingOff,
        state: null,
        handoff: intent.intent === 'reschedule' ? 'Quiere cambiar un turno' : 'Quiere confirmar un turno',
      };
  }
}

/** Options for the day asked for; the nearest ones when that day has none. */
function slotsFor(ctx: ToolContext, t: MenuTexts, serviceId: number, intent: Intent): MenuReply {
  const offer = offerSlots(ctx, t, serviceId, { date: intent.date, partOfDay: intent.partOfDay });
  return offer.handoff && intent.date ? offerSlots(ctx, t, serviceId, { partOfDay: intent.partOfDay }) : offer;
}

/** The catalogue service the patient named: the only one, or the one whose name matches; null when unclear. */
function serviceIdFor(ctx: ToolContext, wanted: Intent['service']): number | null {
  const listed = runTool('list_services', '{}', ctx).result as {
    services?: Array<{ serviceId: number; name: string }>;
  };
  const services = listed.services ?? [];
  if (typeof wanted === 'number') return services.find((s) => s.serviceId === wanted)?.serviceId ?? null;
  if (!wanted) return services.length === 1 ? services[0]!.serviceId : null;
  const asked = fold(wanted);
  const hits = services.filter((s) => fold(s.name).includes(asked) || asked.includes(fold(s.name)));
  return hits.length === 1 ? hits[0]!.serviceId : null;
}

/** The model's own words (faq, other), only when clean of its internals; bounded like any reply. */
function modelReply(reply: string | null | undefined, t: MenuTexts): string | null {
  if (!reply) return null;
  const output = readModelMessage({ content: reply }, TOOL_NAMES, 0);
  if (output.leaked || output.toolCalls.length || !output.text) return null;
  return boundReply(output.text, t.cutShort);
}

/** Where this chat's no-tools exchange stands, from its newest reply (a person stepping in ends it). */
function lastNoToolsState(history: ReplyInput['history']): MenuState | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    if (m.role === 'staff') return null;
    if (m.role !== 'assistant') continue;
    if (m.meta?.reason !== 'no_tools' || !m.meta.menu) return null;
    const state = menuStateSchema.safeParse(m.meta.menu);
    return state.success ? state.data : null;
  }
  return null;
}
