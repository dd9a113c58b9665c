// Ajustes › Copias de seguridad, clicked through as the receptionist would: make a backup
// now (with visible progress), see it listed, get the recovery code, restore it (asked
// twice) and find the chat written after the backup gone.
import { AxeBuilder } from '@axe-core/playwright';
import type { Backup, BackupOverview } from '../../main/http/backups-types.js';
import { AppDriver, expect, test } from './fixtures.js';

test('Ajustes › Copias de seguridad: make a backup now, see it listed, restore it after new data was written', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  // The restore restarts the core: the push stream is cut and calls are refused until it is back.
  app.console.failedRequest('net::ERR_INCOMPLETE_CHUNKED_ENCODING', /\/api\/events/, 'the restore restarts the core');
  app.console.failedRequest('net::ERR_CONNECTION_REFUSED', /\/api\/[^\s?]+/, 'the restore restarts the core');
  test.setTimeout(90_000);
  // A fresh core makes its catch-up backup a minute after it starts: one good backup first,
  // so none starts by itself in the middle of this test.
  await recepta.api<Backup>('POST', '/api/backups', {});
  await expect
    .poll(async () => (await recepta.api<BackupOverview>('GET', '/api/backups')).running, { timeout: 30_000 })
    .toBeNull();
  await app.open('/ajustes');
  await page
    .getByRole('group', { name: 'Secciones de ajustes' })
    .getByRole('link', { name: 'Copias de seguridad' })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Copias de seguridad' })).toBeVisible();

  // The recovery code: shown once, to write down.
  await page.getByRole('button', { name: 'Generar el código de recuperación' }).click();
  await expect(page.getByTestId('recovery-code')).toHaveText(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  await expect(page.getByText('No se va a volver a mostrar.')).toBeVisible();
  await page.getByRole('button', { name: 'Ya lo guardé' }).click();
  await expect(page.getByTestId('recovery-code')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Generar un código nuevo' })).toBeVisible();

  // A patient wrote before the backup.
  const before = AppDriver.uniqueNumber();
  await recepta.api('POST', '/api/simulator/messages', {
    from: before,
    name: 'Paciente Antes',
    text: 'hola, antes de la copia',
  });

  const rows = page.getByTestId('backup-row');
  const known = new Set((await recepta.api<BackupOverview>('GET', '/api/backups')).backups.map((b) => b.id));
  await page.getByRole('button', { name: 'Hacer una copia ahora' }).click();
  await expect(page.getByText('Copia hecha y verificada.')).toBeVisible({ timeout: 30_000 });
  // Listed first. (Not counted: rotation keeps one backup a day, so today's earlier one may go.)
  const made = (await recepta.api<BackupOverview>('GET', '/api/backups')).backups.filter((b) => !known.has(b.id));
  expect(made).toMatchObject([{ kind: 'manual', verified: true }]);
  const newest = rows.first();
  await expect(newest).toHaveAttribute('data-backup-id', String(made[0]!.id));
  await expect(newest).toContainText('Manual');
  await expect(newest).toContainText('Verificada');
  await expect(page.getByTestId('backup-last-good')).toContainText(/Última copia buena: (recién|hace \d+ minutos?)/);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) })),
  ).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('copias-de-seguridad.png'), fullPage: true });

  // New data after the backup.
  const after = AppDriver.uniqueNumber();
  await recepta.api('POST', '/api/simulator/messages', {
    from: after,
    name: 'Paciente Después',
    text: 'escribo después de la copia',
  });
  const names = async () =>
    (await recepta.api<Array<{ displayName: string | null }>>('GET', '/api/conversations')).map((c) => c.displayName);
  expect(await names()).toContain('Paciente Después');

  // Restore: asked twice, saying what will happen.
  await newest.getByRole('button', { name: /Restaurar la copia del/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Los mensajes, turnos y cambios posteriores dejan de verse');
  await expect(dialog).toContainText('queda guardado aparte');
  await dialog.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByRole('dialog', { name: '¿Seguro que querés restaurar esta copia?' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('restaurar-confirmar.png') });
  await page.getByRole('button', { name: 'Sí, restaurar esta copia' }).click();
  await expect(page.getByRole('dialog')).toContainText('Recepta volvió con la copia', { timeout: 30_000 });
  await expect(page.getByRole('dialog')).toContainText('before-restore-');
  await page.getByRole('button', { name: 'Volver a Recepta' }).click();

  // The core serves the restored data: the chat from before is there, the one after is gone.
  await expect(page.getByRole('heading', { level: 2, name: 'Copias de seguridad' })).toBeVisible();
  const restored = await names();
  expect(restored).toContain('Paciente Antes');
  expect(restored).not.toContain('Paciente Después');
  await app.nav('Conversaciones').click();
  await expect(page.getByText('Paciente Antes')).toBeVisible();
  await expect(page.getByText('Paciente Después')).toHaveCount(0);
});
