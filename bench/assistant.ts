// The assistant's side of a turn, without the model: how big the prompt is with the demo
// clinic and a 20-message window (counted with a real tokenizer, o200k_base — GPT-4o's),
// and what building it and running two typical tools costs per turn. The reference for
// the overhead is one plain read of the thread page, measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { getConversation } from '../db/repos/conversations.js';
import { enqueueOutgoing, listMessages } from '../db/repos/messages.js';
import { listServices } from '../db/repos/services.js';
import { buildMessages } from '../main/agent/prompt.js';
import { TOOL_PARAMS, runTool } from '../main/agent/tools/registry.js';
import type { ToolContext } from '../main/agent/tools/tool.js';
import { createAgenda } from '../main/agenda/index.js';
import { loadBootConfig } from '../main/kernel/config.js';
import { startCore } from '../main/app/core.js';
import type { Keychain } from '../main/secrets/keychain.js';
import { KnowledgeService } from '../main/knowledge/service.js';
import { SecretStore } from '../main/secrets/secret-store.js';
import { coreEnv } from './spawn-core.js';
import { info, percentile, report } from './stats.js';

const TARGET_PROMPT_TOKENS = 2_500;
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

    const encoder = new Tiktoken(o200k);
    const count = (text: string) => encoder.encode(text).length;
    const messages = buildMessages(core.settings, conversation, history, new Date(), true, core.db);
    const parts = {
      stable: count(String(messages[0]!.content)),
      turn: count(String(messages[1]!.content)),
      history: messages.slice(2).reduce((n, m) => n + count(String(m.content)) + 4, 0),
      tools: count(JSON.stringify(TOOL_PARAMS)),
    };
    const total = parts.stable + parts.turn + parts.history + parts.tools;
    report({
      name: 'assistant_prompt_tokens',
      value: total,
      unit: 'tokens',
      target: { value: TARGET_PROMPT_TOKENS, kind: 'max' },
      note: `demo clinic, ${history.length}-message window, o200k_base; stable prefix ${parts.stable}, turn ${parts.turn}, messages ${parts.history}, tool definitions ${parts.tools}`,
    });

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
