// The Canales page against a core started in this process from the built
// dist/main/app/core.js, with WhatsApp's socket replaced by the fake one: the test
// plays WhatsApp's server (QR, scan, disconnects, messages) while the page shows it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from '@playwright/test';
import { test as base } from './pinned-clock.js';
import { FakeWhatsApp } from '../fixtures/baileys/fake-socket.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORE = path.join(root, 'dist', 'main', 'app', 'core.js');
const CONFIG = path.join(root, 'dist', 'main', 'kernel', 'config.js');

export interface WhatsAppHarness {
  fake: FakeWhatsApp;
  openUrl: string;
  origin: string;
}

/** An in-memory keychain: the real one is covered by the integration tests; here only the page is under test. */
function memoryKeychain() {
  const entries = new Map<string, string>();
  return {
    get: (a: string) => entries.get(a) ?? null,
    set: (a: string, v: string) => void entries.set(a, v),
    delete: (a: string) => void entries.delete(a),
  };
}

export const test = base.extend<{ wa: WhatsAppHarness }>({
  // Its own time, not the test's: starting a demo core in the runner took 22 s of a 60 s test
  // on a loaded machine, and the test then timed out with every check passed.
  wa: [
    async ({}, use) => {
      if (!existsSync(CORE))
        throw new Error('dist/main/app/core.js is missing: run `npm run build` before the e2e tests.');
      const { startCore } = (await import(pathToFileURL(CORE).href)) as typeof import('../../main/app/core.js');
      const { loadBootConfig } = (await import(
        pathToFileURL(CONFIG).href
      )) as typeof import('../../main/kernel/config.js');
      const dataDir = mkdtempSync(path.join(tmpdir(), 'recepta-e2e-wa-'));
      const env = {
        RECEPTA_DATA_DIR: dataDir,
        RECEPTA_API_PORT: '0',
        RECEPTA_WEBHOOK_PORT: '0',
        RECEPTA_HOST: '127.0.0.1',
        RECEPTA_TOKEN: randomBytes(24).toString('base64url'),
        RECEPTA_LOG_STDOUT: '0',
      };
      const fake = new FakeWhatsApp();
      const core = await startCore({
        config: loadBootConfig(env, ['--demo']),
        env,
        keychain: memoryKeychain(),
        assistant: {
          reply: async () => ({ text: '¡Hola! Sí, tenemos turnos esta semana.', meta: { mode: 'llm', latencyMs: 1 } }),
        },
        whatsappSocketFactory: fake.factory,
        // Long enough to read "Reintentando en 30 s…" on the screen.
        whatsappBackoff: { baseMs: 30_000, capMs: 300_000 },
      });
      try {
        await use({ fake, openUrl: core.openUrl, origin: core.apiUrl });
      } finally {
        await core.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { timeout: 60_000 },
  ],
});

export { expect };
