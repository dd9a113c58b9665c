// "Horario especial para una fecha" (the clinic's and a practitioner's) and a service's own
// slot grid and maximum per day, as Laura edits them in Ajustes.
import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { Practitioner, Service } from '../../main/http/agenda-types.js';
import type { DateHours } from '../../main/http/date-hours-types.js';
import { TZ, closedOn, seriousViolations, unique } from './agenda-fixtures.js';
import { expect, test } from './fixtures.js';

const section = (page: Page, name: string) =>
  page.getByRole('group', { name: 'Secciones de ajustes' }).getByRole('link', { name, exact: true });

test("the clinic's special hours: a closed Saturday opened 9 to 13, listed, then removed", async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const closed = await closedOn(recepta);
  let saturday = DateTime.now().setZone(TZ).startOf('day').plus({ days: 40 });
  while (saturday.weekday !== 6 || closed(saturday)) saturday = saturday.plus({ days: 1 });
  const date = saturday.toFormat('yyyy-MM-dd');
  const reason = unique('Campaña');

  await app.open('/ajustes');
  await section(page, 'Clínica').click();
  const card = page.locator('section', {
    has: page.getByRole('heading', { name: 'Horario especial para una fecha', level: 2 }),
  });
  await expect(card.getByText('Ese día se atiende solo en este horario')).toBeVisible();
  // Nothing chosen yet: it says what is missing.
  await card.getByRole('button', { name: 'Guardar horario especial' }).click();
  await expect(card.getByRole('alert')).toHaveText('Elegí la fecha.');
  await card.getByLabel('Fecha').fill(date);
  await expect(card.getByLabel('Horario 1: desde')).toHaveValue('09:00');
  await expect(card.getByLabel('Horario 1: hasta')).toHaveValue('13:00');
  await card.getByLabel('Motivo (opcional)').fill(reason);
  await card.getByRole('button', { name: 'Guardar horario especial' }).click();
  await expect(card.getByText(reason)).toBeVisible();
  await expect(card.getByRole('list', { name: 'Horarios especiales próximos' })).toContainText('09:00–13:00');
  const saved = (await recepta.api<DateHours[]>('GET', '/api/date-hours')).find((d) => d.date === date);
  expect(saved).toMatchObject({ practitionerId: null, hours: [{ start: '09:00', end: '13:00' }], reason });
  expect(await seriousViolations(page)).toEqual([]);
  await card.screenshot({ path: testInfo.outputPath('ajustes-clinica-horario-especial.png') });

  await card.getByRole('button', { name: /^Quitar el horario especial del / }).click();
  await expect(card.getByText(reason)).toHaveCount(0);
  expect((await recepta.api<DateHours[]>('GET', '/api/date-hours')).some((d) => d.date === date)).toBe(false);
});

test("a practitioner's special hours: an extra Tuesday afternoon, in the practitioner's own dialog", async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const name = unique('Dra. Martes');
  const p = await recepta.api<Practitioner>('POST', '/api/practitioners', {
    name,
    specialty: '',
    color: '#1a7f64',
    hours: [{ weekday: 2, start: '09:00', end: '12:00' }],
  });
  let tuesday = DateTime.now().setZone(TZ).startOf('day').plus({ days: 10 });
  while (tuesday.weekday !== 2) tuesday = tuesday.plus({ days: 1 });

  await app.open('/ajustes');
  await section(page, 'Profesionales').click();
  await page.getByRole('button', { name: `Horario especial de ${name} para una fecha` }).click();
  const dialog = page.getByRole('dialog', { name: `Horario especial de ${name}` });
  await expect(dialog.getByText('No hay horarios especiales próximos.')).toBeVisible();
  await dialog.getByLabel('Fecha').fill(tuesday.toFormat('yyyy-MM-dd'));
  await dialog.getByLabel('Horario 1: desde').fill('14:00');
  await dialog.getByLabel('Horario 1: hasta').fill('20:00');
  await dialog.getByRole('button', { name: 'Guardar horario especial' }).click();
  await expect(dialog.getByText('tiene su propio horario')).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Horarios especiales próximos' })).toContainText('14:00–20:00');
  expect(
    (await recepta.api<DateHours[]>('GET', `/api/practitioners/${p.id}/date-hours`)).map((d) => [d.date, d.hours]),
  ).toEqual([[tuesday.toFormat('yyyy-MM-dd'), [{ start: '14:00', end: '20:00' }]]]);
  // Overlapping intervals are caught before anything is sent.
  await dialog.getByLabel('Fecha').fill(tuesday.plus({ days: 7 }).toFormat('yyyy-MM-dd'));
  await dialog.getByRole('button', { name: 'Agregar horario' }).click();
  await dialog.getByLabel('Horario 2: desde').fill('12:00');
  await dialog.getByRole('button', { name: 'Guardar horario especial' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Hay horarios que se superponen.');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('profesional-horario-especial.png') });
  await dialog.getByRole('button', { name: /^Quitar el horario especial del / }).click();
  await expect(dialog.getByText('No hay horarios especiales próximos.')).toBeVisible();
});

test("a service's own slot grid and its maximum per day are saved from its dialog", async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const name = unique('Cirugía');
  await app.open('/ajustes');
  await section(page, 'Servicios').click();
  await page
    .getByRole('button', { name: /Agregar (tu primer )?servicio/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'Nuevo servicio' });
  await dialog.getByLabel('Nombre').fill(name);
  await dialog.getByLabel(/^Precio/).fill('100000');
  await dialog.getByLabel('Duración').fill('120');
  await dialog.getByLabel('Ofrecer turnos cada').fill('7');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(dialog.getByText('Entre 5 y 720 min, de 5 en 5.')).toBeVisible();
  await dialog.getByLabel('Ofrecer turnos cada').fill('120');
  await dialog.getByLabel('Máximo por día').fill('1');
  await page.screenshot({ path: testInfo.outputPath('servicio-grilla-maximo.png') });
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(dialog).toHaveCount(0);
  const saved = (await recepta.api<Service[]>('GET', '/api/services')).find((s) => s.name === name);
  expect(saved).toMatchObject({ durationMinutes: 120, slotMinutes: 120, maxPerDay: 1 });

  // Emptied again: the clinic's grid and no limit.
  await page.getByRole('button', { name: `Editar ${name}` }).click();
  const edit = page.getByRole('dialog', { name: `Editar ${name}` });
  await expect(edit.getByLabel('Ofrecer turnos cada')).toHaveValue('120');
  await edit.getByLabel('Ofrecer turnos cada').fill('');
  await edit.getByLabel('Máximo por día').fill('');
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(edit).toHaveCount(0);
  expect((await recepta.api<Service[]>('GET', '/api/services')).find((s) => s.name === name)).toMatchObject({
    slotMinutes: null,
    maxPerDay: null,
  });
  expect(await seriousViolations(page)).toEqual([]);
});
