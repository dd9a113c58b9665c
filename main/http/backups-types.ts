// Backups (issue 12): the shapes the backup routes validate and serialize with, which the
// OpenAPI document is generated from and the renderer imports (types only).
import { z } from 'zod';
import type { BackupEvents } from '../backup/events.js';
import type { EventOf } from '../kernel/events.js';

export const backupSchema = z.object({
  id: z.number().int(),
  createdAt: z.number().int().describe('When it was started (ms since the epoch, UTC)'),
  kind: z.enum(['nightly', 'manual', 'pre-migration']),
  fileName: z.string(),
  folder: z.string(),
  sizeBytes: z.number().int().nullable().describe('Size of the encrypted file; null while running or when it failed'),
  verified: z
    .boolean()
    .nullable()
    .describe('null while running; then whether it decrypted, opened and passed integrity_check'),
  error: z.string().nullable().describe('A short reason code when it failed'),
  finishedAt: z.number().int().nullable(),
});
export type Backup = z.infer<typeof backupSchema>;

export const backupOverviewSchema = z.object({
  folder: z.string().describe('Where backups are written'),
  defaultFolder: z.string(),
  lastGoodAt: z.number().int().nullable().describe('When the newest verified backup was made'),
  stale: z.boolean().describe('No verified backup for 48 hours (or ever)'),
  recoveryCodeSet: z.boolean().describe('Whether a printable recovery code exists (the code itself is never readable)'),
  running: z.number().int().nullable().describe('The id of the backup being made, if any'),
  instance: z.string().describe('Changes when the core restarts (after a restore, the UI waits for a new one)'),
  backups: z.array(backupSchema).describe('Newest first'),
});
export type BackupOverview = z.infer<typeof backupOverviewSchema>;

export const restoreStartedSchema = z.object({
  restarting: z.literal(true),
  keptAside: z.string().describe('The folder, inside the data folder, where the data being replaced is kept'),
});
export type RestoreStarted = z.infer<typeof restoreStartedSchema>;

export const restoreFileSchema = z
  .object({
    path: z.string().min(1).max(2000).describe('Absolute path of a .rcbk backup file on this PC'),
    recoveryCode: z.string().min(8).max(100).describe('The printable recovery code'),
  })
  .strict();

export const backupFolderSchema = z
  .object({ folder: z.string().max(1000).describe("An absolute folder path, or '' for the default") })
  .strict();

export const recoveryCodeSchema = z.object({
  code: z.string().describe('Shown once: write it down or print it. Recepta keeps only a key derived from it'),
});

/** Push channel events of backups (forwarded on /api/events): the progress bar and the outcome. */
export type BackupPushEvent = EventOf<BackupEvents>;
