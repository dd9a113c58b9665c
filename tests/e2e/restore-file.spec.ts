// "Restaurar desde un archivo…" on a NEW PC: the old PC (this worker's core) made a backup
// and then kept writing; a brand-new data folder (a second core, first run) opens the file
// with the printed recovery code, through the UI, as the owner would. A wrong code first:
// it says so and nothing changes. Then the right one, typed sloppily: the new PC's own
// data is replaced by the backup, and what the old PC wrote after the backup is not there.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Backup, BackupOverview } from '../../main/http/backups-types.js';
import { startFakeOpenAI } from '../fakes/fake-openai.js';
import { seriousViolations } from './agenda-fixtures.js';
import { AppDriver, expect, startCore, test, type Recepta } from './fixtures.js';

const WRONG_CODE = 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH';

/** The old PC: a recovery code, a chat, a verified backup, then a chat written after it. Returns the backup file. */
async function backupOnTheOldPc(old: Recepta, usb: string) {
  const { code } = await old.api<{ code: string }>('POST', '/api/backups/recovery-code', {});
  const before = AppDriver.uniqueNumber();
  await old.api('POST', '/api/simulator/messages', {
    from: before,
    name: 'Paciente de la PC vieja',
    text: 'hola, antes de la copia',
  });
  const made = await old.api<Backup>('POST', '/api/backups', {});
  await expect
    .poll(
      async () =>
        (await old.api<BackupOverview>('GET', '/api/backups')).backups.find((b) => b.id === made.id)?.verified ?? null,
      { timeout: 30_000 },
    )
    .toBe(true);
  const after = AppDriver.uniqueNumber();
  await old.api('POST', '/api/simulator/messages', {
    from: after,
    name: 'Paciente Después de la copia',
    text: 'escribo después de la copia',
  });
  // The file travels on a USB drive: a folder of its own, away from both data folders.
  const file = path.join(usb, made.fileName);
  copyFileSync(path.join(made.folder, made.fileName), file);
  return { file, code };
}

test('a new PC restores a backup file with the recovery code: a wrong code changes nothing, the right one brings the clinic back', async ({
  recepta,
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const usb = mkdtempSync(path.join(tmpdir(), 'recepta-usb-'));
  const llm = await startFakeOpenAI();
  const fresh = await startCore(llm);
  try {
    const { file, code } = await backupOnTheOldPc(recepta, usb);
    const neu: Recepta = { ...fresh.recepta, llm };
    const names = async () =>
      (await neu.api<Array<{ displayName: string | null }>>('GET', '/api/conversations')).map((c) => c.displayName);
    const instance = async () => (await neu.api<BackupOverview>('GET', '/api/backups')).instance;

    // The new PC, first run: a chat of its own (it must not survive the restore).
    await neu.api('POST', '/api/simulator/messages', {
      from: AppDriver.uniqueNumber(),
      name: 'Paciente de la PC nueva',
      text: 'hola',
    });
    // The new PC has a backup of its own: its record must survive the restore (records are files, not ids).
    const own = await neu.api<Backup>('POST', '/api/backups', {});
    await expect
      .poll(
        async () =>
          (await neu.api<BackupOverview>('GET', '/api/backups')).backups.find((b) => b.id === own.id)?.verified ?? null,
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(await names()).toContain('Paciente de la PC nueva');
    const firstInstance = await instance();

    const app = new AppDriver(page, neu);
    await app.open('/ajustes');
    await page
      .getByRole('group', { name: 'Secciones de ajustes' })
      .getByRole('link', { name: 'Copias de seguridad' })
      .click();
    await expect(page.getByRole('heading', { level: 2, name: 'Restaurar desde un archivo' })).toBeVisible();
    await page.getByRole('button', { name: 'Restaurar desde un archivo…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Restaurar desde un archivo' });
    const pathField = dialog.getByLabel('Ruta completa del archivo de la copia');
    const codeField = dialog.getByLabel('Código de recuperación');
    await expect(pathField).toBeFocused();
    await expect(dialog).toContainText('Ej.: E:\\Recepta\\copias\\recepta-');
    await expect(dialog).toContainText('.rcbk');
    // What will happen, before anything does: kept aside, a restart, the secrets to set again.
    await expect(dialog).toContainText('before-restore-');
    await expect(dialog).toContainText('Recepta se reinicia');
    await expect(dialog).toContainText('volver a cargar la clave de la IA');
    await expect(dialog).toContainText('volver a vincular WhatsApp');

    // Only the file name: the full path is needed (said before asking anything of the core).
    await pathField.fill(path.basename(file));
    await codeField.fill(code);
    await dialog.getByRole('button', { name: 'Continuar' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/Escribí la ruta completa, desde la unidad/);

    // A file that is not there.
    await pathField.fill(path.join(usb, 'no-existe.rcbk'));
    await dialog.getByRole('button', { name: 'Continuar' }).click();
    await confirm(page);
    await expect(dialog.getByRole('alert')).toHaveText('No se encontró el archivo de la copia.', { timeout: 30_000 });

    // A file that is not a backup.
    const notBackup = path.join(usb, 'notas.rcbk');
    writeFileSync(notBackup, 'esto no es una copia');
    await pathField.fill(notBackup);
    await dialog.getByRole('button', { name: 'Continuar' }).click();
    await confirm(page);
    await expect(dialog.getByRole('alert')).toHaveText('Ese archivo no es una copia de seguridad de Recepta.', {
      timeout: 30_000,
    });

    // The real file, pasted the way Explorer's «Copiar como ruta de acceso» gives it (in quotes), and a wrong code.
    await pathField.fill(`"${file}"`);
    await codeField.fill(WRONG_CODE);
    await dialog.getByRole('button', { name: 'Continuar' }).click();
    await expect(page.getByRole('dialog', { name: '¿Seguro que querés restaurar este archivo?' })).toContainText(
      `«${path.basename(file)}»`,
    );
    await confirm(page);
    await expect(dialog.getByRole('alert')).toHaveText('La clave o el código de recuperación no abren esta copia.', {
      timeout: 30_000,
    });
    await expect(codeField).toBeFocused();
    await expect(codeField).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('restaurar-archivo-codigo-incorrecto.png') });
    // Nothing changed: no restart, the new PC's chat is still there.
    expect(await instance()).toBe(firstInstance);
    expect(await names()).toContain('Paciente de la PC nueva');

    // The right code, typed as people type it: lower case, spaces instead of dashes.
    await codeField.fill(` ${code.toLowerCase().replace(/-/g, ' ')} `);
    await dialog.getByRole('button', { name: 'Continuar' }).click();
    await confirm(page);
    // Visible progress while it checks the file and while the core restarts.
    await expect(page.getByRole('progressbar', { name: 'Avance de la restauración' })).toBeVisible();
    await expect(dialog).toContainText('Recepta volvió con la copia', { timeout: 60_000 });
    await expect(dialog).toContainText('before-restore-');
    await expect(dialog).toContainText('Si es una PC nueva');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('restaurar-archivo-listo.png') });
    await dialog.getByRole('button', { name: 'Volver a Recepta' }).click();

    // The core serves the backup: the old PC's chat is here; the new PC's own, and what the old PC wrote later, are not.
    await expect(page.getByRole('heading', { level: 2, name: 'Copias de seguridad' })).toBeVisible();
    expect(await instance()).not.toBe(firstInstance);
    const restored = await names();
    expect(restored).toContain('Paciente de la PC vieja');
    expect(restored).not.toContain('Paciente de la PC nueva');
    expect(restored).not.toContain('Paciente Después de la copia');
    // The list tells the truth: the new PC's backup is still there, and nothing shows as running
    // (the restored copy was taken while its own backup was being made).
    const listed = (await neu.api<BackupOverview>('GET', '/api/backups')).backups;
    expect(listed.map((b) => b.fileName)).toContain(own.fileName);
    expect(listed.filter((b) => b.verified === null)).toEqual([]);
    await app.nav('Conversaciones').click();
    await expect(page.getByText('Paciente de la PC vieja').first()).toBeVisible();
    await expect(page.getByText('Paciente de la PC nueva')).toHaveCount(0);
  } finally {
    await fresh.stop();
    await llm.close();
    rmSync(usb, { recursive: true, force: true });
  }
});

/** The second step: "¿Seguro…?" → "Sí, restaurar este archivo". */
async function confirm(page: import('@playwright/test').Page) {
  const sure = page.getByRole('dialog', { name: '¿Seguro que querés restaurar este archivo?' });
  await expect(sure).toContainText('queda guardado aparte');
  await sure.getByRole('button', { name: 'Sí, restaurar este archivo' }).click();
}
