// The stable part of the assistant's prompt is built once and kept: these tests check
// that it is byte-identical while nothing changes, and that each thing it is built from
// — a setting, a service, a closure — shows up in the very next turn once changed.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMessages } from '../../db/repos/messages.js';
import { ZONE, setUpClinic } from '../helpers/clinic.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

let llm: FakeOpenAI;
let core: TestCore;
let practitionerId: number;
let turn = 0;

/** A new patient message; resolves with the stable system message the model received for it. */
async function stablePromptOfNextTurn(): Promise<string> {
  turn += 1;
  const before = llm.chatRequests().length;
  const { body } = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from: '+5491155550101',
    text: `hola ${turn}`,
  });
  await waitFor(
    () =>
      llm.chatRequests().length > before &&
      listMessages(core.db, body.conversationId).some((m) => m.role === 'assistant' && m.text === 'Listo.'),
  );
  await core.turns.idle();
  const request = llm.chatRequests()[before]!;
  return String(request.body.messages![0]!.content);
}

beforeAll(async () => {
  llm = await startFakeOpenAI();
  llm.setFallback({ reply: 'Listo.' });
  core = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-prompt' } });
  await core.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
  ({
    practitioner: { id: practitionerId },
  } = await setUpClinic(core));
});
afterAll(async () => {
  await core?.stop();
  await llm?.close();
});

describe('the stable prompt', () => {
  it('is byte-identical turn after turn while the setup does not change', async () => {
    const first = await stablePromptOfNextTurn();
    const second = await stablePromptOfNextTurn();
    expect(first).toContain('Clínica Test');
    expect(second).toBe(first);
  });

  it('shows a new service, a new price, a closure and a changed tone in the next turn', async () => {
    const { body: service } = await core.api<{ id: number }>('POST', '/api/services', {
      name: 'Blanqueamiento',
      durationMinutes: 60,
      priceCents: 9_000_000,
      practitionerIds: [practitionerId],
    });
    expect(await stablePromptOfNextTurn()).toMatch(/Blanqueamiento \[id \d+\]: 60 min, \$\s?90\.000/);

    await core.api('PATCH', `/api/services/${service.id}`, { priceCents: 9_500_000 });
    expect(await stablePromptOfNextTurn()).toMatch(/Blanqueamiento \[id \d+\]: 60 min, \$\s?95\.000/);

    // A closure in the next weeks is listed (a later one reaches the model as CLOSED_DAY from the slot search).
    const soon = DateTime.now().setZone(ZONE).plus({ days: 20 });
    const [from, to] = [soon.toISODate()!, soon.plus({ days: 1 }).toISODate()!];
    const { status } = await core.api('POST', '/api/closures', { startDate: from, endDate: to, reason: 'Inventario' });
    expect(status).toBe(201);
    expect(await stablePromptOfNextTurn()).toContain(`${from} a ${to} (Inventario)`);
    await core.api('POST', '/api/closures', { startDate: '2099-01-02', endDate: '2099-01-03', reason: 'Lejana' });
    expect(await stablePromptOfNextTurn()).not.toContain('Lejana');

    // So is a date with hours of its own, which the slot search follows.
    const saturday = soon.plus({ days: 3 }).toISODate()!;
    await core.api('PUT', `/api/date-hours/${saturday}`, {
      hours: [{ start: '09:00', end: '13:00' }],
      reason: 'Campaña',
    });
    expect(await stablePromptOfNextTurn()).toContain(`${saturday}: 09:00–13:00 (Campaña)`);

    await core.api('PATCH', '/api/settings', { 'assistant.tone': 'usted' });
    expect(await stablePromptOfNextTurn()).toContain('tratando de usted');
  });
});
