import type { Patient, PatientDetail } from '../../main/http/agenda-types.js';
import {
  book,
  createBookable,
  createPatient,
  instantAt,
  nextWorkday,
  seriousViolations,
  unique,
} from './agenda-fixtures.js';
import { expect, test } from './fixtures.js';

test('search patients by name and by phone digits, open one, edit it (the phone checked by the core), consent', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  // The core checking the phone is the point: it answers 422 and Chromium logs it.
  app.console.failedRequest(422, /\/api\/patients\/\d+/, 'an invalid phone is refused');
  const surname = unique('Quiroga');
  const ana = await createPatient(recepta, `Ana ${surname}`, '+54 9 11 4444-0101');
  await createPatient(recepta, `Beto ${surname}`);
  await app.open('/pacientes');
  await expect(page.getByRole('heading', { level: 1, name: 'Pacientes' })).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Buscar pacientes' });
  await search.fill(surname);
  const list = page.getByRole('list', { name: 'Pacientes' });
  await expect(list.getByRole('link')).toHaveCount(2);
  await search.fill('1144440101');
  await expect(list.getByRole('link', { name: new RegExp(`Ana ${surname}`) })).toBeVisible();
  await search.fill(`zz${surname}zz`);
  await expect(page.getByText(`No encontramos pacientes con «zz${surname}zz».`)).toBeVisible();
  await search.fill(surname);
  await list.getByRole('link', { name: new RegExp(`Ana ${surname}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/pacientes/${ana.id}$`));
  const detail = page.getByRole('article', { name: `Ana ${surname}` });
  await expect(detail).toContainText('+54 9 11 4444 0101');

  await detail.getByRole('button', { name: 'Editar datos' }).click();
  await detail.getByLabel('Teléfono').fill('123');
  await detail.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(detail.getByRole('alert')).not.toBeEmpty();
  expect((await recepta.api<PatientDetail>('GET', `/api/patients/${ana.id}`)).phone).toBe('+5491144440101');
  await detail.getByLabel('Teléfono').fill('011 15 4444-0199');
  await detail.getByLabel('E-mail').fill('ana@example.com');
  await detail.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(detail.getByText('Datos guardados.')).toBeVisible();
  await expect(detail).toContainText('+54 9 11 4444 0199');
  const saved = await recepta.api<PatientDetail>('GET', `/api/patients/${ana.id}`);
  expect(saved).toMatchObject({ phone: '+5491144440199', email: 'ana@example.com' });

  await detail.getByLabel('Acepta que le escribamos por WhatsApp').check();
  await expect(detail.getByText(/^Aceptó el/)).toBeVisible();
  expect((await recepta.api<PatientDetail>('GET', `/api/patients/${ana.id}`)).whatsappConsent).not.toBeNull();
  await page.screenshot({ path: testInfo.outputPath('pacientes.png') });
  expect(await seriousViolations(page)).toEqual([]);
});

test('merge a duplicate: pick it, confirm, its appointments move over and it disappears', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const b = await createBookable(recepta);
  const surname = unique('Ferreyra');
  const keep = await createPatient(recepta, `Carla ${surname}`, '+54 9 11 4444-0301');
  const dup = await createPatient(recepta, `Carla B. ${surname}`);
  await book(recepta, b, dup.id, instantAt(await nextWorkday(recepta, 3), '10:00'));
  await app.open(`/pacientes/${keep.id}`);
  const detail = page.getByRole('article', { name: `Carla ${surname}` });
  await expect(detail.getByText('Todavía no tiene turnos.')).toBeVisible();
  await detail.getByRole('button', { name: 'Unir duplicado' }).click();
  const dialog = page.getByRole('dialog', { name: `Unir otro registro a Carla ${surname}` });
  await dialog.getByRole('combobox', { name: 'Registro duplicado' }).fill(`Carla B. ${surname}`);
  // The patient being kept is never offered as its own duplicate.
  await expect(dialog.getByRole('option')).toHaveCount(1);
  await dialog.getByRole('option', { name: new RegExp(`Carla B. ${surname}`) }).click();
  await expect(dialog.getByText('No se puede deshacer.', { exact: false })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('merge-dialog.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Unir pacientes' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(detail.getByRole('status').filter({ hasText: 'se unió a' })).toBeVisible();
  await expect(detail.getByText(b.service.name)).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Pacientes' }).getByRole('link', { name: new RegExp(`Carla B. ${surname}`) }),
  ).toHaveCount(0);
  const found = await recepta.api<Patient[]>('GET', `/api/patients?q=${encodeURIComponent(surname)}`);
  expect(found.map((p) => p.id)).toEqual([keep.id]);
  await page.screenshot({ path: testInfo.outputPath('merged.png') });
  // The appointment's date opens the agenda on that day with the appointment open.
  await detail.getByRole('link', { name: /10:00/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: `Turno de Carla ${surname}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/agenda$/);
});

test('a new patient from the Pacientes page; an invalid phone is refused with the reason', async ({
  app,
  page,
  recepta,
}) => {
  // The refused phone is the point: the core answers 422 and Chromium logs it.
  app.console.failedRequest(422, /\/api\/patients/, 'an invalid phone is refused');
  await app.open('/pacientes');
  await page.getByRole('button', { name: 'Nuevo paciente' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuevo paciente' });
  const name = unique('Dolores Nueva');
  await dialog.getByLabel('Nombre y apellido').fill(name);
  await dialog.getByLabel('Teléfono').fill('12');
  await dialog.getByLabel('Teléfono').press('Enter');
  await expect(dialog.getByRole('alert')).not.toBeEmpty();
  await dialog.getByLabel('Teléfono').fill('+54 9 351 555-0123');
  await dialog.getByRole('button', { name: 'Crear paciente' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('article', { name })).toContainText('+54 9 351 555 0123');
  const created = (await recepta.api<Patient[]>('GET', `/api/patients?q=${encodeURIComponent(name)}`))[0];
  expect(created?.phone).toBe('+5493515550123');
});
