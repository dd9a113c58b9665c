// A local model's quirks through a real turn: the scripted OpenAI-compatible server
// answers as Ollama, LM Studio or llama.cpp do (reasoning in the content, tool calls
// written as text, `arguments` as an object, no ids, a runaway reply), and what reaches
// the patient is only the words meant for them, at most three bubbles.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FALLBACK_REPLY } from '../../main/agent/assistant.js';
import { MAX_REPLY_CHARS } from '../../main/agent/reply-length.js';
import type { Service } from '../../main/http/agenda-types.js';
import { nextMonday, setUpClinic } from '../helpers/clinic.js';
import { startFakeOpenAI, type FakeOpenAI, type RecordedRequest } from '../fakes/fake-openai.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { patientSays as say } from '../helpers/patient-says.js';
import { personWillAnswer } from '../helpers/person-promise.js';

let llm: FakeOpenAI;
let core: TestCore;
let consulta: Service;
let phone = 0;

const toolResults = (req: RecordedRequest | undefined): Array<Record<string, unknown>> =>
  (req?.body.messages ?? [])
    .filter((m) => m.role === 'tool')
    .map((m) => JSON.parse(String(m.content)) as Record<string, unknown>);

/** A new patient writes; resolves with the bubbles the assistant queued for them and the model requests of the turn. */
async function patientSays(text: string) {
  const said = await say(core, { from: `+54911610000${String(++phone).padStart(2, '0')}`, text }, { llm });
  const bubbles = said.replies;
  return { bubbles, texts: bubbles.map((m) => m.text), requests: said.requests };
}

const fromDate = () => nextMonday.plus({ days: 1 }).toISODate()!;

beforeAll(async () => {
  llm = await startFakeOpenAI();
  core = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-model-output' } });
  await core.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
  ({ service: consulta } = await setUpClinic(core));
});
afterAll(async () => {
  await core?.stop();
  await llm?.close();
});
beforeEach(() => llm.setFallback({ reply: 'Listo.' }));

describe("a local model's output reaches the patient clean", () => {
  it('a qwen3 reply with <think> reaches the patient without it', async () => {
    llm.enqueue({
      reply:
        '<think>\nOkay, the patient says hola. I should greet them and offer help. Let me keep it short.\n</think>\n\n¡Hola! ¿En qué te puedo ayudar?',
    });
    const { texts, bubbles } = await patientSays('hola');
    expect(texts).toEqual(['¡Hola! ¿En qué te puedo ayudar?']);
    expect(bubbles[0]!.meta).toMatchObject({ mode: 'llm' });
  });

  it('a <tool_call> written as text is run as a tool call (a quoted id read as the number), and none of it is sent', async () => {
    const call = `<tool_call>\n{"name": "find_available_slots", "arguments": {"serviceId": "${consulta.id}", "fromDate": "${fromDate()}", "limit": 2}}\n</tool_call>`;
    llm.enqueue({ reply: call }, { reply: 'Tengo lugar el martes a la mañana. ¿Te sirve?' });
    const { texts, bubbles, requests } = await patientSays('¿tenés turno el martes?');
    expect(requests).toHaveLength(2);
    const [slots] = toolResults(requests[1]);
    expect(slots).not.toHaveProperty('error');
    expect(slots).toHaveProperty('options');
    const asked = requests[1]!.body.messages!.find((m) => m.role === 'assistant') as unknown as {
      content: string | null;
      tool_calls: Array<{ id: string; function: { name: string } }>;
    };
    expect(asked.tool_calls.map((c) => c.function.name)).toEqual(['find_available_slots']);
    expect(asked.content).toBeNull();
    expect(texts).toEqual(['Tengo lugar el martes a la mañana. ¿Te sirve?']);
    expect((bubbles[0]!.meta as { tools: Array<{ name: string; ok: boolean }> }).tools).toEqual([
      expect.objectContaining({ name: 'find_available_slots', ok: true }),
    ]);
  });

  it('a bare JSON call (qwen2.5-coder on Ollama) is run too; digits with letters are still refused', async () => {
    llm.enqueue(
      { reply: `{"name": "find_available_slots", "arguments": {"serviceId": "${consulta.id}abc"}}` },
      { reply: 'No pude buscar, ¿me decís qué servicio?' },
    );
    const { texts, requests } = await patientSays('turno');
    expect(toolResults(requests[1])[0]).toMatchObject({ error: 'INVALID_ARGUMENTS' });
    expect(texts).toEqual(['No pude buscar, ¿me decís qué servicio?']);
  });

  it('tool calls with `arguments` as an object, no `type` and no `id` (llama.cpp, Ollama) work', async () => {
    llm.enqueue(
      {
        message: {
          role: 'assistant',
          content: '',
          tool_calls: [
            { function: { name: 'find_available_slots', arguments: { serviceId: consulta.id, fromDate: fromDate() } } },
          ],
        },
        finishReason: 'tool_calls',
      },
      { reply: 'Tengo el martes.' },
    );
    const { texts, requests } = await patientSays('quiero turno');
    expect(toolResults(requests[1])[0]).toHaveProperty('options');
    const messages = requests[1]!.body.messages as unknown as Array<Record<string, unknown>>;
    const asked = messages.find((m) => m.role === 'assistant') as { tool_calls: Array<{ id: string; type: string }> };
    const answered = messages.find((m) => m.role === 'tool') as { tool_call_id: string };
    expect(asked.tool_calls[0]!.type).toBe('function');
    expect(asked.tool_calls[0]!.id).toBeTruthy();
    expect(answered.tool_call_id).toBe(asked.tool_calls[0]!.id);
    expect(texts).toEqual(['Tengo el martes.']);
  });

  it('what still looks like a tool call is never sent: the polite reply goes instead, as a bad response', async () => {
    llm.enqueue({ reply: 'Dejame revisar con find_available_slots y te aviso.' });
    const { texts, bubbles } = await patientSays('¿hay turno?');
    expect(texts).toEqual([`${FALLBACK_REPLY} ${personWillAnswer(core)}`]);
    expect(bubbles[0]!.meta).toMatchObject({ mode: 'fallback', reason: 'bad_response', handoff: expect.any(String) });
  });

  it('a 60,000-character reply is sent as at most 3 bubbles and about 1,200 characters, cut at a sentence', async () => {
    const sentence = 'La consulta incluye una revisión completa y el control de la presión. ';
    llm.enqueue({ reply: sentence.repeat(Math.ceil(60_000 / sentence.length)).slice(0, 60_000) });
    const { texts } = await patientSays('contame todo de la consulta');
    expect(texts.length).toBeGreaterThanOrEqual(1);
    expect(texts.length).toBeLessThanOrEqual(3);
    const sent = texts.join('\n\n');
    expect(sent.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    expect(sent).toMatch(/presión\.\n\nHasta acá lo principal; si querés más detalle, preguntame\.$/);
  });

  it('a reply the server stopped at max_tokens goes out without its unfinished sentence', async () => {
    llm.enqueue({
      message: { role: 'assistant', content: 'Tenemos dos opciones para la consulta. La primera es el jueves a las' },
      finishReason: 'length',
    });
    const { texts } = await patientSays('¿qué opciones hay?');
    expect(texts).toEqual([
      'Tenemos dos opciones para la consulta.\n\nHasta acá lo principal; si querés más detalle, preguntame.',
    ]);
  });

  it('every chat completion carries max_tokens (Ajustes: ai.maxTokens, 600 by default)', () => {
    const requests = llm.chatRequests();
    expect(requests.length).toBeGreaterThan(5);
    for (const r of requests) expect(r.body.max_tokens).toBe(600);
  });
});
