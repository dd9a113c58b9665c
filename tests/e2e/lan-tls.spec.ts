// LAN mode's HTTPS, in the browser: the UI opens over https with the core's own
// certificate and Ajustes shows the fingerprint the ready line printed, so a person can
// compare it with what their browser says before trusting it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(root, 'dist', 'main', 'core', 'cli.js');
const READY = /Recepta ready: (https:\/\/\S+) \(webhooks on [^)]+\) TLS certificate SHA-256 ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/;

// The certificate is self-signed: the browser is told to go on, as a person does after comparing the fingerprint.
test.use({ ignoreHTTPSErrors: true });

test('over HTTPS, Ajustes shows the certificate fingerprint the ready line printed', async ({ page }, testInfo) => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'recepta-e2e-tls-'));
  const child = spawn(process.execPath, [CLI], {
    cwd: root,
    env: {
      ...process.env,
      RECEPTA_DATA_DIR: dataDir,
      RECEPTA_API_PORT: '0',
      RECEPTA_WEBHOOK_PORT: '0',
      RECEPTA_HOST: '127.0.0.1',
      RECEPTA_TLS: '1',
      RECEPTA_TOKEN: randomBytes(24).toString('base64url'),
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      RECEPTA_LOG_STDOUT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  try {
    const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line:\n${output}`)), 30_000);
      child.stdout.on('data', () => {
        const m = READY.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      });
      child.once('exit', (code) => reject(new Error(`the core exited (${code}):\n${output}`)));
    });
    const [, openUrl, fingerprint] = ready;
    const url = new URL(openUrl!);
    url.pathname = '/ajustes';
    await page.goto(url.toString());
    await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible();
    const section = page.getByRole('region', { name: 'Acceso desde otras PCs' });
    await expect(section).toBeVisible();
    await expect(section.getByTestId('tls-fingerprint')).toHaveText(fingerprint!);
    await section.screenshot({ path: testInfo.outputPath('lan-fingerprint.png') });
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
