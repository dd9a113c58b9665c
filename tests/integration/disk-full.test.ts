// A full disk, for real: the spawned core's data folder is a small tmpfs mounted in a
// private mount namespace (Linux, root). The test fills it from inside that namespace.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Health } from '../../main/http/api-types.js';
import { request, spawnCore, type SpawnedCore } from '../helpers/core.js';

const TMPFS_MB = 48;
const LOW_BYTES = 16 * 1024 * 1024;

/** Whether this machine lets us mount a tmpfs in a private mount namespace (root on Linux). */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-tmpfs-probe-'));
    execFileSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs "$0"', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const TMPFS = canMountTmpfs();
if (!TMPFS)
  console.warn(
    'disk-full.test.ts skipped: needs Linux and root to mount a tmpfs in a private mount namespace (unshare -m)',
  );

describe('a full disk under the spawned core', () => {
  let core: SpawnedCore | null = null;
  afterEach(async () => {
    if (core && core.proc.exitCode === null) await core.kill9();
    core = null;
  });

  /** Runs a shell command inside the core's mount namespace, where its tmpfs is. */
  const inCoreMounts = (script: string, dir: string) =>
    execFileSync('nsenter', ['-t', String(core!.proc.pid), '-m', '--', 'sh', '-c', script, 'sh', dir], {
      stdio: 'pipe',
    }).toString();
  const fillDisk = (dir: string) => inCoreMounts('dd if=/dev/zero of="$1/filler" bs=64k 2>/dev/null; sync; true', dir);
  const freeDisk = (dir: string) => inCoreMounts('rm -f "$1/filler"', dir);

  it.skipIf(!TMPFS)(
    'warns before, refuses writes cleanly while full, keeps serving reads, and writes again once there is room',
    async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-tmpfs-'));
      core = await spawnCore(
        {
          RECEPTA_DATA_DIR: dataDir,
          RECEPTA_LOG_STDOUT: '0',
          RECEPTA_LOG_LEVEL: 'debug',
          RECEPTA_DISK_LOW_BYTES: String(LOW_BYTES),
        },
        [],
        [
          'unshare',
          '-m',
          '--propagation',
          'private',
          'sh',
          '-c',
          `mount -t tmpfs -o size=${TMPFS_MB}m tmpfs "$0" && exec "$@"`,
          dataDir,
        ],
      );
      const api = <T>(method: string, route: string, body?: unknown) =>
        request<T>(core!.apiUrl, core!.token, method, route, body);
      const patientWrites = (n: number) =>
        api('POST', '/api/simulator/messages', { from: '+5491155550000', text: `mensaje ${n}` });

      const before = await api<Health>('GET', '/api/health');
      expect(before.body.disk).toMatchObject({ low: false });
      expect(before.body.disk!.freeBytes).toBeGreaterThan(LOW_BYTES);
      expect((await patientWrites(0)).status).toBe(202);

      fillDisk(dataDir);
      const full = await api<Health>('GET', '/api/health');
      expect(full.body.disk).toMatchObject({ low: true });
      expect(full.body.disk!.freeBytes).toBeLessThan(LOW_BYTES);

      // SQLite may still fit a small write in space it already holds; keep writing until the disk says no.
      let refused: { status: number; body: unknown } | null = null;
      for (let n = 1; n <= 500 && !refused; n++) {
        const res = await patientWrites(n);
        if (res.status !== 202) refused = res;
      }
      expect(refused).toEqual({
        status: 507,
        body: { error: { code: 'DISK_FULL', message: expect.stringContaining('No queda espacio en el disco') } },
      });

      // And again and again: each refusal is logged, so the log file overflows too — the core must not mind.
      const again = await Promise.all(Array.from({ length: 60 }, (_, i) => patientWrites(600 + i)));
      expect(new Set(again.map((r) => r.status))).toEqual(new Set([507]));

      // Still alive, the event loop turning, and reads answered while the disk stays full.
      const conversations = await api<unknown[]>('GET', '/api/conversations');
      expect(conversations.status).toBe(200);
      expect(conversations.body.length).toBe(1);
      expect((await api('GET', '/api/health')).status).toBe(200);
      expect(core.proc.exitCode).toBeNull();

      freeDisk(dataDir);
      expect((await api<Health>('GET', '/api/health')).body.disk).toMatchObject({ low: false });
      expect((await patientWrites(1000)).status).toBe(202);

      // Stopping on a full disk is clean too: no endless flush of the logs, no exit 1.
      fillDisk(dataDir);
      for (let n = 1001; n <= 1500; n++) if ((await patientWrites(n)).status === 507) break;
      expect(await core.stop()).toBe(0);
    },
  );
});
