import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ResilientLogDestination } from '../../main/kernel/log-destination.js';
import { createRootLogger, externalError, registerSecretForRedaction, scrub } from '../../main/kernel/logger.js';
import { waitFor } from '../helpers/core.js';

const logFiles = (dir: string) =>
  readdirSync(path.join(dir, 'logs'))
    .filter((f) => f.endsWith('.log'))
    .sort();
/** The file being written: the highest roll number (all files of one test share a date). */
const currentLog = (dir: string) =>
  path.join(
    dir,
    'logs',
    logFiles(dir)
      .sort((a, b) => Number(a.split('.').at(-2)) - Number(b.split('.').at(-2)))
      .at(-1)!,
  );

describe('scrub', () => {
  it('masks phone numbers in free text, in the usual written forms', () => {
    for (const phone of ['+5491155550001', '+54 9 11 5555-0001', '11 5555 0001', '5491155550001']) {
      expect(scrub(`patient ${phone} wrote`)).toBe('patient [phone] wrote');
    }
    expect(scrub('outbox row 42 failed after 3 attempts')).toBe('outbox row 42 failed after 3 attempts');
  });

  it('masks bearer tokens, token query strings, webhook path tokens and registered secrets', () => {
    registerSecretForRedaction('sk-registered-secret-value');
    expect(scrub('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [secret]');
    expect(scrub('GET /?token=abcdef&x=1')).toBe('GET /?token=[secret]&x=1');
    expect(scrub('POST /webhooks/ycloud/s3cr3tT0ken')).toBe('POST /webhooks/ycloud/[token]');
    expect(scrub('the key sk-registered-secret-value was refused')).toBe('the key [secret] was refused');
  });
});

describe('externalError', () => {
  it("keeps the kind of failure and drops the provider's message", () => {
    const error = Object.assign(new Error('patient said: me duele'), { status: 401, code: 'invalid_api_key' });
    expect(externalError(error)).toEqual({ type: 'Error', status: 401, code: 'invalid_api_key' });
    expect(JSON.stringify(externalError(error))).not.toContain('duele');
  });
});

describe('the root logger', () => {
  it('writes JSON lines to the data folder with sensitive fields redacted', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-log-'));
    const log = await createRootLogger({ dataDir: dir, level: 'info', stdout: false });
    log
      .child({ module: 'test' })
      .info(
        { phone: '+5491100001111', text: 'hola doctor', apiKey: 'sk-x', nested: { token: 't0k3n' }, count: 3 },
        'incoming',
      );
    await new Promise<void>((resolve) => log.flush(() => resolve()));
    const text = await waitFor(
      () =>
        logFiles(dir).length && readFileSync(currentLog(dir), 'utf8').includes('incoming')
          ? readFileSync(currentLog(dir), 'utf8')
          : undefined,
      5_000,
      'the line in the log file',
    );
    const line = JSON.parse(text.trim().split('\n').at(-1)!);
    expect(line).toMatchObject({
      module: 'test',
      msg: 'incoming',
      count: 3,
      phone: '[redacted]',
      text: '[redacted]',
      apiKey: '[redacted]',
      nested: { token: '[redacted]' },
    });
  });
});

describe('log rolling', () => {
  it('rolls while running when a file reaches its size, keeping a bounded number of files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-log-'));
    const log = await createRootLogger({ dataDir: dir, level: 'info', stdout: false, rollSize: '2k', keepFiles: 3 });
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      log.info({ module: 'test', i, padding: 'x'.repeat(200) }, 'a line long enough to fill a small file');
      await new Promise((r) => setTimeout(r, 5)); // lets the write finish, then the roll and the clean-up run
      for (const f of logFiles(dir)) seen.add(f);
    }
    await waitFor(() => (logFiles(dir).length <= 3 ? true : undefined), 5_000, 'old logs to be removed');
    expect(seen.size).toBeGreaterThan(3); // it did roll, more than once, while running
    expect(logFiles(dir).length).toBeLessThanOrEqual(3);
    expect(logFiles(dir).every((f) => /^recepta\.\d{4}-\d{2}-\d{2}\.\d+\.log$/.test(f))).toBe(true);
  });
});

describe('a log destination on a full disk', () => {
  // /dev/full (every write fails with ENOSPC) is Linux's; CI runs on Linux, so this runs there.
  // The real full disk, with a whole core on a tmpfs, is tests/integration/disk-full.test.ts.
  it.skipIf(!existsSync('/dev/full'))(
    'drops lines instead of failing or blocking, then resumes and says how many were lost',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-log-'));
      const target = { file: '/dev/full' }; // every write there fails with ENOSPC
      const resumed: number[] = [];
      const degraded: string[] = [];
      const destination = await ResilientLogDestination.open({
        folder: dir,
        retryMs: 20,
        onResumed: (dropped) => resumed.push(dropped),
        onDegraded: (error) => {
          degraded.push((error as NodeJS.ErrnoException).code ?? '');
          for (let i = 0; i < 5; i++) destination.write(`dropped ${i}\n`); // while degraded: dropped, not queued
          target.file = path.join(dir, 'after.log'); // the disk has room again
        },
        open: async () => pino.destination({ dest: target.file, sync: false }),
      });
      destination.write('first line\n');
      await waitFor(() => (resumed.length === 1 ? true : undefined), 5_000, 'logging to resume');
      expect(degraded).toEqual(['ENOSPC']);
      expect(resumed).toEqual([5]);
      destination.write('back\n');
      await new Promise<void>((resolve) => destination.flush(() => resolve()));
      // The reopened file is created asynchronously: it may not exist yet when the flush returns.
      await waitFor(
        () => (existsSync(target.file) && readFileSync(target.file, 'utf8') === 'back\n' ? true : undefined),
        5_000,
        'the line after recovery',
      );
      destination.end();
    },
  );
});
