// A model that refuses a tuning parameter by name — OpenAI's gpt-5 and o-series take no
// temperature but the default, and no `max_tokens` — is asked again without it, and
// remembered, so a clinic that picks one gets answers instead of an outage.
import OpenAI from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMessages } from '../../db/repos/messages.js';
import { createChatCompletion } from '../../main/agent/chat-completion.js';
import type { Message } from '../../main/http/api-types.js';
import { serveFiles, type FileServer } from '../e2e/media-files.js';
import { imageParts } from '../fakes/fake-openai-media.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

const messages = [{ role: 'user' as const, content: 'hola' }];

describe('createChatCompletion', () => {
  let llm: FakeOpenAI;
  let client: OpenAI;
  beforeAll(async () => {
    llm = await startFakeOpenAI();
    client = new OpenAI({ baseURL: llm.baseUrl, apiKey: 'sk-test-params', maxRetries: 0 });
  });
  afterAll(() => llm.close());

  it("asks again without a parameter the model refuses by name, and leaves it out of that model's later calls", async () => {
    llm.refuseParams('temperature');
    llm.setFallback({ reply: 'hola, ¿en qué te ayudo?' });
    const before = llm.chatRequests().length;
    const first = await createChatCompletion(client, { model: 'reasoning-1', messages, temperature: 0.3 });
    expect(first.choices[0]?.message.content).toBe('hola, ¿en qué te ayudo?');
    const asked = llm.chatRequests().slice(before);
    expect(asked.map((r) => r.body.temperature)).toEqual([0.3, undefined]);

    await createChatCompletion(client, { model: 'reasoning-1', messages, temperature: 0.3 });
    expect(
      llm
        .chatRequests()
        .slice(before + 2)
        .map((r) => r.body.temperature),
    ).toEqual([undefined]);
  });

  it('drops one refused parameter after another, and learns per model', async () => {
    llm.refuseParams('temperature', 'max_tokens');
    const before = llm.chatRequests().length;
    await createChatCompletion(client, { model: 'reasoning-2', messages, temperature: 0, max_tokens: 200 });
    expect(
      llm
        .chatRequests()
        .slice(before)
        .map((r) => [r.body.temperature, r.body.max_tokens]),
    ).toEqual([
      [0, 200],
      [undefined, 200],
      [undefined, undefined],
    ]);
    // Another model on the same endpoint is asked as configured first.
    llm.refuseParams();
    await createChatCompletion(client, { model: 'plain-model', messages, temperature: 0.3 });
    expect(llm.chatRequests().at(-1)?.body.temperature).toBe(0.3);
  });

  it('does not retry a 400 about anything else', async () => {
    llm.refuseParams('tools');
    const before = llm.chatRequests().length;
    await expect(
      createChatCompletion(client, {
        model: 'no-tools',
        messages,
        tools: [{ type: 'function', function: { name: 'x', parameters: { type: 'object' } } }],
      }),
    ).rejects.toMatchObject({ status: 400, param: 'tools' });
    expect(llm.chatRequests().length - before).toBe(1);
    llm.refuseParams();
  });
});

describe('the assistant and the image descriptions on a model that takes no temperature or max_tokens', () => {
  let llm: FakeOpenAI;
  let core: TestCore;
  let files: FileServer;
  beforeAll(async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#e8e2d6' } })
      .png()
      .toBuffer();
    files = await serveFiles({ '/orden.png': ['image/png', png] });
    llm = await startFakeOpenAI();
    llm.refuseParams('temperature', 'max_tokens');
    core = await startTestCore({
      env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-params-core', RECEPTA_MODEL: 'gpt-5-mini' },
    });
    core.settings.update({ 'pipeline.debounceMs': 0, 'ai.visionModel': 'gpt-5-mini' });
  });
  afterAll(async () => {
    await core.stop();
    await llm.close();
    await files.close();
  });

  const assistantReplies = (id: number) => listMessages(core.db, id).filter((m) => m.role === 'assistant');

  it("the patient gets the model's answer, and the next turn asks right the first time", async () => {
    const first = await core.simulator.receive({
      from: '+5491155550101',
      name: 'Ana',
      text: 'hola, ¿hacen limpiezas?',
    });
    await waitFor(() => assistantReplies(first.conversationId!).length === 1, 10_000, 'the reply');
    expect(assistantReplies(first.conversationId!)[0]?.text).toBe('Respuesta a: hola, ¿hacen limpiezas?');
    const turns = llm.chatRequests().filter((r) => imageParts(r).length === 0);
    // The assistant sends both (ai.maxTokens bounds every reply): one refusal each, once per model.
    expect(turns.map((r) => [r.body.temperature, r.body.max_tokens])).toEqual([
      [0.3, 600],
      [undefined, 600],
      [undefined, undefined],
    ]);

    const second = await core.simulator.receive({ from: '+5491155550102', name: 'Beto', text: '¿cuánto sale?' });
    await waitFor(() => assistantReplies(second.conversationId!).length === 1, 10_000, 'the second reply');
    expect(
      llm
        .chatRequests()
        .filter((r) => imageParts(r).length === 0)
        .slice(3)
        .map((r) => [r.body.temperature, r.body.max_tokens]),
    ).toEqual([[undefined, undefined]]);
    await core.turns.idle();
  });

  it('an image still gets its description', async () => {
    llm.enqueueVision({ reply: 'Una orden médica para una radiografía.' });
    const res = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: '+5491155550103',
      media: { url: files.url('/orden.png'), mimeType: 'image/png', fileName: 'orden.png' },
    });
    const media = await waitFor(
      async () =>
        (await core.api<Message[]>('GET', `/api/conversations/${res.body.conversationId}/messages`)).body.find(
          (m) => m.media?.analysisState === 'done',
        )?.media ?? undefined,
      15_000,
      'the description',
    );
    expect(media.description).toBe('Una orden médica para una radiografía.');
    const described = llm.visionRequests().at(-1)!;
    expect([described.body.temperature, described.body.max_tokens]).toEqual([undefined, undefined]);
    await core.turns.idle();
  });
});
