import type { EventPort } from '../kernel/events.js';

/** Backups' push events. */
export interface BackupEvents {
  /** A backup is being made (Ajustes › Copias de seguridad shows the bar): `fraction` of the work done, 0…1. */
  'backup.progress': { id: number; phase: 'snapshot' | 'encrypt' | 'verify'; fraction: number };
  'backup.finished': { id: number; verified: boolean };
}

export type BackupEventBus = EventPort<BackupEvents>;
