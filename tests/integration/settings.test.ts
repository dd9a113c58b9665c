import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/client.js';
import { loadBootConfig } from '../../main/kernel/config.js';
import { startCore } from '../../main/app/core.js';
import { AppEvents } from '../../main/http/app-events.js';
import { SettingsService } from '../../main/http/app-settings.js';
import { startTestCore, tempDataDir } from '../helpers/core.js';

describe('settings precedence', () => {
  it('defaults, then the environment, then what the user saved (which wins and survives a restart)', () => {
    const file = path.join(tempDataDir(), 'recepta.db');
    const db = openDatabase(file);
    expect(new SettingsService(db, new AppEvents(), {}).get('ai.model')).toBe('gpt-4o-mini');
    const settings = new SettingsService(db, new AppEvents(), {
      RECEPTA_MODEL: 'llama3.1',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
    });
    expect(settings.get('ai.model')).toBe('llama3.1');
    expect(settings.get('ai.baseUrl')).toBe('http://127.0.0.1:11434/v1');
    settings.update({ 'ai.model': 'gpt-4.1-mini' });
    closeDatabase(db);

    const reopened = openDatabase(file);
    const after = new SettingsService(reopened, new AppEvents(), { RECEPTA_MODEL: 'llama3.1' });
    expect(after.get('ai.model')).toBe('gpt-4.1-mini');
    closeDatabase(reopened);
  });

  it('ignores a saved value this version cannot read, falling back instead of crashing', () => {
    const db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    db.$client.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('ai.timeoutMs', '\"soon\"', 1)").run();
    expect(new SettingsService(db, new AppEvents(), {}).get('ai.timeoutMs')).toBe(25_000);
    closeDatabase(db);
  });

  it('announces saved keys on the event bus', () => {
    const events = new AppEvents();
    const seen: unknown[] = [];
    events.subscribe((e) => seen.push(e));
    const db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    new SettingsService(db, events, {}).update({ 'clinic.name': 'Sonrisas' });
    expect(seen).toEqual([{ type: 'settings.updated', data: { keys: ['clinic.name'] } }]);
    closeDatabase(db);
  });
});

describe('PATCH /api/settings with null', () => {
  it("puts a key back to the environment's value or the default, for good, and refuses what is not a setting", async () => {
    const core = await startTestCore({ env: { RECEPTA_MODEL: 'llama3.1' } });
    try {
      await core.api('PATCH', '/api/settings', { 'ai.model': 'gpt-4.1-mini', 'ai.temperature': 0.9 });
      expect(core.settings.get('ai.model')).toBe('gpt-4.1-mini');

      const reset = await core.api<Record<string, unknown>>('PATCH', '/api/settings', {
        'ai.model': null,
        'ai.temperature': null,
      });
      expect(reset.status).toBe(200);
      expect(reset.body).toMatchObject({ 'ai.model': 'llama3.1', 'ai.temperature': 0.3 });
      expect(core.settings.get('ai.temperature')).toBe(0.3);
      // Forgotten in the database too: a restart does not bring the old value back.
      core.settings.reload();
      expect(core.settings.get('ai.model')).toBe('llama3.1');

      expect((await core.api('PATCH', '/api/settings', { 'installation.id': null })).status).toBe(400);
      expect((await core.api('PATCH', '/api/settings', { 'no.such.key': null })).status).toBe(400);
      expect(core.settings.get('installation.id')).toMatch(/[0-9a-f-]{36}/);
    } finally {
      await core.stop();
    }
  });
});

describe('the public address', () => {
  it('takes a bare http(s) address and refuses a path, a query or another scheme, changing nothing', async () => {
    const core = await startTestCore();
    try {
      for (const bad of [
        'https://x.trycloudflare.com/webhooks',
        'https://x.example?t=1',
        'ftp://x.example',
        'x.example',
      ]) {
        expect((await core.api('PATCH', '/api/settings', { 'network.publicUrl': bad })).status, bad).toBe(400);
      }
      expect(core.settings.get('network.publicUrl')).toBe('');
      const ok = await core.api('PATCH', '/api/settings', { 'network.publicUrl': 'https://recepcion.example.com' });
      expect(ok.status).toBe(200);
      expect(core.settings.get('network.publicUrl')).toBe('https://recepcion.example.com');
    } finally {
      await core.stop();
    }
  });
});

describe('--demo', () => {
  const env = (dataDir: string) => ({
    RECEPTA_DATA_DIR: dataDir,
    RECEPTA_API_PORT: '0',
    RECEPTA_WEBHOOK_PORT: '0',
    RECEPTA_LOG_STDOUT: '0',
    OPENAI_API_KEY: 'sk-demo-test',
  });

  it('loads the demo clinic into an empty data folder', async () => {
    const dataDir = tempDataDir();
    const core = await startCore({ config: loadBootConfig(env(dataDir), ['--demo']), env: env(dataDir) });
    expect(core.settings.get('clinic.name')).toBe('Clínica Demo Palermo');
    // The free text holds only what the structured settings cannot (hours, prices and services are theirs).
    expect(core.settings.get('clinic.profile')).toMatch(/obras sociales/);
    expect(core.settings.get('clinic.profile')).not.toMatch(/\d:\d\d|\$/);
    await core.stop();
  });

  it('never overwrites a clinic that is already set up', async () => {
    const dataDir = tempDataDir();
    const first = await startCore({ config: loadBootConfig(env(dataDir), []), env: env(dataDir) });
    first.settings.update({ 'clinic.name': 'Consultorio Real' });
    await first.stop();
    const second = await startCore({ config: loadBootConfig(env(dataDir), ['--demo']), env: env(dataDir) });
    expect(second.settings.get('clinic.name')).toBe('Consultorio Real');
    await second.stop();
  });
});

describe("the clinic's settings and the agenda", () => {
  it('a time zone that does not exist is refused and nothing changes; new opening hours tell open calendars to redraw', async () => {
    const core = await startTestCore();
    try {
      const bad = await core.api<{ error: { code: string } }>('PATCH', '/api/settings', {
        'clinic.timeZone': 'Mars/Olympus',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      expect(core.settings.get('clinic.timeZone')).toBe('America/Argentina/Buenos_Aires');

      const redraw = core.nextEvent((e) => e.type === 'agenda.catalogue.updated');
      const ok = await core.api('PATCH', '/api/settings', {
        'clinic.openingHours': [{ weekday: 6, start: '09:00', end: '13:00' }],
      });
      expect(ok.status).toBe(200);
      expect((await redraw).data).toEqual({ what: 'clinic' });
    } finally {
      await core.stop();
    }
  });
});
