// Ajustes › Integraciones › Chats que esperan (issue 17): the owner sets how long a chat may
// wait for a person and whether only the opening hours count; the save shows its progress
// and the API stores both. axe-clean; screenshots at both target sizes.
import { expect, test } from './fixtures.js';
import { seriousViolations } from './agenda-fixtures.js';

test('Ajustes › Integraciones: the SLA threshold and opening-hours switch are saved', async ({
  app,
  page,
  recepta,
  consoleAllowance,
}, testInfo) => {
  consoleAllowance.failedRequest(400, /\/api\/settings/, 'a threshold of 0 minutes is refused on purpose');
  // The core is shared with other specs (sla-marker sets 1 minute): start from the defaults on purpose.
  await recepta.api('PATCH', '/api/settings', { 'sla.thresholdMinutes': 5, 'sla.onlyOpeningHours': true });
  await page.setViewportSize({ width: 1366, height: 800 });
  await app.open('/ajustes');
  await page.getByRole('group', { name: 'Secciones de ajustes' }).getByRole('link', { name: 'Integraciones' }).click();
  const section = page.getByRole('region', { name: 'Chats que esperan una respuesta' });
  const minutes = section.getByLabel('Minutos de espera antes de avisar');
  await expect(minutes).toHaveValue('5');
  const onlyOpen = section.getByLabel('Contar solo el horario de atención');
  await expect(onlyOpen).toBeChecked();
  await expect(section.getByRole('button', { name: 'Guardar' })).toBeDisabled();

  await minutes.fill('12');
  await onlyOpen.uncheck();
  await expect(section.getByText('Tenés cambios sin guardar.')).toBeVisible();
  await section.getByRole('button', { name: 'Guardar' }).click();
  await expect(section.getByText('Guardado. El próximo control ya usa estos valores.')).toBeVisible();
  const settings = await recepta.api<Record<string, unknown>>('GET', '/api/settings');
  expect(settings).toMatchObject({ 'sla.thresholdMinutes': 12, 'sla.onlyOpeningHours': false });

  // A value the API refuses names its field.
  await minutes.fill('0');
  await section.getByRole('button', { name: 'Guardar' }).click();
  await expect(section.getByRole('alert')).toContainText('Minutos de espera antes de avisar');

  expect(await seriousViolations(page)).toEqual([]);
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('sla-settings-1366.png') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('sla-settings-1024.png') });
  await recepta.api('PATCH', '/api/settings', { 'sla.thresholdMinutes': 5, 'sla.onlyOpeningHours': true });
});
