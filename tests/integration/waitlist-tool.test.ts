// join_waitlist through a real turn: a scripted model asks for the tool, the core runs it.
// The entry is written only after the patient's yes in a later message, never on the
// proposing turn, whatever the model sends.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Practitioner, Service } from '../../main/http/agenda-types.js';
import type { WaitlistEntry } from '../../main/http/waitlist-types.js';
import { nextMonday, setUpClinic } from '../helpers/clinic.js';
import { startFakeOpenAI, type FakeOpenAI, type RecordedRequest } from '../fakes/fake-openai.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { patientSays as say } from '../helpers/patient-says.js';

let llm: FakeOpenAI;
let core: TestCore;
let ana: Practitioner;
let consulta: Service;

function toolResults(req: RecordedRequest | undefined): Array<Record<string, unknown>> {
  return (req?.body.messages ?? [])
    .filter((m) => m.role === 'tool')
    .map((m) => JSON.parse(String(m.content)) as Record<string, unknown>);
}
const patientSays = (from: string, text: string) => say(core, { from, text }, { llm });
const entriesOf = async (patientId: number) =>
  (await core.api<WaitlistEntry[]>('GET', `/api/waitlist?patientId=${patientId}&scope=all`)).body;

beforeAll(async () => {
  llm = await startFakeOpenAI();
  core = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-waitlist' } });
  await core.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
  ({ practitioner: ana, service: consulta } = await setUpClinic(core));
});
afterAll(async () => {
  await core?.stop();
  await llm?.close();
});
beforeEach(() => llm.setFallback({ reply: 'Listo.' }));

describe('join_waitlist', () => {
  it('asks before writing: "confirmed: true" on the proposing turn only proposes; the later "sí" adds the entry once', async () => {
    const from = nextMonday.toISODate()!;
    const to = nextMonday.plus({ days: 4 }).toISODate()!;
    const args = { serviceId: consulta.id, practitionerId: ana.id, from, to, partOfDay: 'morning' };
    llm.enqueue(
      { toolCalls: [{ name: 'join_waitlist', arguments: { ...args, confirmed: true } }] },
      { reply: '¿Te anoto en la lista de espera?' },
    );
    const first = await patientSays('+5491170000009', 'no me sirve ninguno, avisame si se libera algo a la mañana');
    const dd = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;
    expect(toolResults(first.requests[1])[0]).toEqual({
      pending: {
        action: 'waitlist',
        summary: `Anotarte en la lista de espera de Consulta con Dra. Ana, del ${dd(from)} al ${dd(to)}, por la mañana`,
      },
      next: expect.stringContaining('confirmed: true'),
    });
    expect(await entriesOf(first.patientId)).toEqual([]);

    llm.enqueue(
      {
        toolCalls: [
          { name: 'join_waitlist', arguments: { ...args, confirmed: true } },
          { name: 'join_waitlist', arguments: { ...args, confirmed: true } },
        ],
      },
      { toolCalls: [{ name: 'list_my_appointments', arguments: {} }] },
      { reply: 'Listo, quedaste anotado.' },
    );
    // The open "Lista de espera" panels hear of the assistant's entry (waitlist.changed).
    const announced = core.nextEvent((e) => e.type === 'waitlist.changed');
    const second = await patientSays('+5491170000009', 'sí, dale');
    const [joined, again] = toolResults(second.requests[1]);
    expect(joined).toMatchObject({ joined: true, waitlist: [{ service: 'Consulta', partOfDay: 'morning' }] });
    expect(again).toMatchObject({ error: 'ONE_CHANGE_PER_MESSAGE' });
    expect(toolResults(second.requests[2]).at(-1)).toMatchObject({
      appointments: [],
      waitlist: [{ service: 'Consulta', practitioner: 'Dra. Ana', from, to }],
    });
    const entries = await entriesOf(first.patientId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ createdBy: 'assistant', status: 'active', dayPart: 'morning' });
    expect((await announced).data).toEqual({ patientId: first.patientId });
  });

  it('refuses a range that ends before it starts, as an error the model can read', async () => {
    llm.enqueue(
      {
        toolCalls: [
          {
            name: 'join_waitlist',
            arguments: { serviceId: consulta.id, from: '2026-12-10', to: '2026-12-01' },
          },
        ],
      },
      { reply: '¿Qué fechas te sirven?' },
    );
    const said = await patientSays('+5491170000010', 'anotame en la lista de espera');
    expect(toolResults(said.requests[1])[0]).toMatchObject({ error: 'VALIDATION_FAILED' });
  });
});
