// The real Baileys socket on a machine that cannot reach WhatsApp (these test machines
// have no internet): linking fails gracefully, keeps retrying with backoff, and the rest
// of the app keeps working. Needs the OS keychain: run under `bash /work/kr.sh '…'`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssistantReplier } from '../../main/agent/assistant.js';
import type { AppEvent } from '../../main/http/app-events.js';
import type { WhatsAppDetails } from '../../main/http/channels-types.js';
import type { Health, Message } from '../../main/http/api-types.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

const assistant: AssistantReplier = {
  reply: async () => ({ text: 'Hola, ¿en qué te ayudo?', meta: { mode: 'llm', latencyMs: 1 } }),
};

describe('WhatsApp unreachable (real Baileys socket, no network)', () => {
  let core: TestCore;
  const statuses: WhatsAppDetails[] = [];

  beforeAll(async () => {
    core = await startTestCore({ assistant, whatsappBackoff: { baseMs: 300, capMs: 1_500 } });
    core.settings.update({ 'pipeline.debounceMs': 50 });
    core.events.subscribe((e: AppEvent) => {
      if (e.type === 'channel.status' && e.data.whatsapp) statuses.push(e.data.whatsapp);
    });
  });
  afterAll(async () => {
    await core?.stop();
  });

  it('says it could not connect and when it retries, and keeps retrying', async () => {
    const res = await core.api<WhatsAppDetails>('POST', '/api/channels/whatsapp/link', { method: 'qr' });
    expect(res.status).toBe(202);
    await waitFor(
      () => statuses.filter((s) => s.reasonCode === 'unreachable').length >= 3,
      30_000,
      'three failed attempts',
    );
    const failures = statuses.filter((s) => s.reasonCode === 'unreachable');
    for (const f of failures) expect(f).toMatchObject({ phase: 'error', retryAt: expect.any(Number) });
    const health = (await core.api<Health>('GET', '/api/health')).body;
    expect(health.channels.find((c) => c.provider === 'whatsapp')).toMatchObject({
      state: expect.stringMatching(/error|connecting/),
    });
    expect(statuses.some((s) => s.phase === 'qr')).toBe(false);
  });

  it('the rest of the app keeps working meanwhile', async () => {
    const res = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: '+5491155550009',
      text: 'hola',
    });
    expect(res.status).toBe(202);
    await waitFor(async () =>
      (await core.api<Message[]>('GET', `/api/conversations/${res.body.conversationId}/messages`)).body.find(
        (m) => m.role === 'assistant' && m.status === 'sent',
      ),
    );
    expect((await core.api<Health>('GET', '/api/health')).body.ok).toBe(true);
  });

  it('"Desvincular" stops the retries', async () => {
    await core.api('POST', '/api/channels/whatsapp/unlink');
    const count = statuses.length;
    await new Promise((r) => setTimeout(r, 2_000));
    expect(statuses.slice(count).filter((s) => s.reasonCode === 'unreachable')).toHaveLength(0);
    expect(core.whatsapp.details().phase).toBe('disconnected');
  });
});
