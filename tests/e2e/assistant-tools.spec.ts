// The assistant at work in the simulator: it asks before it books (the pending
// confirmation is visible to staff), the patient says "sí", and the booking appears in the
// Agenda without a reload.
import { DateTime } from 'luxon';
import { TZ } from './agenda-fixtures.js';
import { goToDay } from './agenda-steps.js';
import { AppDriver, expect, test } from './fixtures.js';

interface Service {
  id: number;
  name: string;
}
interface Slot {
  localDate: string;
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
  await goToDay(page, DateTime.fromISO(slot.localDate, { zone: TZ }));

  // First message: the assistant finds the slot and proposes it; nothing is written yet.
  recepta.llm.enqueue(
    {
      toolCalls: [
        { name: 'find_available_slots', arguments: { serviceId: service.id, fromDate: slot.localDate, limit: 1 } },
      ],
    },
    { toolCalls: [{ name: 'book_appointment', arguments: { slotId: 'S1', patientName: 'Elena Simulada' } }] },
    { reply: `¿Confirmás ${service.name} el ${slot.localDate}?` },
  );
  const from = AppDriver.uniqueNumber();
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from,
    name: 'Elena Simulada',
    text: 'quiero un turno',
  });
  const answered = async () =>
    (await recepta.api<Array<{ role: string }>>('GET', `/api/conversations/${conversationId}/messages`)).filter(
      (m) => m.role === 'assistant',
    ).length;
  await expect.poll(answered, { timeout: 20_000 }).toBe(1);
  await expect(page.locator('.fc-event', { hasText: 'Elena Simulada' })).toHaveCount(0);

  // The patient says yes in a later message: now the booking is written.
  recepta.llm.enqueue(
    { toolCalls: [{ name: 'book_appointment', arguments: { slotId: 'S1', confirmed: true } }] },
    { reply: `Listo Elena, te reservé ${service.name}.` },
  );
  await recepta.api('POST', '/api/simulator/messages', { from, name: 'Elena Simulada', text: 'sí, dale' });

  // The booking appears in the open calendar, marked as the assistant's.
  const event = page.locator('.fc-event', { hasText: 'Elena Simulada' });
  await expect(event).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath('agenda-turno-del-asistente.png') });

  // In the simulator chat, staff can see the pending confirmation, then the booking.
  await app.open(`/conversaciones/${conversationId}`);
  const replies = page.getByRole('log', { name: 'Mensajes con Elena Simulada' }).locator('[data-role="assistant"]');
  const asked = replies.first();
  await expect(asked).toContainText('¿Confirmás');
  await asked.getByText('2 herramientas').click();
  await expect(asked).toContainText('find_available_slots');
  await expect(asked).toContainText('"pending"');
  await expect(asked).toContainText('"patientName": "Elena Simulada"');
  const booked = replies.last();
  await expect(booked).toContainText('Listo Elena');
  await booked.getByText('1 herramienta').click();
  await expect(booked).toContainText('"confirmed": true');
  await page.screenshot({ path: testInfo.outputPath('simulador-herramientas.png') });
});
