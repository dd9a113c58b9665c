// "Devolver al asistente": what the patient wrote during the pause is never dropped. By
// default the assistant answers it at once, reading exactly those messages as owed; or the
// receptionist says she already answered it. Until one of the two happens the chat needs a
// person, and it is listed in the "Necesita atención" group, the one waiting longest first.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listMessages } from '../../db/repos/messages.js';
import { outboxDepth } from '../../db/repos/outbox.js';
import type { Conversation, Message } from '../../main/http/api-types.js';
import {
  answersOnlyWhatFollowsItsReply,
  startFakeOpenAI,
  userMessagesAfterLastReply,
  type FakeOpenAI,
} from '../fakes/fake-openai.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

describe('handing a chat back to the assistant', () => {
  let llm: FakeOpenAI;
  let core: TestCore;
  let phone = 0;

  beforeAll(async () => {
    llm = await startFakeOpenAI();
    llm.setFallback((req) => ({ reply: answersOnlyWhatFollowsItsReply(req) }));
    core = await startTestCore({
      env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-handback-0123', RECEPTA_MODEL: 'fake-model' },
    });
    core.settings.update({ 'pipeline.debounceMs': 0 });
  });
  afterEach(async () => {
    await core.turns.idle();
    await waitFor(() => outboxDepth(core.db) === 0, 10_000, 'the outbox to drain');
  });
  afterAll(async () => {
    await core.stop();
    await llm.close();
  });

  const chat = async (id: number) => (await core.api<Conversation>('GET', `/api/conversations/${id}`)).body;
  const waiting = async () => (await core.api<Conversation[]>('GET', '/api/conversations/waiting')).body;
  const thread = async (id: number) => (await core.api<Message[]>('GET', `/api/conversations/${id}/messages`)).body;
  const say = async (from: string, text: string) =>
    (await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', { from, text })).body.conversationId;

  /** A chat the assistant answered once, then paused by a person, in which the patient wrote `during`. */
  async function pausedWithQuestions(during: string[]): Promise<{ id: number; from: string }> {
    const from = `+54911556600${phone++}`;
    const id = await say(from, 'hola');
    await waitFor(async () => (await thread(id)).find((m) => m.role === 'assistant'), 10_000, 'the first answer');
    await core.api('POST', `/api/conversations/${id}/takeover`, { enabled: true, hours: 4 });
    for (const text of during) await say(from, text);
    await core.turns.idle();
    return { id, from };
  }

  it('answers at once what the patient wrote during the pause, reading exactly those messages as owed', async () => {
    const { id } = await pausedWithQuestions(['¿atienden el sábado?', '¿y a qué hora?']);
    const paused = await chat(id);
    expect(paused).toMatchObject({ needsAttention: true, unansweredCount: 2 });
    const firstQuestion = (await thread(id)).find((m) => m.text === '¿atienden el sábado?')!;
    expect(paused.waitingSince).toBe(firstQuestion.createdAt);
    expect((await waiting()).map((c) => c.id)).toContain(id);

    const calls = llm.chatRequests().length;
    const back = await core.api<Conversation>('POST', `/api/conversations/${id}/takeover`, { enabled: false });
    expect(back.body.humanOverrideUntil).toBeNull();
    await waitFor(async () => (await thread(id)).find((m) => m.text.startsWith('re: ¿atienden')), 10_000, 'the answer');
    expect(llm.chatRequests().length).toBe(calls + 1);
    expect(userMessagesAfterLastReply(llm.chatRequests().at(-1)!)).toEqual(['¿atienden el sábado?', '¿y a qué hora?']);
    expect((await thread(id)).at(-1)).toMatchObject({
      role: 'assistant',
      text: 're: ¿atienden el sábado?\nre: ¿y a qué hora?',
    });
    expect(
      listMessages(core.db, id)
        .filter((m) => m.role === 'patient')
        .map((m) => m.turnState),
    ).toEqual(['answered', 'answered', 'answered']);
    expect(await chat(id)).toMatchObject({ needsAttention: false, waitingSince: null, unansweredCount: 0 });
    expect((await waiting()).map((c) => c.id)).not.toContain(id);
  });

  it('leaves out what a person already answered: only the messages after her last reply are owed', async () => {
    const { id, from } = await pausedWithQuestions(['¿cuánto sale la limpieza?']);
    await core.api('POST', `/api/conversations/${id}/messages`, { text: 'Sale $ 35.000.' });
    await say(from, '¿y con tarjeta?');
    await core.turns.idle();
    expect(await chat(id)).toMatchObject({ needsAttention: true, unansweredCount: 1 });

    await core.api('POST', `/api/conversations/${id}/takeover`, { enabled: false, pending: 'answer' });
    await waitFor(async () => (await thread(id)).find((m) => m.text === 're: ¿y con tarjeta?'), 10_000, 'the answer');
    expect(userMessagesAfterLastReply(llm.chatRequests().at(-1)!)).toEqual(['¿y con tarjeta?']);
    const price = listMessages(core.db, id).find((m) => m.text === '¿cuánto sale la limpieza?')!;
    expect(price.turnState).toBe('skipped'); // Laura answered it; the assistant did not
  });

  it('"Ya lo respondí" marks them answered: no turn, and the chat no longer waits', async () => {
    const { id } = await pausedWithQuestions(['¿me pasás la dirección?']);
    const calls = llm.chatRequests().length;
    const back = await core.api<Conversation>('POST', `/api/conversations/${id}/takeover`, {
      enabled: false,
      pending: 'answered',
    });
    expect(back.body).toMatchObject({ needsAttention: false, unansweredCount: 0, humanOverrideUntil: null });
    await core.turns.idle();
    expect(llm.chatRequests().length).toBe(calls);
    expect((await thread(id)).at(-1)).toMatchObject({ role: 'system', text: expect.stringMatching(/ya respondió/) });
    expect(listMessages(core.db, id).at(-2)).toMatchObject({ role: 'patient', turnState: 'answered' });
  });

  it('refuses a choice it does not know', async () => {
    const { id } = await pausedWithQuestions([]);
    const res = await core.api('POST', `/api/conversations/${id}/takeover`, { enabled: false, pending: 'later' });
    expect(res.status).toBe(400);
  });

  it('a chat that still waits stays in the group, oldest waiting first; a paused chat nobody wrote to is not there', async () => {
    const first = await pausedWithQuestions(['primera consulta']);
    const quiet = await pausedWithQuestions([]);
    const second = await pausedWithQuestions(['segunda consulta']);
    const ids = (await waiting()).map((c) => c.id);
    expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(ids).not.toContain(quiet.id);
    expect(await chat(quiet.id)).toMatchObject({ needsAttention: false, unansweredCount: 0 });
    // Reading the chat is not answering it.
    await core.api('POST', `/api/conversations/${first.id}/read`);
    expect(await chat(first.id)).toMatchObject({ needsAttention: true, unread: 0 });
    for (const c of [first, quiet, second])
      await core.api('POST', `/api/conversations/${c.id}/takeover`, { enabled: false, pending: 'answered' });
  });
});
