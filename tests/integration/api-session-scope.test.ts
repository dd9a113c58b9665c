// The session check lives on one encapsulated scope. A route someone adds under /api
// outside that scope would have no token check at all, so adding one fails at once.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import type { Channel } from '../../main/channels/channel.js';
import { SimulatorChannel } from '../../main/channels/simulator/simulator-channel.js';
import { AppEvents } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { Metrics } from '../../main/kernel/metrics.js';
import { SettingsService } from '../../main/http/app-settings.js';
import { buildApiApp } from '../../main/http/api-app.js';
import type { ApiDeps } from '../../main/http/api-deps.js';
import { StaffActions } from '../../main/inbox/staff-actions.js';
import { Takeover } from '../../main/pipeline/takeover.js';
import { SecretStore } from '../../main/secrets/secret-store.js';
import { newToken, tempDataDir } from '../helpers/core.js';

describe('the /api session scope', () => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    const dataDir = tempDataDir();
    db = openDatabase(path.join(dataDir, 'recepta.db'));
    const events = new AppEvents();
    const log = silentLogger();
    const settings = new SettingsService(db, events, {});
    const memory = new Map<string, string>();
    const keychain = {
      get: (k: string) => memory.get(k) ?? null,
      set: (k: string, v: string) => void memory.set(k, v),
      delete: (k: string) => void memory.delete(k),
    };
    const deps = {
      db,
      log,
      events,
      settings,
      token: newToken(),
      dataDir,
      secrets: new SecretStore(keychain, 'scope-test', {}),
      channels: new Map<string, Channel>(),
      simulator: new SimulatorChannel(),
      staff: new StaffActions({
        db,
        events,
        settings,
        takeover: new Takeover({ db, events, log }),
        onReplyQueued: () => {},
      }),
      metrics: new Metrics(() => 0),
      version: '0.0.0-test',
      lan: false,
      rendererDir: null,
      mediaLimitBytes: 100_000,
    } satisfies ApiDeps;
    app = await buildApiApp(deps);
  });
  afterAll(async () => {
    await app.close();
    closeDatabase(db);
  });

  it('refuses an /api route registered outside it', () => {
    expect(() => app.get('/api/sneaky', async () => ({ leaked: true }))).toThrow(/session scope/);
    expect(() => app.post('/api', async () => ({ leaked: true }))).toThrow(/session scope/);
  });

  it('lets other routes live outside it', () => {
    expect(() => app.get('/public-thing', async () => ({ ok: true }))).not.toThrow();
  });
});
