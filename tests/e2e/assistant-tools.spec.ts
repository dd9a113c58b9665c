// The assistant at work in the simulator: its tool calls are visible to staff, and what
// it books appears in the Agenda without a reload.
import { DateTime } from 'luxon';
import { TZ } from './agenda-fixtures.js';
import { AppDriver, expect, test } from './fixtures.js';

interface Service {
  id: number;
  name: string;
}
interface Slot {
  start: string;
  practitionerId: number;
  localDate: string;
  localTime: string;
}

test('a booking made by the assistant shows its tools in the simulator chat and appears live in the Agenda', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const services = await recepta.api<Service[]>('GET', '/api/services');
  const service = services[0]!;
  // A few days ahead: the desk's availability ignores the minimum notice the assistant must respect.
  const after = encodeURIComponent(DateTime.now().plus({ days: 3 }).toUTC().toISO()!);
  const { slots } = await recepta.api<{ slots: Slot[] }>(
    'GET',
    `/api/availability?serviceId=${service.id}&from=${after}&limit=1`,
  );
  const slot = slots[0]!;

  // Laura keeps the Agenda open on the day of the slot while a patient writes.
  await app.open('/agenda');
  await page.getByRole('button', { name: 'Día', exact: true }).click();
  const steps = Math.round(
    DateTime.fromISO(slot.localDate, { zone: TZ }).diff(DateTime.now().setZone(TZ).startOf('day'), 'days').days,
  );
  for (let i = 0; i < steps; i++) await page.getByRole('button', { name: 'Día siguiente' }).click();

  recepta.llm.enqueue(
    { toolCalls: [{ name: 'find_available_slots', arguments: { serviceId: service.id, limit: 1 } }] },
    {
      toolCalls: [
        {
          name: 'book_appointment',
          arguments: {
            serviceId: service.id,
            practitionerId: slot.practitionerId,
            start: slot.start,
            patientName: 'Elena Simulada',
          },
        },
      ],
    },
    { reply: `Listo Elena, te reservé ${service.name} a las ${slot.localTime}.` },
  );
  const from = AppDriver.uniqueNumber();
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from,
    name: 'Elena Simulada',
    text: 'quiero un turno',
  });

  // The booking appears in the open calendar, marked as the assistant's.
  const event = page.locator('.fc-event', { hasText: 'Elena Simulada' });
  await expect(event).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath('agenda-turno-del-asistente.png') });

  // In the simulator chat, staff can see how the reply came about.
  await app.open(`/conversaciones/${conversationId}`);
  const reply = page.getByRole('log', { name: 'Mensajes con Elena Simulada' }).locator('[data-role="assistant"]');
  await expect(reply).toContainText('Listo Elena');
  await reply.getByText('2 herramientas').click();
  await expect(reply).toContainText('find_available_slots');
  await expect(reply).toContainText('book_appointment');
  await expect(reply).toContainText('"patientName": "Elena Simulada"');
  await page.screenshot({ path: testInfo.outputPath('simulador-herramientas.png') });
});
