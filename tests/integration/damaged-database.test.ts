// A damaged or emptied database refuses start-up with a Spanish explanation (no stack
// trace), never initialises over an existing install, and leaves the file as it was.
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseDamagedError } from '../../main/app/database-startup.js';
import { ROOT, spawnCore, startTestCore, tempDataDir, type SpawnedCore, type TestCore } from '../helpers/core.js';

const CLI = path.join(ROOT, 'dist', 'main', 'app', 'cli.js');

/** Runs the built CLI to its exit (a refused start-up exits by itself). */
function runCli(dataDir: string): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, [CLI], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
      XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR,
      RECEPTA_DATA_DIR: dataDir,
      RECEPTA_API_PORT: '0',
      RECEPTA_WEBHOOK_PORT: '0',
      RECEPTA_TOKEN: 'damaged-db-test-token',
      RECEPTA_LOG_STDOUT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  // A core that wrongly starts would never exit: stop it, and the assertions say why.
  const guard = setTimeout(() => proc.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => proc.on('exit', (code) => (clearTimeout(guard), resolve({ code, output }))));
}

const GARBAGE = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256));

describe('a damaged or emptied database at start-up', () => {
  let running: SpawnedCore | TestCore | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  it('refuses a file that is not a database, in Spanish, without a stack trace, and leaves it untouched', async () => {
    const dataDir = tempDataDir();
    const db = path.join(dataDir, 'recepta.db');
    writeFileSync(db, GARBAGE);
    const { code, output } = await runCli(dataDir);
    expect(code).not.toBe(0);
    expect(output).toContain('La base de datos de Recepta está dañada y no se puede abrir');
    expect(output).toContain('No se modificó nada');
    expect(output).not.toMatch(/^\s+at /m);
    expect(readFileSync(db).equals(GARBAGE)).toBe(true);
  });

  it('after a power cut, refuses a database whose pages fail the quick check', async () => {
    const dataDir = tempDataDir();
    // A crash-consistent copy of a live WAL database (what a power cut leaves: the file and its WAL)…
    const live = new Database(path.join(tempDataDir(), 'live.db'));
    live.pragma('journal_mode = WAL');
    live.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    const insert = live.prepare('INSERT INTO notes (text) VALUES (?)');
    live.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`nota ${i} `.padEnd(200, '.'));
    })();
    live.pragma('wal_checkpoint(TRUNCATE)');
    insert.run('la última, todavía en el WAL');
    const db = path.join(dataDir, 'recepta.db');
    copyFileSync(path.join(path.dirname(live.name), 'live.db'), db);
    copyFileSync(path.join(path.dirname(live.name), 'live.db-wal'), `${db}-wal`);
    live.close();
    // …whose table pages the power cut garbled.
    const bytes = readFileSync(db);
    bytes.fill(0x5a, 8192, 8192 + 16 * 4096);
    writeFileSync(db, bytes);
    const { code, output } = await runCli(dataDir);
    expect(code).not.toBe(0);
    expect(output).toContain('La base de datos de Recepta está dañada');
    expect(output).not.toMatch(/^\s+at /m);
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });

  it('refuses an empty database next to an existing install instead of starting an empty clinic', async () => {
    const dataDir = tempDataDir();
    mkdirSync(path.join(dataDir, 'media'));
    mkdirSync(path.join(dataDir, 'logs'));
    const db = path.join(dataDir, 'recepta.db');
    writeFileSync(db, '');
    const { code, output } = await runCli(dataDir);
    expect(code).not.toBe(0);
    expect(output).toContain('La base de datos de Recepta está vacía');
    expect(output).toContain('no va a empezar una clínica vacía encima');
    expect(output).not.toMatch(/^\s+at /m);
    expect(readFileSync(db).length).toBe(0);
  });

  it('names the last backup when one is known', async () => {
    const dataDir = tempDataDir();
    writeFileSync(path.join(dataDir, 'recepta.db'), GARBAGE);
    const backup = {
      path: '/media/usb/recepta-copias/2026-11-30.recepta-backup',
      createdAt: Date.UTC(2026, 10, 30, 3, 0),
    };
    const refused = await startTestCore({ dataDir, findLatestBackup: () => backup }).then(
      (core) => ((running = core), null),
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DatabaseDamagedError);
    expect((refused as Error).message).toContain(`Última copia de seguridad: ${backup.path}`);
    expect(readFileSync(path.join(dataDir, 'recepta.db')).equals(GARBAGE)).toBe(true);
  });

  it('still starts a brand-new clinic in an empty folder (and over an empty file with no install around it)', async () => {
    running = await spawnCore({ RECEPTA_DATA_DIR: tempDataDir(), RECEPTA_LOG_STDOUT: '0' });
    await running.stop();
    const dataDir = tempDataDir();
    writeFileSync(path.join(dataDir, 'recepta.db'), '');
    running = await spawnCore({ RECEPTA_DATA_DIR: dataDir, RECEPTA_LOG_STDOUT: '0' });
  });
});
