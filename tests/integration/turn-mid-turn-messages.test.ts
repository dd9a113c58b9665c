// A patient who writes while the assistant is thinking: the new message must be answered
// by a reply whose prompt showed it as still owed — never marked answered unseen. The
// model here is strict: it answers only what follows its own last reply in the prompt
// (a real model reads a question followed by an answer as answered). Each model call is
// held open until the test releases it, so "arrived mid-turn" is certain, not timed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listMessages, type MessageRow } from '../../db/repos/messages.js';
import {
  answersOnlyWhatFollowsItsReply,
  startFakeOpenAI,
  userMessagesAfterLastReply,
  type FakeOpenAI,
  type RecordedRequest,
} from '../fakes/fake-openai.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

interface Held {
  request: RecordedRequest;
  release: () => void;
  released: boolean;
}

describe('messages that arrive while the assistant is thinking', () => {
  let llm: FakeOpenAI;
  let core: TestCore;
  const held: Held[] = [];

  beforeAll(async () => {
    llm = await startFakeOpenAI();
    llm.setFallback((request) => {
      let release!: () => void;
      const until = new Promise<void>((r) => (release = r));
      held.push({ request, release, released: false });
      return { reply: answersOnlyWhatFollowsItsReply(request), until };
    });
    core = await startTestCore({
      env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-midturn', RECEPTA_MODEL: 'fake-model' },
    });
    core.settings.update({ 'pipeline.debounceMs': 0 });
  });
  afterEach(async () => {
    for (const h of held.splice(0)) h.release();
    await core.turns.idle();
    core.settings.update({ 'ai.historyLimit': null });
  });
  afterAll(async () => {
    await core.stop();
    await llm.close();
  });

  const send = async (from: string, text: string): Promise<number> => {
    const res = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', { from, text });
    expect(res.status).toBe(202);
    return res.body.conversationId;
  };
  /** The model call being held now (a turn is thinking), once there is one. */
  const thinking = () => waitFor(() => held.find((h) => !h.released), 10_000, 'a turn to ask the model');
  const releaseHeld = (h: Held) => {
    h.released = true;
    h.release();
  };
  const thread = (conversationId: number): MessageRow[] => listMessages(core.db, conversationId, { limit: 500 });
  const settled = (conversationId: number, patients: number) =>
    waitFor(
      async () => {
        // Every model call so far is let go; done when nothing is owed and no turn runs.
        for (const h of held) if (!h.released) releaseHeld(h);
        const rows = thread(conversationId);
        const done =
          rows.filter((m) => m.role === 'patient').length === patients && rows.every((m) => m.turnState !== 'pending');
        return done && !held.some((h) => !h.released) ? rows : undefined;
      },
      20_000,
      'every patient message to be answered',
    );

  /** Patient texts each prompt showed the model as owed (after its own last reply). */
  const seenAsOwed = (): Set<string> => new Set(llm.chatRequests().flatMap((r) => userMessagesAfterLastReply(r)));

  it('answers a question asked mid-turn in a reply that saw it, and puts it after the earlier reply in the prompt', async () => {
    const from = '+5491170000001';
    const before = llm.chatRequests().length;
    const conversationId = await send(from, '¿tienen turno el martes?');
    const first = await thinking();
    await send(from, '¿y cuánto sale la limpieza?'); // stored while the model is thinking
    releaseHeld(first);
    const rows = await settled(conversationId, 2);

    const replies = rows.filter((m) => m.role === 'assistant').map((m) => m.text);
    expect(replies).toContain('re: ¿tienen turno el martes?');
    expect(replies).toContain('re: ¿y cuánto sale la limpieza?');
    expect(replies).not.toContain('(nada nuevo)');
    const prompts = llm.chatRequests().slice(before);
    expect(prompts).toHaveLength(2);
    // The second prompt: the first question, the reply to it, then the question asked meanwhile.
    const dialogue = (prompts[1]!.body.messages ?? [])
      .filter((m) => m.role !== 'system')
      .map((m) => [m.role, m.content]);
    expect(dialogue).toEqual([
      ['user', '¿tienen turno el martes?'],
      ['assistant', 're: ¿tienen turno el martes?'],
      ['user', '¿y cuánto sale la limpieza?'],
    ]);
    expect(rows.filter((m) => m.role === 'patient').map((m) => m.turnState)).toEqual(['answered', 'answered']);
  });

  it('in a paced burst of 50, no message is marked answered without the model having seen it', async () => {
    const from = '+5491170000002';
    const texts = Array.from({ length: 50 }, (_, i) => `pregunta ${i}`);
    const conversationId = await send(from, texts[0]!);
    // One, two or three messages arrive during each model call, then it answers.
    let next = 1;
    for (let group = 0; next < texts.length; group++) {
      const turn = await thinking();
      for (let k = 0; k < (group % 3) + 1 && next < texts.length; k++) await send(from, texts[next++]!);
      releaseHeld(turn);
    }
    const rows = await settled(conversationId, texts.length);

    const seen = seenAsOwed();
    const answeredUnseen = rows.filter((m) => m.role === 'patient' && m.turnState === 'answered' && !seen.has(m.text));
    expect(answeredUnseen.map((m) => m.text)).toEqual([]);
    const replies = rows.filter((m) => m.role === 'assistant').flatMap((m) => m.text.split('\n'));
    for (const text of texts) expect(replies).toContain(`re: ${text}`);
    expect(replies).not.toContain('(nada nuevo)');
  });

  it('shows the model every owed message, even more than the history limit, before marking them answered', async () => {
    core.settings.update({ 'ai.historyLimit': 2 });
    const from = '+5491170000003';
    const conversationId = await send(from, 'hola');
    const first = await thinking();
    const meanwhile = ['uno', 'dos', 'tres', 'cuatro', 'cinco'];
    for (const text of meanwhile) await send(from, text);
    const before = llm.chatRequests().length;
    releaseHeld(first);
    const rows = await settled(conversationId, 1 + meanwhile.length);

    expect(userMessagesAfterLastReply(llm.chatRequests()[before]!)).toEqual(meanwhile);
    expect(rows.filter((m) => m.role === 'assistant').map((m) => m.text)).toEqual([
      're: hola',
      meanwhile.map((t) => `re: ${t}`).join('\n'),
    ]);
  });
});
