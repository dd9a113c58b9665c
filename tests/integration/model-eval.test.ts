// "Evaluar mi modelo": the app runs the eval's short subset as a child process against the
// saved endpoint (here the scripted server), reads its progress line by line and its
// scorecard at the end; the route starts it (once) and reports it.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK } from '../../eval/scenarios.js';
import { createModelEval } from '../../main/app/model-eval.js';
import type { ModelEvalJob } from '../../main/http/assistant-eval-types.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { SecretStore } from '../../main/secrets/secret-store.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { ROOT, startTestCore, waitFor, type TestCore } from '../helpers/core.js';

let llm: FakeOpenAI;
let core: TestCore;

beforeAll(async () => {
  llm = await startFakeOpenAI();
  llm.setFallback({ reply: 'Hola, ¿en qué te ayudo?' });
  core = await startTestCore();
  core.settings.update({ 'ai.baseUrl': llm.baseUrl, 'ai.model': 'fake-model', 'ai.provider': 'custom' });
});
afterAll(async () => {
  await core?.stop();
  await llm?.close();
});

describe('Evaluar mi modelo', () => {
  it('runs the short subset once against the saved endpoint, with progress, and ends with a scorecard', async () => {
    const memory = new Map<string, string>();
    const keychain = {
      get: (a: string) => memory.get(a) ?? null,
      set: (a: string, v: string) => void memory.set(a, v),
      delete: (a: string) => void memory.delete(a),
    };
    const jobs = createModelEval({
      settings: core.settings,
      secrets: new SecretStore(keychain, 'test-installation', {}),
      log: silentLogger(),
      command: [process.execPath, '--import', 'tsx', path.join(ROOT, 'eval', 'run.ts')],
    });
    const started = jobs.start();
    expect(started).toMatchObject({ state: 'running', model: 'fake-model', done: 0 });
    expect(jobs.start().startedAt).toBe(started.startedAt); // a second start joins the running one
    const seen = new Set<number>();
    const end = await waitFor(
      () => {
        const job = jobs.status();
        if (job.state === 'running' && job.total) seen.add(job.done);
        return job.state === 'running' ? undefined : job;
      },
      240_000,
      'the evaluation to end',
    );
    expect(end as ModelEvalJob, JSON.stringify(end)).toMatchObject({
      state: 'done',
      done: QUICK.length,
      total: QUICK.length,
      error: null,
    });
    expect(seen.size).toBeGreaterThan(0);
    expect(end!.summary!.results.map((r) => r.name).sort()).toEqual([...QUICK].sort());
    // A model that only greets books nothing: the card says so, with reasons.
    const book = end!.summary!.results.find((r) => r.name === 'book')!;
    expect(book.passed).toBe(0);
    expect(book.failures.length).toBeGreaterThan(0);
    expect(end!.verdict!.code).toBe(1);
    // The saved endpoint was the one evaluated.
    expect(llm.chatRequests().length).toBeGreaterThan(0);
  }, 300_000);

  it('the route starts and reports the job; a build without the runner fails in plain words', async () => {
    const started = await core.api<ModelEvalJob>('POST', '/api/assistant/eval', {});
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ state: 'failed', error: 'Esta instalación no incluye la evaluación.' });
    const status = await core.api<ModelEvalJob>('GET', '/api/assistant/eval');
    expect(status.body).toEqual(started.body);
  });
});
