/** Backups' API error codes (messages in Spanish, shown as-is by the UI). */
export const BACKUP_ERROR_CODES = [
  'BACKUP_WRONG_KEY',
  'BACKUP_DAMAGED',
  'BACKUP_NOT_A_BACKUP',
  'BACKUP_UNSUPPORTED',
  'BACKUP_NO_KEY',
  'BACKUP_FOLDER_NOT_WRITABLE',
  'BACKUP_UNAVAILABLE',
] as const;
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];
