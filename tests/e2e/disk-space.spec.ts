// The low-disk banner, from a core whose warning threshold is above any disk's free space
// (its own core: the shared one must not show this banner to every other test).
import { expect } from '@playwright/test';
import { test } from './pinned-clock.js';
import { spawnCore, tempDataDir, type SpawnedCore } from '../helpers/core.js';

let core: SpawnedCore;
test.beforeAll(async () => {
  // The demo clinic: an empty folder would open the first-run setup over the banner.
  core = await spawnCore(
    {
      RECEPTA_DATA_DIR: tempDataDir(),
      RECEPTA_LOG_STDOUT: '0',
      RECEPTA_DISK_LOW_BYTES: String(Number.MAX_SAFE_INTEGER),
    },
    ['--demo'],
  );
});
test.afterAll(async () => {
  await core?.stop();
});

test('warns that the disk is almost full, in Spanish, until dismissed', async ({ page }, testInfo) => {
  await page.goto(`${core.apiUrl}/conversaciones?token=${encodeURIComponent(core.token)}`);
  const banner = page.getByTestId('disk-low');
  await expect(banner).toContainText('Queda poco espacio en el disco (');
  await expect(banner).toContainText('libres). Cuando se llene, Recepta no va a poder guardar mensajes nuevos');
  await page.screenshot({ path: testInfo.outputPath('disk-low-banner.png') });
  await banner.getByRole('button', { name: 'Entendido' }).click();
  await expect(page.getByTestId('disk-low')).toHaveCount(0);
});
