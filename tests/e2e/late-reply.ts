// Replies that arrive late. On a busy reception PC a reply can reach the page after a push
// event that happened later on the core; these helpers make that order happen on purpose.
import type { Page } from '@playwright/test';

/**
 * Lets requests matching `url` reach the core at once but holds their replies back.
 * `release()` hands them to the page and resolves once the page has drawn them; it
 * fails if no such request was made.
 */
export async function holdReplies(page: Page, url: string): Promise<{ release(): Promise<void> }> {
  let open!: () => void;
  const released = new Promise<void>((resolve) => (open = resolve));
  const delivered: Array<Promise<void>> = [];
  await page.route(url, (route) => {
    const delivery = (async () => {
      const response = await route.fetch();
      await released;
      await route.fulfill({ response });
    })();
    delivered.push(delivery);
    return delivery;
  });
  return {
    async release() {
      // Nothing held means the order this test is about never happened.
      if (delivered.length === 0) throw new Error(`no request matching ${url} was made`);
      open();
      await Promise.all(delivered);
      await page.unroute(url);
      // Two frames: the late replies have been read and drawn, if they were going to undo anything.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    },
  };
}
