// What local OpenAI-compatible servers really answer (shapes taken from the bug reports
// cited in main/agent/model-output.ts), made into words for the patient and tool calls.
import { describe, expect, it } from 'vitest';
import { readModelMessage } from '../../main/agent/model-output.js';

const TOOLS = new Set(['find_available_slots', 'book_appointment', 'list_services']);
const read = (message: unknown, round = 0) => readModelMessage(message, TOOLS, round);

describe('reasoning is never part of the reply', () => {
  it('strips a qwen3 <think> block as Ollama sends it', () => {
    const out = read({
      role: 'assistant',
      content:
        '<think>\nOkay, the user said "Hola" so I need to respond appropriately. Let me check the guidelines.\n</think>\n\n¡Hola! ¿En qué te puedo ayudar?',
    });
    expect(out).toEqual({ text: '¡Hola! ¿En qué te puedo ayudar?', toolCalls: [], leaked: false });
  });

  it('strips an empty <think></think> (qwen3 with thinking off) and several blocks', () => {
    expect(read({ content: '<think>\n\n</think>\n\nSí, atendemos los sábados.' }).text).toBe(
      'Sí, atendemos los sábados.',
    );
    expect(read({ content: '<think>a</think>Hola.<think>b</think> ¿Qué día?' }).text).toBe('Hola. ¿Qué día?');
  });

  it('drops everything before a lone </think> (a template that opened the block itself)', () => {
    expect(read({ content: 'The patient wants a slot on Thursday.\n</think>\n\nTengo el jueves a las 15.' }).text).toBe(
      'Tengo el jueves a las 15.',
    );
  });

  it('an unclosed <think> (cut by max_tokens while thinking) leaves nothing to send', () => {
    const out = read({ content: '<think>\nThe user asks about prices. I should look at the catalogue and' });
    expect(out.text).toBe('');
    expect(out.toolCalls).toEqual([]);
  });

  it("keeps only gpt-oss's final channel; analysis alone is a bad response", () => {
    const harmony =
      '<|channel|>analysis<|message|>User says "hola". Reply politely.<|end|><|start|>assistant<|channel|>final<|message|>¡Hola! ¿En qué te ayudo?<|return|>';
    expect(read({ content: harmony })).toMatchObject({ text: '¡Hola! ¿En qué te ayudo?', leaked: false });
    expect(read({ content: '<|channel|>analysis<|message|>User wants a slot.<|end|>' })).toMatchObject({
      text: '',
      leaked: true,
    });
  });

  it('drops end-of-turn tokens a template left at the end', () => {
    expect(read({ content: 'Te espero el jueves.<|im_end|>' })).toMatchObject({
      text: 'Te espero el jueves.',
      leaked: false,
    });
    expect(read({ content: 'Listo.<|eot_id|>\n' }).text).toBe('Listo.');
  });
});

describe('tool calls written as text become tool calls', () => {
  it('reads Hermes/Qwen2.5 <tool_call> blocks, one or several, with ids stable within the turn', () => {
    const out = read(
      {
        role: 'assistant',
        content:
          '<tool_call>\n{"name": "list_services", "arguments": {}}\n</tool_call>\n<tool_call>\n{"name": "find_available_slots", "arguments": {"serviceId": 2, "fromDate": "2026-12-10"}}\n</tool_call>',
      },
      3,
    );
    expect(out.text).toBe('');
    expect(out.leaked).toBe(false);
    expect(out.toolCalls).toEqual([
      { id: 'call_3_0', type: 'function', function: { name: 'list_services', arguments: '{}' } },
      {
        id: 'call_3_1',
        type: 'function',
        function: { name: 'find_available_slots', arguments: '{"serviceId":2,"fromDate":"2026-12-10"}' },
      },
    ]);
  });

  it("reads Qwen3-Coder's XML call (LM Studio) with its values as text", () => {
    const out = read({
      content:
        'Busco turnos.\n<tool_call>\n<function=find_available_slots>\n<parameter=serviceId>\n2\n</parameter>\n<parameter=limit>\n3\n</parameter>\n</function>\n</tool_call>',
    });
    expect(out.text).toBe('Busco turnos.');
    expect(out.toolCalls[0]!.function).toEqual({
      name: 'find_available_slots',
      arguments: '{"serviceId":"2","limit":"3"}',
    });
  });

  it('reads a bare JSON object (qwen2.5-coder on Ollama), in a ```json fence, and Llama 3.1 python_tag with parameters', () => {
    const bare = read({ content: '{"name": "find_available_slots", "arguments": {"serviceId": 1}}', tool_calls: [] });
    expect(bare.toolCalls.map((c) => c.function)).toEqual([
      { name: 'find_available_slots', arguments: '{"serviceId":1}' },
    ]);
    expect(bare.text).toBe('');
    const fenced = read({
      content: 'Dejame ver.\n```json\n{"name": "list_services", "arguments": {}}\n```',
    });
    expect(fenced).toMatchObject({ text: 'Dejame ver.', leaked: false });
    expect(fenced.toolCalls[0]!.function.name).toBe('list_services');
    const llama = read({ content: '<|python_tag|>{"name": "list_services", "parameters": {}}' });
    expect(llama.toolCalls[0]!.function).toEqual({ name: 'list_services', arguments: '{}' });
    expect(llama.leaked).toBe(false);
  });

  it("reads Mistral's [TOOL_CALLS] array and a Qwen3-Coder XML call without its wrapper", () => {
    const mistral = read({
      content:
        '[TOOL_CALLS][{"name": "list_services", "arguments": {}}, {"name": "find_available_slots", "arguments": {"serviceId": 4}}]',
    });
    expect(mistral).toMatchObject({ text: '', leaked: false });
    expect(mistral.toolCalls.map((c) => c.function.name)).toEqual(['list_services', 'find_available_slots']);
    const xml = read({ content: '<function=list_services>\n</function>' });
    expect(xml).toMatchObject({ text: '', leaked: false });
    expect(xml.toolCalls[0]!.function).toEqual({ name: 'list_services', arguments: '{}' });
  });

  it('a bare JSON object naming no offered tool is not a call, and is not sent either', () => {
    const out = read({ content: '{"name": "send_email", "arguments": {"to": "x"}}' });
    expect(out.toolCalls).toEqual([]);
    expect(out.leaked).toBe(true);
  });

  it('an unreadable <tool_call> or a tool name in the prose is a leak', () => {
    expect(read({ content: '<tool_call>{"name": "book_appointment", "arguments": {</tool_call>' }).leaked).toBe(true);
    expect(read({ content: 'Voy a usar find_available_slots para buscarte turno.' }).leaked).toBe(true);
    expect(read({ content: 'Llamá al <|im_start|> equipo.' }).leaked).toBe(true);
  });

  it('plain prose with braces or a JSON-looking date stays as it is', () => {
    const out = read({ content: 'Tenemos {consulta} a $ 5.000. ¿Te sirve el martes?' });
    expect(out).toEqual({ text: 'Tenemos {consulta} a $ 5.000. ¿Te sirve el martes?', toolCalls: [], leaked: false });
  });
});

describe('structured tool calls in the shapes local servers send', () => {
  it('accepts arguments as an object (llama.cpp), and a missing type and id (Ollama)', () => {
    const out = read(
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ function: { name: 'find_available_slots', arguments: { serviceId: 1, limit: 3 } } }],
      },
      1,
    );
    expect(out.toolCalls).toEqual([
      {
        id: 'call_1_0',
        type: 'function',
        function: { name: 'find_available_slots', arguments: '{"serviceId":1,"limit":3}' },
      },
    ]);
  });

  it('keeps an id and a string as given; a call echoed in the content is not run twice', () => {
    const out = read({
      content: '<tool_call>{"name": "list_services", "arguments": {}}</tool_call>',
      tool_calls: [{ id: 'call_abc', type: 'function', function: { name: 'list_services', arguments: '{}' } }],
    });
    expect(out.toolCalls).toEqual([
      { id: 'call_abc', type: 'function', function: { name: 'list_services', arguments: '{}' } },
    ]);
    expect(out.text).toBe('');
  });

  it('null arguments are no arguments; a call of another type or without a name is ignored', () => {
    const out = read({
      tool_calls: [
        { id: 'a', type: 'function', function: { name: 'list_services', arguments: null } },
        { id: 'b', type: 'custom', custom: { name: 'x', input: '' } },
        { id: 'c', type: 'function', function: { arguments: '{}' } },
      ],
    });
    expect(out.toolCalls.map((c) => [c.id, c.function.arguments])).toEqual([['a', '{}']]);
  });

  it('content as a parts array or null, and no message at all, read safely', () => {
    expect(read({ content: [{ type: 'text', text: 'Hola.' }] }).text).toBe('Hola.');
    expect(read({ content: null })).toEqual({ text: '', toolCalls: [], leaked: false });
    expect(read(undefined)).toEqual({ text: '', toolCalls: [], leaked: false });
  });
});
