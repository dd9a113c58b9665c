import type { Page } from '@playwright/test';
import type { ClinicProfile, Closure, Practitioner, Service, TimeOff } from '../../main/http/agenda-types.js';
import { instantAt, nextWorkday, seriousViolations, unique } from './agenda-fixtures.js';
import { expect, test } from './fixtures.js';

const section = (page: Page, name: string) =>
  page.getByRole('group', { name: 'Secciones de ajustes' }).getByRole('link', { name, exact: true });

test('create a practitioner with hours and a break, then a service they perform', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  await app.open('/ajustes');
  await section(page, 'Profesionales').click();
  await expect(page).toHaveURL(/seccion=profesionales/);
  const list = page
    .getByRole('region', { name: 'Profesionales' })
    .or(page.locator('section', { has: page.getByRole('heading', { name: 'Profesionales', level: 2 }) }));
  await list
    .getByRole('button', { name: /Agregar (tu primer )?profesional/ })
    .first()
    .click();

  const dialog = page.getByRole('dialog', { name: 'Nuevo profesional' });
  // Validation before anything is sent.
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(dialog.getByText('Escribí el nombre.')).toBeVisible();
  const name = unique('Dr. Ajustes');
  await dialog.getByLabel('Nombre', { exact: true }).fill(name);
  await dialog.getByLabel('Especialidad').fill('Endodoncia');
  await dialog.getByRole('button', { name: 'Color #8e44ad' }).click();
  await dialog.getByLabel('Un horario propio').check();
  // Monday: 09:00–13:00 and, after a break, 14:00–18:00.
  const monday = dialog.getByRole('group', { name: 'Lunes' });
  while ((await monday.getByRole('button', { name: /^Quitar el horario/ }).count()) > 0)
    await monday
      .getByRole('button', { name: /^Quitar el horario/ })
      .first()
      .click();
  await monday.getByRole('button', { name: 'Agregar horario el Lunes' }).click();
  await monday.getByRole('button', { name: 'Agregar horario el Lunes' }).click();
  await expect(monday.getByLabel('Lunes, horario 2: desde')).toHaveValue('14:00');
  // An overlap is caught on the day it is on.
  await monday.getByLabel('Lunes, horario 2: desde').fill('12:00');
  await expect(monday.getByText('Hay horarios que se superponen.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Corregí los horarios marcados antes de guardar.');
  await monday.getByLabel('Lunes, horario 2: desde').fill('14:00');
  await monday.getByLabel('Lunes, horario 2: hasta').fill('18:00');
  await page.screenshot({ path: testInfo.outputPath('practitioner-dialog.png') });
  await dialog.getByLabel('Lunes, horario 2: hasta').press('Enter');
  await expect(dialog).toHaveCount(0);

  await expect(page.getByText(name)).toBeVisible();
  const saved = (await recepta.api<Practitioner[]>('GET', '/api/practitioners')).find((p) => p.name === name);
  expect(saved).toMatchObject({ specialty: 'Endodoncia', color: '#8e44ad', active: true });
  expect(saved?.hours?.filter((h) => h.weekday === 1)).toEqual([
    { weekday: 1, start: '09:00', end: '13:00' },
    { weekday: 1, start: '14:00', end: '18:00' },
  ]);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('ajustes-profesionales.png'), fullPage: true });

  // Time off: two whole days, then a morning; one is deleted again.
  await page.getByRole('button', { name: `Ausencias de ${name}` }).click();
  const off = page.getByRole('dialog', { name: `Ausencias de ${name}` });
  await expect(off.getByText('No tiene ausencias cargadas.')).toBeVisible();
  const first = await nextWorkday(recepta, 30);
  await off.getByLabel('Desde', { exact: true }).fill(first.toFormat('yyyy-MM-dd'));
  await off.getByLabel('Hasta', { exact: true }).fill(first.plus({ days: 1 }).toFormat('yyyy-MM-dd'));
  await off.getByLabel('Motivo').fill('Congreso');
  await off.getByRole('button', { name: 'Agregar ausencia' }).click();
  await expect(off.getByText('Congreso')).toBeVisible();
  const timeOff = await recepta.api<TimeOff[]>('GET', `/api/practitioners/${saved?.id}/time-off`);
  expect(timeOff.map((o) => [o.start, o.end])).toEqual([
    [instantAt(first, '00:00'), instantAt(first.plus({ days: 2 }), '00:00')],
  ]);
  await off.getByLabel('Días completos').uncheck();
  await off.getByLabel('Desde', { exact: true }).fill(first.plus({ days: 7 }).toFormat('yyyy-MM-dd'));
  await off.getByLabel('Desde la hora').fill('09:00');
  await off.getByLabel('Hasta', { exact: true }).fill(first.plus({ days: 7 }).toFormat('yyyy-MM-dd'));
  await off.getByLabel('Hasta la hora').fill('08:00');
  await off.getByRole('button', { name: 'Agregar ausencia' }).click();
  await expect(off.getByRole('alert')).toHaveText('El fin tiene que ser posterior al comienzo.');
  await off.getByLabel('Hasta la hora').fill('13:00');
  await off.getByLabel('Motivo').fill('Trámite');
  await off.getByRole('button', { name: 'Agregar ausencia' }).click();
  await expect(off.getByText('Trámite')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await off.getByRole('listitem').filter({ hasText: 'Congreso' }).getByRole('button', { name: 'Borrar' }).click();
  await expect(off.getByText('Congreso')).toHaveCount(0);
  expect(
    (await recepta.api<TimeOff[]>('GET', `/api/practitioners/${saved?.id}/time-off`)).map((o) => o.reason),
  ).toEqual(['Trámite']);
  await page.keyboard.press('Escape');

  // A service: price as it is written here, duration, notice in hours, who performs it.
  await section(page, 'Servicios').click();
  await page
    .getByRole('button', { name: /Agregar (tu primer )?servicio/ })
    .first()
    .click();
  const sdialog = page.getByRole('dialog', { name: 'Nuevo servicio' });
  const service = unique('Conducto');
  await sdialog.getByLabel('Nombre').fill(service);
  await sdialog.getByLabel(/^Precio/).fill('25.000');
  await sdialog.getByLabel('Duración').fill('3');
  await sdialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(sdialog.getByText('Entre 5 y 1440 min.')).toBeVisible();
  await sdialog.getByLabel('Duración').fill('45');
  await sdialog.getByLabel('Anticipación mínima').fill('2');
  for (const box of await sdialog.getByRole('group', { name: 'Quién lo hace' }).getByRole('checkbox').all())
    await box.uncheck();
  await sdialog.getByRole('group', { name: 'Quién lo hace' }).getByLabel(name).check();
  await sdialog.getByLabel('Indicaciones previas').fill('Vení 10 minutos antes.');
  await page.screenshot({ path: testInfo.outputPath('service-dialog.png') });
  await sdialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(sdialog).toHaveCount(0);
  await expect(page.getByText(service)).toBeVisible();
  const s = (await recepta.api<Service[]>('GET', '/api/services')).find((x) => x.name === service);
  expect(s).toMatchObject({
    durationMinutes: 45,
    priceCents: 2_500_000,
    minNoticeMinutes: 120,
    practitionerIds: [saved?.id],
    preparation: 'Vení 10 minutos antes.',
  });
  expect(await seriousViolations(page)).toEqual([]);
});

test('closures: add a range, an overlapping one is refused with the reason, delete', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  // The refused overlap is the point: the core answers 409 and Chromium logs it.
  app.console.failedRequest(409, /\/api\/closures/, 'an overlapping closure is refused');
  await app.open('/ajustes');
  await section(page, 'Feriados y cierres').click();
  // Three days nobody closed yet (the demo clinic has its holidays loaded).
  const existing = await recepta.api<Closure[]>('GET', '/api/closures');
  let from = await nextWorkday(recepta, 200);
  const taken = (d: string) => existing.some((c) => c.startDate <= d && d <= c.endDate);
  while ([0, 1, 2].some((n) => taken(from.plus({ days: n }).toFormat('yyyy-MM-dd')))) from = from.plus({ days: 3 });
  const reason = unique('Congreso');
  await page.getByLabel('Desde').fill(from.toFormat('yyyy-MM-dd'));
  await page.getByLabel('Hasta (inclusive)').fill(from.plus({ days: 2 }).toFormat('yyyy-MM-dd'));
  await page.getByLabel('Motivo').fill(reason);
  await page.getByRole('button', { name: 'Agregar cierre' }).click();
  await expect(page.getByText(reason)).toBeVisible();
  expect((await recepta.api<Closure[]>('GET', '/api/closures')).find((c) => c.reason === reason)).toMatchObject({
    startDate: from.toFormat('yyyy-MM-dd'),
    endDate: from.plus({ days: 2 }).toFormat('yyyy-MM-dd'),
  });
  // The same days again: the server says why.
  await page.getByLabel('Desde').fill(from.plus({ days: 1 }).toFormat('yyyy-MM-dd'));
  await page.getByLabel('Motivo').fill('Otro');
  await page.getByRole('button', { name: 'Agregar cierre' }).click();
  await expect(page.getByRole('alert')).toContainText(/superpone|ya hay/i);
  await page.screenshot({ path: testInfo.outputPath('ajustes-cierres.png'), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: `Borrar el cierre «${reason}»` }).click();
  await expect(page.getByText(reason)).toHaveCount(0);
  expect((await recepta.api<Closure[]>('GET', '/api/closures')).some((c) => c.reason === reason)).toBe(false);
});

test('clinic profile: opening hours with a break and the cancellation policy are saved', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const before = await recepta.api<ClinicProfile>('GET', '/api/clinic');
  try {
    await app.open('/ajustes');
    await section(page, 'Clínica').click();
    await page.getByLabel('Dirección').fill('Av. Santa Fe 1234, CABA');
    const saturday = page.getByRole('group', { name: 'Sábado' });
    while ((await saturday.getByRole('button', { name: /^Quitar el horario/ }).count()) > 0)
      await saturday
        .getByRole('button', { name: /^Quitar el horario/ })
        .first()
        .click();
    await saturday.getByRole('button', { name: 'Agregar horario el Sábado' }).click();
    await saturday.getByLabel('Sábado, horario 1: hasta').fill('12:30');
    await page.getByLabel('Texto de la política').fill('Avisanos con 24 horas de anticipación.');
    await expect(page.getByText('Tenés cambios sin guardar.')).toBeVisible();
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await expect(page.getByText('Cambios guardados.')).toBeVisible();
    const after = await recepta.api<ClinicProfile>('GET', '/api/clinic');
    expect(after.address).toBe('Av. Santa Fe 1234, CABA');
    expect(after.cancellationPolicy).toBe('Avisanos con 24 horas de anticipación.');
    expect(after.openingHours.filter((h) => h.weekday === 6)).toEqual([{ weekday: 6, start: '09:00', end: '12:30' }]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('ajustes-clinica.png'), fullPage: true });
  } finally {
    await recepta.api('PUT', '/api/clinic', before);
  }
});
