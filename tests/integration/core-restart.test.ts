// The restart a restore triggers (RunningCore.restart): the core stops, the data folder is
// changed, and it starts again on the same address — or, when the new data will not open,
// on the data it had before.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestCore, waitFor } from '../helpers/core.js';

describe('core restart', () => {
  it('comes back on the same address, and puts the previous data back when the new data will not open', async () => {
    const core = await startTestCore();
    try {
      const sent = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
        from: '+5491155550042',
        text: 'hola',
      });
      expect(sent.status).toBe(202);
      const before = (await core.api<unknown[]>('GET', '/api/conversations')).body.length;
      expect(before).toBe(1);
      // The bus as the desktop tray holds it: taken once, at start-up.
      const bus = core.events;
      const file = path.join(core.dataDir, 'recepta.db');
      let swapped = false;
      await core.restart(() => {
        renameSync(file, `${file}.kept`);
        writeFileSync(file, 'this is not a database '.repeat(200));
        swapped = true;
        return () => {
          rmSync(file, { force: true });
          renameSync(`${file}.kept`, file);
        };
      });
      expect(swapped).toBe(true);
      // The first request may meet a keep-alive socket the old listener closed: the client retries.
      const health = await waitFor(
        () => core.api<{ ok: boolean }>('GET', '/api/health').catch(() => undefined),
        10_000,
        'the restarted core',
      );
      expect(health.status).toBe(200);
      expect((await core.api<unknown[]>('GET', '/api/conversations')).body.length).toBe(before);

      // Whoever subscribed to the handle before (the desktop tray) hears the restarted core.
      const heard = new Promise((resolve) => {
        const off = bus.subscribe((e) => {
          if (e.type !== 'message.created') return;
          off();
          resolve(e);
        });
      });
      expect(
        (await core.api('POST', '/api/simulator/messages', { from: '+5491155550043', text: 'sigo acá' })).status,
      ).toBe(202);
      await expect(
        Promise.race([heard, new Promise((r) => setTimeout(() => r('nothing heard'), 10_000))]),
      ).resolves.toMatchObject({ type: 'message.created' });
    } finally {
      await core.stop();
    }
  });
});
