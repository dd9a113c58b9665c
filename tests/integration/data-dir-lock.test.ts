// The data-folder lock is an OS file lock: it goes away with its process, whatever pid
// the next boot hands out, and a live holder is always refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirInUseError, type DataDirLock } from '../../main/app/lock.js';
import { ROOT, tempDataDir } from '../helpers/core.js';

/** A separate process that takes the folder's lock and prints "locked" once it holds it. */
async function lockInChild(dataDir: string): Promise<ChildProcess> {
  const script = `import { acquireDataDirLock } from ${JSON.stringify(path.join(ROOT, 'main/app/lock.ts'))};
acquireDataDirLock(process.argv[1]); process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('locked')) resolve();
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`the child exited (${code}) before locking:\n${out}`)));
  });
  return child;
}

describe('the data-folder lock', () => {
  const held: DataDirLock[] = [];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const lock of held.splice(0)) lock.release();
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it('is not fooled by a stale lock file naming a pid that is alive now (pid reuse after a power cut)', () => {
    for (const pid of [1, process.pid]) {
      const dataDir = tempDataDir();
      // What the old pid-file lock left behind, and what a holder writes: both name a live, unrelated process.
      writeFileSync(path.join(dataDir, 'recepta.lock'), String(pid));
      held.push(acquireDataDirLock(dataDir));
      const other = tempDataDir();
      writeFileSync(
        path.join(other, 'recepta.lock'),
        JSON.stringify({ pid, hostname: 'recepcion', startedAt: '2026-01-01T00:00:00.000Z' }),
      );
      held.push(acquireDataDirLock(other));
    }
  });

  it('refuses a second holder while the first one lives, saying who holds it, in Spanish', async () => {
    const dataDir = tempDataDir();
    children.push(await lockInChild(dataDir));
    const refused = (() => {
      try {
        held.push(acquireDataDirLock(dataDir));
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as DataDirInUseError).holder?.pid).toBe(children[0]!.pid);
    expect((refused as Error).message).toMatch(
      /^Otra ventana de Recepta ya está usando esta carpeta de datos \(proceso \d+ en /,
    );
  });

  it('refuses a second lock from the same process too', () => {
    const dataDir = tempDataDir();
    held.push(acquireDataDirLock(dataDir));
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirInUseError);
  });

  it('is free again the moment its holder is killed with SIGKILL', async () => {
    const dataDir = tempDataDir();
    const child = await lockInChild(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirInUseError);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    held.push(acquireDataDirLock(dataDir));
  });

  it('is free again after release', () => {
    const dataDir = tempDataDir();
    acquireDataDirLock(dataDir).release();
    held.push(acquireDataDirLock(dataDir));
  });
});
