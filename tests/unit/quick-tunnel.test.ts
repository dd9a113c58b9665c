// "Iniciar un túnel rápido" with a fake cloudflared on PATH: a shell script that prints what
// the real one prints (its banner with the trycloudflare.com address, on stderr) and waits.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QuickTunnel,
  QuickTunnelError,
  findOnPath,
  parseQuickTunnelUrl,
} from '../../main/channels/tunnel/quick-tunnel.js';

const BANNER = [
  '2026-12-06T12:00:00Z INF Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out.',
  '2026-12-06T12:00:00Z INF Requesting new quick Tunnel on trycloudflare.com...',
  '2026-12-06T12:00:01Z INF +--------------------------------------------------------------------------------------------+',
  '2026-12-06T12:00:01Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
  '2026-12-06T12:00:01Z INF |  https://Gentle-Moon-Clinic-42.trycloudflare.com                                           |',
  '2026-12-06T12:00:01Z INF +--------------------------------------------------------------------------------------------+',
];

let dir: string;
let argsFile: string;
const envWith = (script: string) => {
  const bin = path.join(dir, 'cloudflared');
  writeFileSync(bin, `#!/bin/sh\n${script}\n`);
  chmodSync(bin, 0o755);
  return { ...process.env, PATH: dir };
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'recepta-cloudflared-'));
  argsFile = path.join(dir, 'args.txt');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseQuickTunnelUrl', () => {
  it("finds the address in cloudflared's banner line, and nothing elsewhere", () => {
    expect(parseQuickTunnelUrl(BANNER[4]!)).toBe('https://gentle-moon-clinic-42.trycloudflare.com');
    expect(parseQuickTunnelUrl(BANNER[1]!)).toBeNull();
    expect(parseQuickTunnelUrl('https://x.trycloudflare.com.evil.example')).toBeNull();
    expect(parseQuickTunnelUrl('POST https://api.trycloudflare.com/tunnel')).toBeNull();
  });
});

describe('findOnPath', () => {
  it('finds an executable on PATH and nothing on an empty PATH', () => {
    const env = envWith('exit 0');
    expect(findOnPath('cloudflared', env)).toBe(path.join(dir, 'cloudflared'));
    expect(findOnPath('cloudflared', { PATH: '' })).toBeNull();
  });

  it('skips a file that is not executable', () => {
    const env = envWith('exit 0');
    chmodSync(path.join(dir, 'cloudflared'), 0o644);
    expect(findOnPath('cloudflared', env)).toBeNull();
  });
});

describe('QuickTunnel', () => {
  it('starts cloudflared towards the webhook port, answers the printed address, and stops it', async () => {
    const banner = BANNER.map((l) => `echo '${l}' >&2`).join('\n');
    const env = envWith(`echo "$@" > '${argsFile}'\n${banner}\nexec sleep 30`);
    const tunnel = new QuickTunnel({ port: () => 4871, env });
    expect(tunnel.state()).toEqual({ available: true, running: false, url: null });
    const url = await tunnel.start();
    expect(url).toBe('https://gentle-moon-clinic-42.trycloudflare.com');
    expect(tunnel.state()).toEqual({ available: true, running: true, url });
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(argsFile, 'utf8').trim()).toBe('tunnel --no-autoupdate --url http://127.0.0.1:4871');
    await tunnel.stop();
    expect(tunnel.state().running).toBe(false);
  });

  it('refuses when cloudflared exits without an address', async () => {
    const tunnel = new QuickTunnel({
      port: () => 4871,
      env: envWith("echo 'failed to request quick Tunnel' >&2\nexit 1"),
    });
    await expect(tunnel.start()).rejects.toBeInstanceOf(QuickTunnelError);
    expect(tunnel.state().running).toBe(false);
  });

  it('says it is not available without cloudflared on PATH', async () => {
    const tunnel = new QuickTunnel({ port: () => 4871, env: { PATH: '' } });
    expect(tunnel.state().available).toBe(false);
    await expect(tunnel.start()).rejects.toThrow(/not installed/);
  });
});
