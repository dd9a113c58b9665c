// Ajustes › Copias de seguridad: the list, the running backup's progress (from push
// events) and the actions, over GET/POST /api/backups.
import { create } from 'zustand';
import { ApiError, call } from '../../../shared/api/client';
import type { Backup, BackupOverview, BackupPushEvent, RestoreStarted } from '../../../shared/api/types';

export type BackupPhase = 'snapshot' | 'encrypt' | 'verify';

interface BackupsState {
  overview: BackupOverview | null;
  loadError: unknown;
  /** The backup being made and how far along it is. */
  progress: { id: number; phase: BackupPhase; fraction: number } | null;
  /** The outcome of the last backup this page started. */
  outcome: { id: number; verified: boolean } | null;
  load(): Promise<void>;
  backupNow(): Promise<Backup>;
  setFolder(folder: string): Promise<void>;
  newRecoveryCode(): Promise<string>;
  restore(id: number): Promise<RestoreStarted>;
  /** A backup file on this PC, opened with the printable recovery code (a new PC has no key for it). */
  restoreFile(path: string, recoveryCode: string): Promise<RestoreStarted>;
  applyEvent(event: BackupPushEvent): void;
}

export const useBackups = create<BackupsState>((set, get) => ({
  overview: null,
  loadError: null,
  progress: null,
  outcome: null,
  async load() {
    try {
      set({ overview: await call('GET /api/backups'), loadError: null });
    } catch (error) {
      set({ loadError: error });
    }
  },
  async backupNow() {
    set({ outcome: null });
    const row = await call('POST /api/backups', { body: {} });
    set((s) => ({ progress: s.progress?.id === row.id ? s.progress : { id: row.id, phase: 'snapshot', fraction: 0 } }));
    await get().load();
    return row;
  },
  async setFolder(folder) {
    set({ overview: await call('PUT /api/backups/folder', { body: { folder } }) });
  },
  async newRecoveryCode() {
    const { code } = await call('POST /api/backups/recovery-code', { body: {} });
    await get().load();
    return code;
  },
  restore: (id) => call('POST /api/backups/:id/restore', { params: { id }, body: {} }),
  restoreFile: (path, recoveryCode) => call('POST /api/backups/restore-file', { body: { path, recoveryCode } }),
  applyEvent(event) {
    if (event.type === 'backup.progress') {
      set({ progress: { ...event.data } });
      return;
    }
    set({ progress: null, outcome: event.data });
    void get().load();
  },
}));

const RESTART_PATIENCE_MS = 3 * 60_000;

/**
 * After a restore was accepted: waits for the core to come back (a new `instance` in
 * GET /api/backups; it is briefly unreachable meanwhile), then reads the restored list.
 */
export async function waitForRestart(before: string): Promise<void> {
  // Restarting takes seconds; minutes without an answer mean it did not come back (see the log).
  const giveUpAt = Date.now() + RESTART_PATIENCE_MS;
  while (Date.now() < giveUpAt) {
    await new Promise((r) => setTimeout(r, 300));
    try {
      const overview = await call('GET /api/backups');
      if (overview.instance !== before) {
        useBackups.setState({ overview, loadError: null });
        return;
      }
    } catch {
      /* restarting: the core is briefly unreachable */
    }
  }
  throw new ApiError(0, 'NETWORK', 'the core did not come back after the restore');
}
