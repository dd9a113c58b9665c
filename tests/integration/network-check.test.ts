// POST /api/network/check on a real core: its own two listeners are the stand-ins for a
// tunnel pointed at the right port and at the wrong one.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestCore, type TestCore } from '../helpers/core.js';

type Check = { ok: boolean; code: string; url: string; status?: number };

describe('POST /api/network/check', () => {
  let core: TestCore;
  // A fake cloudflared on the core's PATH: prints the quick tunnel's banner line, then waits.
  const bin = mkdtempSync(path.join(tmpdir(), 'recepta-fake-cloudflared-'));
  beforeAll(async () => {
    writeFileSync(
      path.join(bin, 'cloudflared'),
      "#!/bin/sh\necho 'INF |  https://calm-river-test.trycloudflare.com  |' >&2\nexec sleep 60\n",
    );
    chmodSync(path.join(bin, 'cloudflared'), 0o755);
    core = await startTestCore({
      env: {
        OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
        OPENAI_API_KEY: 'sk-test-network',
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      },
    });
  });
  afterAll(async () => {
    await core.stop();
    rmSync(bin, { recursive: true, force: true });
  });

  const setAddress = async (url: string) => {
    const res = await request(core.apiUrl, core.token, 'PATCH', '/api/settings', { 'network.publicUrl': url });
    expect(res.status).toBe(200);
  };
  const check = async () => (await request<Check>(core.apiUrl, core.token, 'POST', '/api/network/check', {})).body;

  it('says there is no address while network.publicUrl is empty', async () => {
    await setAddress('');
    expect(await check()).toMatchObject({ ok: false, code: 'no_address' });
  });

  it('ok through an address that reaches the webhook listener', async () => {
    await setAddress(core.webhookUrl);
    expect(await check()).toMatchObject({ ok: true, code: 'ok', url: `${core.webhookUrl}/health` });
  });

  it("tells the local API's port apart from the webhook port", async () => {
    await setAddress(core.apiUrl);
    expect(await check()).toMatchObject({ ok: false, code: 'api_port' });
  });

  it('Iniciar un túnel rápido: starts cloudflared, saves its address as the public address, stops it', async () => {
    type Tunnel = { available: boolean; running: boolean; url: string | null };
    const before = await request<Tunnel>(core.apiUrl, core.token, 'GET', '/api/network/quick-tunnel');
    expect(before.body).toEqual({ available: true, running: false, url: null });
    const started = await request<Tunnel>(core.apiUrl, core.token, 'POST', '/api/network/quick-tunnel', {});
    expect(started.body).toEqual({ available: true, running: true, url: 'https://calm-river-test.trycloudflare.com' });
    const settings = await request<Record<string, unknown>>(core.apiUrl, core.token, 'GET', '/api/settings');
    expect(JSON.stringify(settings.body)).toContain('https://calm-river-test.trycloudflare.com');
    const stopped = await request<Tunnel>(core.apiUrl, core.token, 'POST', '/api/network/quick-tunnel/stop', {});
    expect(stopped.body.running).toBe(false);
  });
});
