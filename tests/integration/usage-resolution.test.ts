// Ajustes › Uso's resolution rate from production data: of the conversations the assistant
// replied to in the week, those with no handoff and no staff message within 24 h of its
// first reply, and — when it set out to book, move or cancel — a matching agenda change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestInbound } from '../../db/repos/ingest.js';
import { enqueueOutgoing } from '../../db/repos/messages.js';
import { assistantResolution } from '../../db/repos/resolution.js';
import { clinicTime, setUpClinic } from '../helpers/clinic.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

let core: TestCore;
const HOUR = 3_600_000;
let now: number;
let clinic: Awaited<ReturnType<typeof setUpClinic>>;

beforeAll(async () => {
  core = await startTestCore();
  clinic = await setUpClinic(core);
  now = Date.now();
});
afterAll(async () => {
  await core?.stop();
});

let seq = 0;
/** A chat whose patient wrote `at`, then the assistant replied (one reply per meta, an hour apart). */
function chat(at: number, metas: unknown[], staffAfterMs?: number): { conversationId: number; patientId: number } {
  const r = ingestInbound(core.db, {
    provider: 'simulator',
    channel: 'simulator',
    externalUserId: `+54911600${String(++seq).padStart(5, '0')}`,
    providerMessageId: `res-${seq}`,
    role: 'patient',
    text: 'Hola',
    turnState: 'answered',
    receivedAt: at,
  });
  if (r.duplicate) throw new Error('duplicate');
  metas.forEach((meta, i) =>
    enqueueOutgoing(core.db, {
      conversationId: r.conversationId,
      provider: 'simulator',
      role: 'assistant',
      text: 'Respuesta',
      meta,
      now: at + 1000 + i * HOUR,
    }),
  );
  if (staffAfterMs !== undefined)
    enqueueOutgoing(core.db, {
      conversationId: r.conversationId,
      provider: 'simulator',
      role: 'staff',
      text: 'Te escribe Laura',
      now: at + 1000 + staffAfterMs,
    });
  return { conversationId: r.conversationId, patientId: r.patientId };
}

async function appointmentFor(patientId: number, nth: number): Promise<number> {
  const res = await core.api<{ id: number }>('POST', '/api/appointments', {
    patientId,
    practitionerId: clinic.practitioner.id,
    serviceId: clinic.service.id,
    start: clinicTime(nth, '10:00'),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const tool = (name: string, result: unknown) => ({ name, arguments: '{}', ok: true, result });
const done = (action: string, appointmentId: number) =>
  tool('book_appointment', { done: { action, appointmentId, label: 'jueves 10/12 15:00' } });

describe('the weekly resolution rate', () => {
  it('counts only conversations that ended well without a person, and a booking only when the agenda holds it', async () => {
    const day = 86_400_000;
    chat(now - 2 * day, [{ mode: 'llm' }]); // a question answered: resolved
    chat(now - 2 * day, [{ mode: 'llm', handoff: 'Pidió una persona' }]); // handed off
    chat(now - 2 * day, [{ mode: 'llm' }], 2 * HOUR); // staff wrote within 24 h
    chat(now - 3 * day, [{ mode: 'llm' }], 30 * HOUR); // staff wrote the next-next day: still resolved
    const booked = chat(now - day, [
      { mode: 'llm', tools: [tool('book_appointment', { pending: { action: 'book' } })] },
    ]);
    const kept = await appointmentFor(booked.patientId, 0);
    enqueueOutgoing(core.db, {
      conversationId: booked.conversationId,
      provider: 'simulator',
      role: 'assistant',
      text: 'Listo',
      meta: { mode: 'llm', tools: [done('booked', kept)] },
      now: now - day + 2 * HOUR,
    }); // booked after the yes, still in the agenda: resolved
    const lost = chat(now - day, [{ mode: 'llm' }]);
    const gone = await appointmentFor(lost.patientId, 1);
    enqueueOutgoing(core.db, {
      conversationId: lost.conversationId,
      provider: 'simulator',
      role: 'assistant',
      text: 'Listo',
      meta: { mode: 'llm', tools: [done('booked', gone)] },
      now: now - day + HOUR,
    });
    const cancelled = await core.api('PATCH', `/api/appointments/${gone}`, {
      status: 'cancelled',
      cancelReason: 'Se equivocó de día',
    });
    expect(cancelled.status).toBe(200); // booked, then cancelled: not a matching change
    chat(now - day, [{ mode: 'llm', tools: [tool('book_appointment', { pending: { action: 'book' } })] }]); // never confirmed
    chat(now - 9 * day, [{ mode: 'llm', handoff: 'x' }]); // outside the week

    expect(assistantResolution(core.db, now - 7 * day, now + 1)).toEqual({ conversations: 7, resolved: 3 });
    const usage = await core.api<{ resolution: { conversations: number; resolved: number; rate: number } }>(
      'GET',
      '/api/usage?period=week',
    );
    expect(usage.body.resolution).toMatchObject({ conversations: 7, resolved: 3, rate: 3 / 7 });
  });
});
