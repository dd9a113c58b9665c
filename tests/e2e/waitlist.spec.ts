// Agenda › Lista de espera (issue 17): the receptionist puts a patient who already wrote to
// the clinic on the waitlist, cancels another patient's visit in the calendar, and sees the
// freed time offered in the patient's chat and in the panel.
import type { Appointment, Patient } from '../../main/http/agenda-types.js';
import {
  createBookable,
  createPatient,
  instantAt,
  nextWorkday,
  seriousViolations,
  showOnly,
  unique,
} from './agenda-fixtures.js';
import { goToDay } from './agenda-steps.js';
import { AppDriver, expect, test } from './fixtures.js';

test('add a patient to the waitlist, cancel a visit, see the offer go out in the chat and the panel', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const b = await createBookable(recepta);
  const day = await nextWorkday(recepta, 2);
  const waiting = unique('Laura Espera');
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name: waiting,
    text: 'Hola, ¿no tienen un turno antes?',
  });
  await expect
    .poll(async () => (await recepta.api<Patient[]>('GET', `/api/patients?q=${encodeURIComponent(waiting)}`))[0]?.id)
    .toBeTruthy();
  const holder = await createPatient(recepta, unique('Rosa Cancela'));
  const visit = await recepta.api<Appointment>('POST', '/api/appointments', {
    patientId: holder.id,
    practitionerId: b.practitioner.id,
    serviceId: b.service.id,
    start: instantAt(day, '10:00'),
  });

  await showOnly(page, recepta, b.practitioner.id, 'timeGridDay');
  await app.open('/agenda');
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();

  // Add her: patient, service, practitioner, mornings (the dates default to the next two weeks).
  await page.getByRole('button', { name: 'Lista de espera' }).click();
  const panel = page.getByRole('dialog', { name: 'Lista de espera' });
  await expect(panel).toBeVisible();
  await panel.getByRole('combobox', { name: 'Paciente' }).fill(waiting.split(' ').slice(0, 2).join(' '));
  await panel.getByRole('option', { name: new RegExp(waiting) }).click();
  await panel.getByLabel('Servicio').selectOption({ label: b.service.name });
  await panel.getByLabel('Profesional').selectOption({ label: b.practitioner.name });
  await panel.getByLabel('Momento del día').selectOption({ label: 'Mañana' });
  await panel.getByRole('button', { name: 'Anotar en la lista' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'quedó en la lista de espera' })).toContainText(waiting);
  const row = panel.locator('.waitlist-list .item', { hasText: waiting });
  await expect(row).toContainText('Esperando');
  await expect(row).toContainText('Mañana');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('waitlist-added.png') });
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // Cancel the other patient's 10:00 in the calendar.
  await goToDay(page, day);
  const event = page.locator('.fc-event.appt', { hasText: holder.displayName ?? '' });
  await event.click();
  const detail = page.getByRole('dialog', { name: `Turno de ${holder.displayName}` });
  await detail.getByRole('button', { name: 'Cancelar turno' }).click();
  await detail.getByLabel('Motivo de la cancelación').fill('No puede venir');
  await detail.getByLabel('Motivo de la cancelación').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'turno cancelado' })).toBeVisible();
  expect((await recepta.api<Appointment>('GET', `/api/appointments/${visit.id}`)).status).toBe('cancelled');

  // The panel (opened with L) shows the offer sent and her entry waiting for the answer.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('l');
  await expect(panel).toBeVisible();
  await expect(panel.locator('.waitlist-list .item', { hasText: waiting })).toContainText('Oferta enviada');
  const offer = panel.locator('.waitlist-offers .item', { hasText: waiting });
  await expect(offer).toContainText('Esperando respuesta');
  await expect(offer).toContainText(b.practitioner.name);
  await page.screenshot({ path: testInfo.outputPath('waitlist-offered.png') });
  await page.keyboard.press('Escape');

  // And in her chat, the offer as she reads it.
  await app.open(`/conversaciones/${conversationId}`);
  await expect(
    page.getByTestId('message-scroller').getByText(/^Se liberó un turno el .* a las 10:00 con/),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('waitlist-chat.png') });
});

test('the open Lista de espera and the patient page follow changes made elsewhere (another PC, the waitlist job)', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const b = await createBookable(recepta);
  const day = await nextWorkday(recepta, 2);
  const waiting = unique('Lidia Vivo');
  await recepta.api('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name: waiting,
    text: 'Hola, avisame si se libera algo',
  });
  let patientId = 0;
  await expect
    .poll(async () => {
      patientId = (await recepta.api<Patient[]>('GET', `/api/patients?q=${encodeURIComponent(waiting)}`))[0]?.id ?? 0;
      return patientId;
    })
    .toBeTruthy();
  const holder = await createPatient(recepta, unique('Raúl Libera'));
  const visit = await recepta.api<Appointment>('POST', '/api/appointments', {
    patientId: holder.id,
    practitionerId: b.practitioner.id,
    serviceId: b.service.id,
    start: instantAt(day, '10:00'),
  });

  await showOnly(page, recepta, b.practitioner.id, 'timeGridDay');
  await app.open('/agenda');
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('l');
  const panel = page.getByRole('dialog', { name: 'Lista de espera' });
  await expect(panel).toBeVisible();
  const row = panel.locator('.waitlist-list .item', { hasText: waiting });
  await expect(row).toHaveCount(0);

  // Another PC adds her: the open panel shows her without being reopened.
  const entry = await recepta.api<{ id: number }>('POST', '/api/waitlist', {
    patientId,
    serviceId: b.service.id,
    practitionerId: b.practitioner.id,
    fromDate: day.toISODate(),
    toDate: day.toISODate(),
    dayPart: 'any',
  });
  await expect(row).toContainText('Esperando');

  // A visit is cancelled elsewhere: the waitlist offers the time, and the panel shows the offer.
  await recepta.api('PATCH', `/api/appointments/${visit.id}`, { status: 'cancelled', cancelReason: 'no puede' });
  await expect(row).toContainText('Oferta enviada');
  await expect(panel.locator('.waitlist-offers .item', { hasText: waiting })).toContainText('Esperando respuesta');
  await page.screenshot({ path: testInfo.outputPath('waitlist-live-panel.png') });
  await page.keyboard.press('Escape');

  // Her page follows too: taken off the list from elsewhere, the entry leaves it.
  await app.open(`/pacientes/${patientId}`);
  const own = page.locator('.waitlist-list .item', { hasText: b.service.name });
  await expect(own).toContainText('Oferta enviada');
  await recepta.api('DELETE', `/api/waitlist/${entry.id}`);
  await expect(own).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('waitlist-live-patient.png') });
});
