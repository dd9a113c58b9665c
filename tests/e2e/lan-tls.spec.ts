// LAN mode's HTTPS, in the browser: the UI opens over https with the core's own
// certificate and Ajustes shows the fingerprint the ready line printed, so a person can
// compare it with what their browser says before trusting it.
import { expect } from '@playwright/test';
import { startFakeOpenAI } from '../fakes/fake-openai.js';
import { startCore } from './fixtures.js';
import { test } from './pinned-clock.js';

const FINGERPRINT = /TLS certificate SHA-256 ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/;

// The certificate is self-signed: the browser is told to go on, as a person does after comparing the fingerprint.
test.use({ ignoreHTTPSErrors: true });

test('over HTTPS, Ajustes shows the certificate fingerprint the ready line printed', async ({ page }, testInfo) => {
  const llm = await startFakeOpenAI();
  const core = await startCore(llm, { RECEPTA_TLS: '1' });
  try {
    expect(core.recepta.openUrl).toMatch(/^https:\/\//);
    const fingerprint = FINGERPRINT.exec(core.recepta.output())?.[1];
    expect(fingerprint, 'the ready line prints the certificate fingerprint').toBeDefined();
    const url = new URL(core.recepta.openUrl);
    url.pathname = '/ajustes';
    await page.goto(url.toString());
    await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible();
    const section = page.getByRole('region', { name: 'Acceso desde otras PCs' });
    await expect(section).toBeVisible();
    await expect(section.getByTestId('tls-fingerprint')).toHaveText(fingerprint!);
    await section.screenshot({ path: testInfo.outputPath('lan-fingerprint.png') });
  } finally {
    await core.stop();
    await llm.close();
  }
});
