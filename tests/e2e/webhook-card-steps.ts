// What the webhook providers' card specs (YCloud, Chatwoot, Evolution) share: the webhook
// listener's address, the public URL copied from a card, screenshots of a card at both window
// sizes, axe on Canales, and a channel's settings as the API returns them.
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, type Recepta } from './fixtures.js';

/** The webhook listener's address, from the core's ready line ("webhooks on 127.0.0.1:PORT"). */
export function webhookOrigin(recepta: Recepta): string {
  const m = /webhooks on (\S+?)\)/.exec(recepta.output());
  if (!m) throw new Error(`no webhook address in the core's output:\n${recepta.output()}`);
  return `http://${m[1]}`;
}

/** The card whole (the page scrolls inside its own pane, so a full-page shot shows its top only) and the window, at both sizes. */
export async function shotCard(page: Page, testInfo: TestInfo, testId: string, name: string) {
  const card = page.getByTestId(testId);
  for (const [w, h] of [
    [1366, 860],
    [1024, 700],
  ] as const) {
    // The whole card in a window tall enough to hold it, then the window as it really is.
    await page.setViewportSize({ width: w, height: 3200 });
    await card.screenshot({ path: testInfo.outputPath(`${name}-card-${w}.png`) });
    await page.setViewportSize({ width: w, height: h });
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: testInfo.outputPath(`${name}-window-${w}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 860 });
}

export async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).include('.channels-page').analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(serious).toEqual([]);
}

/** A channel's settings as GET /api/channels shows them. */
export const channelSettings = async (recepta: Recepta, provider: string) =>
  (await recepta.api<Array<{ provider: string; settings: Record<string, unknown> }>>('GET', '/api/channels')).find(
    (c) => c.provider === provider,
  )?.settings;

/**
 * Points the public address at the webhook listener itself (the https-less stand-in for a
 * tunnel), checks the card shows the provider's full URL, copies it with the button and
 * returns what reached the clipboard.
 */
export async function copyWebhookUrl(page: Page, recepta: Recepta, card: Locator, provider: string): Promise<string> {
  const hooks = webhookOrigin(recepta);
  await recepta.api('PATCH', '/api/settings', { 'network.publicUrl': hooks });
  await page.reload();
  const url = card.getByLabel('Dirección del webhook');
  await expect(url).toHaveValue(new RegExp(`^${hooks.replace(/[.]/g, '\\.')}/webhooks/${provider}/[\\w-]{20,}$`));
  await card.getByRole('button', { name: 'Copiar' }).click();
  await expect(card.getByRole('button', { name: /Copiada/ })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await url.inputValue());
  return copied;
}
