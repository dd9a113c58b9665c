// The assistant's side of a turn, without the model: how big the prompt is with the demo
// clinic, on a chat's first turn and on a late booking turn (prompt-tokens.ts counts them
// with cl100k and o200k), and what building it and running two typical tools costs per turn. The reference for
// the overhead is one plain read of the thread page, measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getConversation } from '../db/repos/conversations.js';
import { enqueueOutgoing, listMessages } from '../db/repos/messages.js';
import { listServices } from '../db/repos/services.js';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { buildMessages } from '../main/agent/prompt.js';
import { runTool } from '../main/agent/tools/registry.js';
import type { ToolContext } from '../main/agent/tools/tool.js';
import { createAgenda } from '../main/agenda/index.js';
import { loadBootConfig } from '../main/kernel/config.js';
import { startCore } from '../main/app/core.js';
import type { Keychain } from '../main/secrets/keychain.js';
import { KnowledgeService } from '../main/knowledge/service.js';
import { SecretStore } from '../main/secrets/secret-store.js';
import { coreEnv } from './spawn-core.js';
import { info, percentile, report } from './stats.js';
import { reportPromptTokens, reportStablePrefix } from './prompt-tokens.js';

const TARGET_OVERHEAD_P99_MS = 20;
const WINDOW = 20;
const ROUNDS = 200;

const memoryKeychain = (): Keychain => {
  const store = new Map<string, string>();
  return { get: (a) => store.get(a) ?? null, set: (a, v) => void store.set(a, v), delete: (a) => void store.delete(a) };
};

/** A realistic exchange: a patient asking about a cleaning, prices, a slot, and confirming. */
const EXCHANGE = [
  'Hola! quería saber si tienen turno para una limpieza dental esta semana',
  '¿Cuánto sale? ¿Aceptan OSDE?',
  'Dale, el jueves a la tarde me viene bien si hay',
  'Perfecto, reservame ese. Mi nombre es Carolina Méndez',
  '¿Tengo que ir en ayunas o algo?',
];

export async function runAssistant(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-assistant-'));
  const env = coreEnv(dataDir, 'http://127.0.0.1:9/v1');
  const keychain = memoryKeychain();
  const core = await startCore({ config: loadBootConfig(env, ['--demo']), env, keychain });
  try {
    // The assistant stays quiet; the bench builds the turns itself.
    core.settings.update({ 'assistant.mode': 'off', 'pipeline.debounceMs': 0 });
    const from = '+5491155550123';
    let conversationId = 0;
    for (let i = 0; i < WINDOW / 2; i++) {
      const outcome = await core.simulator.receive({
        from,
        name: 'Carolina Méndez',
        text: EXCHANGE[i % EXCHANGE.length]!,
      });
      conversationId = outcome.conversationId!;
    }
    await core.turns.idle();
    // The other half of the window: the assistant's answers, as they would be stored.
    for (let i = 0; i < WINDOW / 2; i++) {
      enqueueOutgoing(core.db, {
        conversationId,
        provider: 'simulator',
        role: 'assistant',
        text: '¡Hola Carolina! Sí, tenemos turnos para limpieza dental esta semana: el jueves 16:00 o 17:30 con la Dra. Ana Pérez. La limpieza sale $ 35.000 y con OSDE tiene cobertura. ¿Cuál te queda mejor?',
      });
    }
    const conversation = getConversation(core.db, conversationId)!;
    const history = listMessages(core.db, conversationId, { limit: WINDOW });
    const late = buildMessages(core.settings, conversation, history, new Date(), true, core.db);
    // Overhead per turn without the model: build the prompt, run two typical tools.
    const agenda = createAgenda({
      db: core.db,
      settings: core.settings,
      events: core.events,
      secrets: new SecretStore(keychain, 'bench', {}),
    });
    const context: ToolContext = {
      db: core.db,
      settings: core.settings,
      agenda,
      knowledge: new KnowledgeService(core.db, core.events),
      conversationId,
      patientId: conversation.patientId!,
      channel: conversation.channel,
      now: Date.now(),
      handoff: () => {},
    };
    const serviceId = listServices(core.db)[0]!.id;
    late.push(...searchAndPropose(context, serviceId));
    const first = await firstTurn(core, '+5491155550999');
    reportPromptTokens(first, late, history.length);
    reportStablePrefix(first, late);
    const overhead: number[] = [];
    const plainRead: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      listMessages(core.db, conversationId, { limit: WINDOW });
      plainRead.push(performance.now() - t);
      t = performance.now();
      const turnHistory = listMessages(core.db, conversationId, { limit: WINDOW });
      buildMessages(core.settings, conversation, turnHistory, new Date(), true, core.db);
      runTool('search_knowledge', JSON.stringify({ query: 'limpieza obra social' }), { ...context, now: Date.now() });
      runTool('find_available_slots', JSON.stringify({ serviceId, limit: 5 }), { ...context, now: Date.now() });
      overhead.push(performance.now() - t);
    }
    info(
      'assistant_overhead_p50_ms',
      percentile(overhead, 50),
      'ms (prompt build + search_knowledge + find_available_slots)',
    );
    report({
      name: 'assistant_overhead_p99_ms',
      value: percentile(overhead, 99),
      unit: 'ms',
      reference: { label: 'thread read p99', value: percentile(plainRead, 99) },
      target: { value: TARGET_OVERHEAD_P99_MS, kind: 'max' },
    });
  } finally {
    await core.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A late turn's own rounds: the model searched slots and proposed the first (book_appointment
 * without `confirmed`, its pending result), each call with its result. The write itself
 * comes in the next turn, after the patient's yes, with a smaller prompt (one call).
 */
function searchAndPropose(context: ToolContext, serviceId: number): ChatCompletionMessageParam[] {
  const round = (id: string, name: string, args: object): ChatCompletionMessageParam[] => {
    const result = runTool(name, JSON.stringify(args), { ...context, now: Date.now() }).result;
    return [
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }],
      },
      { role: 'tool', tool_call_id: id, content: JSON.stringify(result) },
    ];
  };
  const search = round('call_1', 'find_available_slots', { serviceId, limit: 5 });
  const found = JSON.parse(String(search[1]!.content)) as { options?: Array<{ slotId: string }> };
  const option = found.options?.[0];
  if (!option) throw new Error('the demo clinic has no free slot to book in the bench');
  const proposal = round('call_2', 'book_appointment', { slotId: option.slotId, patientName: 'Carolina Méndez' });
  if (!('pending' in (JSON.parse(String(proposal[1]!.content)) as object)))
    throw new Error(`the bench's booking was not proposed: ${String(proposal[1]!.content)}`);
  return [...search, ...proposal];
}

/** A new patient's first message: the prompt the clinic pays for most often. */
async function firstTurn(
  core: Awaited<ReturnType<typeof startCore>>,
  from: string,
): Promise<ChatCompletionMessageParam[]> {
  const outcome = await core.simulator.receive({ from, name: 'Julián Ríos', text: EXCHANGE[0]! });
  await core.turns.idle();
  const conversation = getConversation(core.db, outcome.conversationId!)!;
  const history = listMessages(core.db, conversation.id, { limit: WINDOW });
  return buildMessages(core.settings, conversation, history, new Date(), true, core.db);
}
