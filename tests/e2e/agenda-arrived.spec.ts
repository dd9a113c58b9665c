// Reception's "Llegó" on the Agenda (issue 17): marked from the appointment's dialog shortly
// before its start, shown on the event, undone from the same place. A visit with it is never
// a no-show. Times come from the pinned clock (a Wednesday morning in Buenos Aires).
import { DateTime } from 'luxon';
import type { Appointment } from '../../main/http/agenda-types.js';
import { book, createBookable, createPatient, seriousViolations, showOnly, TZ, unique } from './agenda-fixtures.js';
import { goToDay } from './agenda-steps.js';
import { expect, test } from './fixtures.js';

test('"Llegó": marked shortly before the visit, shown on the event, undone', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  const b = await createBookable(recepta);
  const name = unique('Marta Llega');
  const patient = await createPatient(recepta, name);
  // The next half hour that starts at least 15 minutes from now: "Llegó" is open from an hour before.
  const now = DateTime.now().setZone(TZ);
  const start = now
    .plus({ minutes: 15 })
    .startOf('hour')
    .plus({ minutes: now.minute + 15 >= 30 ? 60 : 30 });
  const visit = await book(recepta, b, patient.id, start.toUTC().toISO()!);
  await showOnly(page, recepta, b.practitioner.id, 'timeGridDay');
  await app.open('/agenda');
  await goToDay(page, start);
  const event = page.locator('.fc-event.appt', { hasText: name });
  await expect(event).toBeVisible();

  await event.click();
  const detail = page.getByRole('dialog', { name: `Turno de ${name}` });
  await detail.getByRole('button', { name: 'Llegó', exact: true }).click();
  // The dialog closes on a change, the toast says what was done, and the event shows it.
  await expect(detail).toBeHidden();
  await expect(page.getByText(`${name}: marcado como «llegó».`)).toBeVisible();
  await expect(event.locator('.appt__arrived')).toHaveText('Llegó');
  expect((await recepta.api<Appointment>('GET', `/api/appointments/${visit.id}`)).arrivedAt).not.toBeNull();
  await page.screenshot({ path: testInfo.outputPath('arrived-event.png') });

  await event.click();
  await expect(detail.getByText('Llegó a las')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('arrived-dialog.png') });
  await detail.getByRole('button', { name: 'Deshacer «Llegó»' }).click();
  await expect(detail).toBeHidden();
  await expect(event.locator('.appt__arrived')).toHaveCount(0);
  expect((await recepta.api<Appointment>('GET', `/api/appointments/${visit.id}`)).arrivedAt).toBeNull();
});

test('Ajustes › Recordatorios › Inasistencias: the grace and the follow-up are saved', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.open('/ajustes');
  // The no-shows live with the reminders, not in General.
  await expect(page.getByRole('region', { name: 'Inasistencias' })).toHaveCount(0);
  await page.getByRole('group', { name: 'Secciones de ajustes' }).getByRole('link', { name: 'Recordatorios' }).click();
  const section = page.getByRole('region', { name: 'Inasistencias' });
  await section.getByLabel('Minutos de tolerancia').fill('20');
  await section.getByLabel('Mandar un mensaje al paciente que no vino').check();
  await expect(section.getByLabel('Mensaje en español')).toHaveValue(/Te esperábamos hoy a las \{hora\}/);
  await section.getByRole('button', { name: 'Guardar' }).click();
  await expect(section.getByText('Inasistencias guardadas.')).toBeVisible();
  const settings = await recepta.api<Record<string, unknown>>('GET', '/api/settings');
  expect(settings).toMatchObject({ 'noShows.graceMinutes': 20, 'noShows.followUp.enabled': true });
  expect(await seriousViolations(page)).toEqual([]);
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('no-shows-settings.png') });
  await recepta.api('PATCH', '/api/settings', { 'noShows.graceMinutes': 15, 'noShows.followUp.enabled': false });
});
