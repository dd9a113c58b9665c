// Agenda › Lista de espera (issue 17): the receptionist puts a patient who already wrote to
// the clinic on the waitlist, cancels another patient's visit in the calendar, and sees the
// freed time offered in the patient's chat and in the panel.
import { DateTime } from 'luxon';
import type { Appointment } from '../../main/http/agenda-types.js';
import { seriousViolations, TZ } from './agenda-fixtures.js';
import { clippedControls, goToDay, openWaitlist, waitlistPanel, waitlistScene } from './agenda-steps.js';
import { expect, test } from './fixtures.js';

test('add a patient to the waitlist, cancel a visit, see the offer go out in the chat and the panel', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const {
    bookable: b,
    day,
    waiting,
    holder,
    visit,
  } = await waitlistScene(app, { waiting: 'Laura Espera', holder: 'Rosa Cancela' }, 'Hola, ¿no tienen un turno antes?');

  // Add her: patient, service, practitioner, mornings (the dates default to the next two weeks).
  const panel = await openWaitlist(page, 'button');
  await panel.getByRole('combobox', { name: 'Paciente' }).fill(waiting.name.split(' ').slice(0, 2).join(' '));
  await panel.getByRole('option', { name: new RegExp(waiting.name) }).click();
  await panel.getByLabel('Servicio').selectOption({ label: b.service.name });
  await panel.getByLabel('Profesional').selectOption({ label: b.practitioner.name });
  await panel.getByLabel('Momento del día').selectOption({ label: 'Mañana' });
  await panel.getByRole('button', { name: 'Anotar en la lista' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'quedó en la lista de espera' })).toContainText(
    waiting.name,
  );
  const row = panel.locator('.waitlist-list .item', { hasText: waiting.name });
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
  await openWaitlist(page, 'key');
  await expect(panel.locator('.waitlist-list .item', { hasText: waiting.name })).toContainText('Oferta enviada');
  const offer = panel.locator('.waitlist-offers .item', { hasText: waiting.name });
  await expect(offer).toContainText('Esperando respuesta');
  await expect(offer).toContainText(b.practitioner.name);
  await page.screenshot({ path: testInfo.outputPath('waitlist-offered.png') });
  await page.keyboard.press('Escape');

  // And in her chat, the offer as she reads it.
  await app.open(`/conversaciones/${waiting.conversationId}`);
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
  const {
    bookable: b,
    day,
    waiting,
    visit,
  } = await waitlistScene(app, { waiting: 'Lidia Vivo', holder: 'Raúl Libera' }, 'Hola, avisame si se libera algo');
  const panel = await openWaitlist(page, 'key');
  const row = panel.locator('.waitlist-list .item', { hasText: waiting.name });
  await expect(row).toHaveCount(0);

  // Another PC adds her: the open panel shows her without being reopened.
  const entry = await recepta.api<{ id: number }>('POST', '/api/waitlist', {
    patientId: waiting.patientId,
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
  await expect(panel.locator('.waitlist-offers .item', { hasText: waiting.name })).toContainText('Esperando respuesta');
  await page.screenshot({ path: testInfo.outputPath('waitlist-live-panel.png') });
  await page.keyboard.press('Escape');
  await expect(waitlistPanel(page)).toBeHidden();

  // Her page follows too: taken off the list from elsewhere, the entry leaves it.
  await app.open(`/pacientes/${waiting.patientId}`);
  const own = page.locator('.waitlist-list .item', { hasText: b.service.name });
  await expect(own).toContainText('Oferta enviada');
  await recepta.api('DELETE', `/api/waitlist/${entry.id}`);
  await expect(own).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('waitlist-live-patient.png') });
});

test.describe('on a PC whose browser speaks English', () => {
  test.use({ locale: 'en-US' });

  test("the Lista de espera fits 1366×800 and 1024×700, and writes its dates the app's way", async ({
    app,
    page,
    recepta,
  }, testInfo) => {
    const { bookable: b, waiting } = await waitlistScene(
      app,
      { waiting: 'Inés Fechas', holder: 'Tomás Ocupa' },
      'Hola, ¿hay algo antes del viernes?',
    );
    const today = DateTime.now().setZone(TZ).startOf('day');
    for (const [width, height] of [
      [1366, 800],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      const panel = await openWaitlist(page, 'button');
      await panel.getByLabel('Servicio').selectOption({ label: b.service.name });
      await panel.getByLabel('Profesional').selectOption({ label: b.practitioner.name });
      // The dates as the app writes them (es-AR), not as the browser would (en-US: 5/14/2026).
      await expect(panel.getByLabel('Desde', { exact: true })).toHaveValue(today.toFormat('dd/MM/yyyy'));
      await expect(panel.getByLabel('Hasta', { exact: true })).toHaveValue(
        today.plus({ days: 14 }).toFormat('dd/MM/yyyy'),
      );
      for (const part of ['Cualquier momento', 'Mañana', 'Tarde']) {
        await panel.getByLabel('Momento del día').selectOption({ label: part });
        // The form's own words and the dates must fit. The service's and the practitioner's names
        // are the clinic's data, of any length, cut with an ellipsis like any select's (on the
        // shared core they carry a random suffix: CI once measured one a few pixels too long).
        const clipped = (await clippedControls(panel.locator('form'))).filter((c) => !/-(service|pract):/.test(c));
        expect(clipped, `${width}×${height}, ${part}`).toEqual([]);
      }
      await page.screenshot({ path: testInfo.outputPath(`waitlist-form-${width}x${height}.png`) });
      await page.keyboard.press('Escape');
      await expect(panel).toBeHidden();
    }

    // Typed the Spanish way (short numbers too), the field names the day and writes it in full.
    const panel = await openWaitlist(page, 'button');
    const until = panel.getByLabel('Hasta', { exact: true });
    const inThreeDays = today.plus({ days: 3 });
    await until.fill(inThreeDays.toFormat('d/M/yy'));
    await expect(until).toHaveAccessibleDescription(inThreeDays.setLocale('es-AR').toFormat("cccc d 'de' LLLL"));
    await until.blur();
    await expect(until).toHaveValue(inThreeDays.toFormat('dd/MM/yyyy'));
    // A day that does not exist says how to write one.
    await until.fill('31/02/2027');
    await until.blur();
    await expect(until).toHaveAttribute('aria-invalid', 'true');
    await expect(until).toHaveAccessibleDescription('Escribí la fecha como dd/mm/aaaa.');
    // The calendar button's pop-up is the browser's own; what it picks lands in the field the app's way.
    await expect(panel.getByRole('button', { name: 'Elegir en el calendario: Hasta' })).toBeVisible();
    const inFiveDays = today.plus({ days: 5 });
    await panel
      .locator('.date-field', { has: page.getByLabel('Hasta', { exact: true }) })
      .locator('input[type="date"]')
      .fill(inFiveDays.toISODate() as string);
    await expect(until).toHaveValue(inFiveDays.toFormat('dd/MM/yyyy'));
    await expect(until).not.toHaveAttribute('aria-invalid');

    // Saved as those dates, and listed as the app writes them.
    await panel.getByRole('combobox', { name: 'Paciente' }).fill(waiting.name.split(' ').slice(0, 2).join(' '));
    await panel.getByRole('option', { name: new RegExp(waiting.name) }).click();
    await panel.getByLabel('Servicio').selectOption({ label: b.service.name });
    await panel.getByRole('button', { name: 'Anotar en la lista' }).click();
    const row = panel.locator('.waitlist-list .item', { hasText: waiting.name });
    await expect(row).toContainText(`${today.toFormat('dd/MM')} al ${inFiveDays.toFormat('dd/MM')}`);
    const [entry] = await recepta.api<{ patientId: number; fromDate: string; toDate: string }[]>(
      'GET',
      `/api/waitlist?patientId=${waiting.patientId}`,
    );
    expect(entry).toMatchObject({ fromDate: today.toISODate(), toDate: inFiveDays.toISODate() });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('waitlist-form-typed.png') });
  });
});
