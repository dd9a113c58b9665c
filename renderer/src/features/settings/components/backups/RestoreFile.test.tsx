import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../shared/api/client';
import { i18n } from '../../../../i18n';
import { backupError } from './BackupSettings';
import { cleanPath, looksFull } from './RestoreFile';

describe('Restaurar desde un archivo: what was typed', () => {
  it("takes a path pasted with Explorer's quotes or stray spaces", () => {
    expect(cleanPath('  "E:\\Recepta\\copias\\recepta-20261118-030000-nightly-3fa9.rcbk"  ')).toBe(
      'E:\\Recepta\\copias\\recepta-20261118-030000-nightly-3fa9.rcbk',
    );
    expect(cleanPath("'/media/usb/recepta.rcbk'")).toBe('/media/usb/recepta.rcbk');
    expect(cleanPath('E:\\a b\\c.rcbk')).toBe('E:\\a b\\c.rcbk');
  });

  it('asks for the full path when only a file name (or a relative path) was given', () => {
    for (const full of ['E:\\Recepta\\c.rcbk', 'e:/Recepta/c.rcbk', '\\\\nas\\copias\\c.rcbk', '/media/usb/c.rcbk'])
      expect(looksFull(full)).toBe(true);
    for (const partial of ['recepta-20261118.rcbk', 'copias\\c.rcbk', 'E:c.rcbk', ''])
      expect(looksFull(partial)).toBe(false);
  });
});

describe('backup errors', () => {
  afterAll(() => i18n.changeLanguage('es'));

  it("in Spanish, the core's own message (it tells a missing file from one that is not a backup); in English, by code", async () => {
    const missing = new ApiError(422, 'BACKUP_NOT_A_BACKUP', 'No se encontró el archivo de la copia.');
    await i18n.changeLanguage('es');
    expect(backupError(i18n.t.bind(i18n) as never, missing)).toBe('No se encontró el archivo de la copia.');
    await i18n.changeLanguage('en');
    expect(backupError(i18n.t.bind(i18n) as never, missing)).toBe(
      'That file is not a Recepta backup, or it is not at that path.',
    );
    expect(
      backupError(
        i18n.t.bind(i18n) as never,
        new ApiError(403, 'BACKUP_WRONG_KEY', 'La clave o el código de recuperación no abren esta copia.'),
      ),
    ).toMatch(/^The recovery code does not open this backup/);
  });
});
