import path from 'node:path';
import { z } from 'zod';
import type { ClinicSettings } from '../agenda/settings.js';
import type { SettingsReader } from '../kernel/settings-store.js';

/** Backups' settings slice. */
export const backupSettingsSchema = z.object({
  /** Where backups go (a USB drive, a synced folder): an absolute path, or '' for `<data folder>/backups`. */
  'backup.folder': z.union([
    z.literal(''),
    z
      .string()
      .max(1000)
      .refine((p) => path.isAbsolute(p), 'An absolute folder path'),
  ]),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;
export const backupSettingsDefaults: BackupSettings = { 'backup.folder': '' };

/** What backups read: their folder, and the clinic's zone (backup names are dated in it). */
export type BackupSettingsReader = SettingsReader<BackupSettings & ClinicSettings>;
