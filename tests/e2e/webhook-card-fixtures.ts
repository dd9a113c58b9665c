// What the webhook providers' card specs (YCloud, Chatwoot, Evolution) set up the same way: a
// core of their own (their settings — a public address, a provider account — would change what
// other specs see on a shared one) with its fake model, the provider's fake API for the whole
// worker, and deliveries posted and signed as the provider does. Each spec states only what differs.
import { createHmac } from 'node:crypto';
import { startFakeOpenAI } from '../fakes/fake-openai.js';
import { startCore, test as base, type Recepta } from './fixtures.js';

interface Closable {
  close(): Promise<void>;
}

/**
 * The spec's `test`: `app`/`page` on a core of its own (started with `coreEnv`'s environment,
 * whose `cleanup` runs after the core stops) and `fake`, the provider's fake API.
 */
export function webhookCardTest<Fake extends Closable>(
  startFake: () => Promise<Fake>,
  coreEnv?: () => { env: NodeJS.ProcessEnv; cleanup(): void },
) {
  return base.extend<{ fake: Fake }, { recepta: Recepta; fakeWorker: Fake }>({
    recepta: [
      async ({}, use) => {
        const extra = coreEnv?.();
        const llm = await startFakeOpenAI();
        const core = await startCore(llm, extra?.env);
        try {
          await use({ ...core.recepta, llm });
        } finally {
          await core.stop();
          await llm.close();
          extra?.cleanup();
        }
      },
      { scope: 'worker', timeout: 60_000 },
    ],
    fakeWorker: [
      async ({}, use) => {
        const fake = await startFake();
        await use(fake);
        await fake.close();
      },
      { scope: 'worker' },
    ],
    fake: async ({ fakeWorker }, use) => use(fakeWorker),
  });
}

/** HMAC-SHA256 of `t.rawBody`, hex: what YCloud and Chatwoot both sign (gateways.md A.2, B). */
const hmac = (raw: string, secret: string, t: number) =>
  createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex');
const nowS = () => Math.floor(Date.now() / 1000);

/** YCloud's `YCloud-Signature: t=…,s=…`. */
export const ycloudSigned = (raw: string, secret: string, t = nowS()) => ({
  'ycloud-signature': `t=${t},s=${hmac(raw, secret, t)}`,
});

/** The headers Chatwoot (≥ 4.11.2) sends: `sha256=` HMAC of `timestamp.rawBody`. */
export const chatwootSigned = (raw: string, secret: string, t = nowS()) => ({
  'x-chatwoot-timestamp': String(t),
  'x-chatwoot-signature': `sha256=${hmac(raw, secret, t)}`,
});

/** A JSON delivery to a webhook URL, with the provider's headers. */
export const postWebhook = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
