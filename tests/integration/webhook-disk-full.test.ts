// A webhook whose message cannot be stored for lack of space is not acknowledged: the
// provider gets 507 DISK_FULL (not a 2xx, so it retries later), never a 500 with internals.
// SQLite's max_page_count makes a real SQLITE_FULL without filling a disk.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/kernel/logger.js';
import { buildWebhookApp } from '../../main/http/webhook-app.js';
import { tempDataDir } from '../helpers/core.js';

describe('a webhook when the database is full', () => {
  const db = new Database(path.join(tempDataDir(), 'small.db'));
  db.exec('CREATE TABLE inbox (id INTEGER PRIMARY KEY, body BLOB)');
  db.pragma('max_page_count = 8');
  const store = db.prepare('INSERT INTO inbox (body) VALUES (?)');
  const app = buildWebhookApp({
    log: silentLogger(),
    handlers: [
      { provider: 'acme', token: () => 'the-secret-path-token', handle: async (req) => void store.run(req.rawBody) },
    ],
  });
  afterAll(async () => {
    await app.close();
    db.close();
  });

  it('answers 507 DISK_FULL once nothing fits, and keeps answering', async () => {
    const statuses: number[] = [];
    let refused: { code: string; message: string } | null = null;
    for (let i = 0; i < 100 && !refused; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/webhooks/acme/the-secret-path-token',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ n: i, pad: 'x'.repeat(1500) }),
      });
      statuses.push(res.statusCode);
      if (res.statusCode !== 200) refused = res.json().error;
    }
    expect(new Set(statuses)).toEqual(new Set([200, 507]));
    expect(refused).toEqual({ code: 'DISK_FULL', message: expect.stringContaining('No queda espacio en el disco') });
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
