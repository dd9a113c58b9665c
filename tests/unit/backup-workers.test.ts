import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runBackupWorker } from '../../db/repos/backups.js';

// A backup's snapshot and integrity check take 10–20 s of CPU on a large clinic; on a
// two-core reception PC they must only use what the patients' pipeline leaves over.
describe('backup workers', () => {
  // Thread priorities are per thread only on Linux; elsewhere the workers run at normal priority.
  it.skipIf(process.platform !== 'linux')(
    'run at the lowest priority, and leave the main thread as it was',
    async () => {
      const seen = await runBackupWorker<{ worker: number; main: number }>(
        `
      const { parentPort } = require('node:worker_threads');
      const os = require('node:os');
      const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
      parentPort.postMessage({ worker: os.getPriority(tid), main: os.getPriority(process.pid) });
      `,
        {},
      );
      expect(seen).toEqual({ worker: 19, main: os.getPriority() });
    },
  );
});
