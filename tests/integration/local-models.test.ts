// "Un modelo en esta PC" (main/agent/local-models.ts): the setup lists the models of a local
// OpenAI-compatible server that answers, and says nothing of a port where none listens.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLocalModels } from '../../main/agent/local-models.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';

/** A port nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('finding a local model server', () => {
  let llm: FakeOpenAI;
  beforeAll(async () => {
    llm = await startFakeOpenAI();
  });
  afterAll(() => llm.close());

  it('lists what an answering server has, and leaves out one that is not there', async () => {
    llm.setModels({ models: ['qwen2.5:7b-instruct', 'llama3.1:8b'] });
    const found = await findLocalModels([
      { provider: 'ollama', baseUrl: llm.baseUrl },
      { provider: 'lmstudio', baseUrl: `http://127.0.0.1:${await closedPort()}/v1` },
    ]);
    expect(found).toEqual([
      { provider: 'ollama', baseUrl: llm.baseUrl, models: ['qwen2.5:7b-instruct', 'llama3.1:8b'] },
    ]);
  });

  it('a server that answers with an error is not offered', async () => {
    llm.setModels({ status: 500 });
    expect(await findLocalModels([{ provider: 'ollama', baseUrl: llm.baseUrl }])).toEqual([]);
  });
});
