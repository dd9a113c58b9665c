import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asideStamp, RestoreError, undoRestore } from '../../backup/restore.js';
import { defaultBackupFolder, swapInRestore, type BackupService, type StagedRestore } from '../../backup/service.js';
import type { ApiDeps } from '../api-deps.js';
import {
  backupFolderSchema,
  backupOverviewSchema,
  backupSchema,
  recoveryCodeSchema,
  restoreFileSchema,
  restoreStartedSchema,
} from '../backups-types.js';
import { ApiError } from '../errors.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
/** State-changing routes take a JSON object (may be empty): never a body-less, simple cross-site request. */
const emptyBody = z.object({}).strict();

export const backupRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const service = (): BackupService => {
      if (!deps.backups)
        throw new ApiError(503, 'BACKUP_UNAVAILABLE', 'Las copias de seguridad no están disponibles en este modo.');
      return deps.backups;
    };
    const dataDir = () => deps.dataDir ?? '';
    let restoring = false;

    const overview = () => {
      const s = service();
      return { ...s.status(), defaultFolder: defaultBackupFolder(dataDir()), backups: s.list() };
    };

    app.get(
      '/api/backups',
      {
        schema: {
          tags: ['backups'],
          operationId: 'listBackups',
          summary: 'Backups, newest first, and when the last good one was made',
          response: { 200: backupOverviewSchema },
        },
      },
      async () => overview(),
    );

    app.post(
      '/api/backups',
      {
        schema: {
          tags: ['backups'],
          operationId: 'createBackup',
          summary: 'Make a backup now',
          description:
            'Answers 202 at once with the running backup (or the one already running); `backup.progress` and `backup.finished` push events follow.',
          body: emptyBody,
          response: { 202: backupSchema },
        },
      },
      async (_req, reply) => reply.code(202).send(service().begin('manual').row),
    );

    /**
     * A restore is checked completely before anything is replaced (decrypted, authenticated,
     * integrity_check), then answered 202, and only once that answer is out does the core
     * stop, swap the data and start again on the same address.
     */
    const startRestore = async (
      staging: () => Promise<StagedRestore>,
      raw: NodeJS.EventEmitter,
    ): Promise<{ restarting: true; keptAside: string }> => {
      if (!deps.restart) throw new ApiError(503, 'BACKUP_UNAVAILABLE', 'Restaurar no está disponible en este modo.');
      if (restoring) throw new ApiError(409, 'CONFLICT', 'Ya se está restaurando una copia.');
      restoring = true;
      let staged: StagedRestore;
      try {
        staged = await staging();
      } catch (error) {
        restoring = false;
        if (error instanceof RestoreError)
          throw new ApiError(error.code === 'BACKUP_WRONG_KEY' ? 403 : 422, error.code, error.message);
        throw error;
      }
      const folder = dataDir();
      const stamp = asideStamp(folder, new Date());
      const restart = deps.restart;
      raw.once('finish', () => {
        deps.log.warn(
          { module: 'backup', keptAside: `before-restore-${stamp}` },
          'restoring a backup: the core restarts on it',
        );
        restart(() => {
          const aside = swapInRestore(folder, staged, stamp);
          return () => undoRestore(folder, aside);
        }).catch(() => {
          // Both the restored data and the previous data failed to start: nothing is listening now.
          console.error(
            'Recepta: after the restore the core could not start again; the previous data is in the data folder.',
          );
          restoring = false;
        });
      });
      return { restarting: true, keptAside: `before-restore-${stamp}` };
    };

    app.post(
      '/api/backups/:id/restore',
      {
        schema: {
          tags: ['backups'],
          operationId: 'restoreBackup',
          summary: 'Restore a backup: the current data is kept aside and the core restarts on the backup',
          params: idParams,
          body: emptyBody,
          response: { 202: restoreStartedSchema },
        },
      },
      async (req, reply) => {
        const row = service().get(req.params.id);
        if (!row || row.verified === null) throw new ApiError(404, 'NOT_FOUND', 'No existe esa copia.');
        return reply
          .code(202)
          .send(await startRestore(() => service().stage(service().fileOf(row), 'keychain'), reply.raw));
      },
    );

    app.post(
      '/api/backups/restore-file',
      {
        schema: {
          tags: ['backups'],
          operationId: 'restoreBackupFile',
          summary: 'Restore a backup file with the printable recovery code (when this PC has no key for it)',
          body: restoreFileSchema,
          response: { 202: restoreStartedSchema },
        },
      },
      async (req, reply) => {
        if (!path.isAbsolute(req.body.path))
          throw new ApiError(400, 'VALIDATION_FAILED', 'Indicá la ruta completa del archivo.');
        return reply
          .code(202)
          .send(
            await startRestore(
              () => service().stage(req.body.path, { recoveryCode: req.body.recoveryCode }),
              reply.raw,
            ),
          );
      },
    );

    app.post(
      '/api/backups/recovery-code',
      {
        schema: {
          tags: ['backups'],
          operationId: 'createRecoveryCode',
          summary: 'Make a new printable recovery code (shown once); backups made from now on open with it',
          body: emptyBody,
          response: { 201: recoveryCodeSchema },
        },
      },
      async (_req, reply) => reply.code(201).send({ code: service().newRecoveryCode() }),
    );

    app.put(
      '/api/backups/folder',
      {
        schema: {
          tags: ['backups'],
          operationId: 'setBackupFolder',
          summary: 'Choose where backups are written (checked by writing a test file)',
          body: backupFolderSchema,
          response: { 200: backupOverviewSchema },
        },
      },
      async (req) => {
        const folder = req.body.folder.trim();
        if (folder && !path.isAbsolute(folder))
          throw new ApiError(400, 'VALIDATION_FAILED', 'Indicá la ruta completa de la carpeta.');
        const target = folder || defaultBackupFolder(dataDir());
        const probe = path.join(target, `.recepta-write-test-${process.pid}`);
        try {
          mkdirSync(target, { recursive: true });
          writeFileSync(probe, 'ok');
          rmSync(probe, { force: true });
        } catch {
          throw new ApiError(
            422,
            'BACKUP_FOLDER_NOT_WRITABLE',
            'Recepta no puede escribir en esa carpeta. Elegí otra o revisá que el disco esté conectado.',
          );
        }
        deps.settings.update({ 'backup.folder': folder });
        return overview();
      },
    );
  };
