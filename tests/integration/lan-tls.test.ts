// LAN mode: the local API over HTTPS with a certificate made on first start and kept in
// the data folder, its fingerprint in the ready line and in /api/health; the webhook
// listener stays on loopback; the ready line shows the address other PCs type.
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { checkServerIdentity, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanAddresses, tlsPaths } from '../../main/http/tls.js';
import { testClockOffset } from '../clock/pin-clock.mjs';
import { startTestCore, tempDataDir, type TestCore } from '../helpers/core.js';

/**
 * GET over HTTPS trusting exactly `ca` (the certificate pinned), with the session token.
 * OpenSSL checks the certificate's dates against the OS clock, not the tests' pinned one:
 * with the suite pinned ahead of today the certificate (made "now" by the pinned core) is
 * not valid yet for OpenSSL, and only for that reason. So the chain and the name are checked
 * here by hand, and the dates against the pinned clock.
 */
function httpsGet(
  url: string,
  token: string,
  ca: string,
): Promise<{ status: number; body: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const host = new URL(url).hostname;
    const req = https.get(
      url,
      { ca, rejectUnauthorized: false, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        const socket = res.socket as TLSSocket;
        const peer = socket.getPeerCertificate();
        const error = socket.authorizationError as unknown as string | null;
        const aheadOfOs = testClockOffset() > 0 && Date.parse(peer.valid_from) > Date.now() - testClockOffset();
        const trusted = error === null || (error === 'CERT_NOT_YET_VALID' && aheadOfOs);
        const named = checkServerIdentity(host, peer) === undefined;
        const inDate = Date.parse(peer.valid_from) <= Date.now() && Date.now() < Date.parse(peer.valid_to);
        if (!trusted || !named || !inDate) {
          res.destroy();
          return reject(new Error(`untrusted certificate: ${String(error)} named=${named} inDate=${inDate}`));
        }
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint: peer.fingerprint256 }));
      },
    );
    req.on('error', reject);
  });
}

/** Resolves with whatever a plain-HTTP request gets back before the server closes the socket. */
function plainHttp(port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    let got = '';
    socket.on('data', (c: Buffer) => (got += c.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(got));
    socket.write(`GET /api/health HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`);
  });
}

function connects(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

describe('the local API over TLS', () => {
  let core: TestCore;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    core = await startTestCore({
      dataDir,
      env: {
        RECEPTA_HOST: '127.0.0.1',
        RECEPTA_TLS: '1',
        OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
        OPENAI_API_KEY: 'sk-test-tls',
      },
    });
  });
  afterAll(() => core.stop());

  it('serves https with the certificate kept in the data folder, and says its fingerprint', async () => {
    expect(core.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const cert = readFileSync(tlsPaths(dataDir).cert, 'utf8');
    const fingerprint = new X509Certificate(cert).fingerprint256;
    expect(fingerprint).toMatch(FINGERPRINT);
    expect(core.tlsFingerprint).toBe(fingerprint);
    expect(core.readyLine).toContain(`https://127.0.0.1:${new URL(core.apiUrl).port}/?token=`);
    expect(core.readyLine).toContain(`SHA-256 ${fingerprint}`);

    const health = await httpsGet(`${core.apiUrl}/api/health`, core.token, cert);
    expect(health.status).toBe(200);
    expect(health.fingerprint).toBe(fingerprint);
    expect((JSON.parse(health.body) as { tls?: { fingerprint256: string } }).tls).toEqual({
      fingerprint256: fingerprint,
    });
  });

  it('does not answer plain HTTP on the same port', async () => {
    const got = await plainHttp(Number(new URL(core.apiUrl).port));
    expect(got).not.toMatch(/^HTTP\/1\.1 200/);
    expect(got).not.toContain('"version"');
    await expect(
      fetch(`http://127.0.0.1:${new URL(core.apiUrl).port}/api/health`, {
        headers: { authorization: `Bearer ${core.token}` },
      }),
    ).rejects.toThrow();
  });

  it('keeps the private key to the OS user and out of the logs', async () => {
    const key = tlsPaths(dataDir).key;
    if (process.platform !== 'win32') expect(statSync(key).mode & 0o777).toBe(0o600);
    await new Promise<void>((resolve) => core.log.flush(() => resolve()));
    const logs = path.join(dataDir, 'logs');
    const text = readdirSync(logs)
      .map((f) => readFileSync(path.join(logs, f), 'utf8'))
      .join('\n');
    expect(text).not.toContain('PRIVATE KEY');
    const keyBody = readFileSync(key, 'utf8').split('\n')[1]!;
    expect(text).not.toContain(keyBody);
  });

  it('uses the same certificate after a restart, so the other PCs need not trust a new one', async () => {
    const before = core.tlsFingerprint;
    await core.stop();
    core = await startTestCore({
      dataDir,
      env: { RECEPTA_HOST: '127.0.0.1', RECEPTA_TLS: '1', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
    });
    expect(core.tlsFingerprint).toBe(before);
  });
});

describe('LAN mode', () => {
  const lanIp = lanAddresses().find((a) => net.isIPv4(a));
  let core: TestCore;
  let cert: string;
  beforeAll(async () => {
    const dataDir = tempDataDir();
    core = await startTestCore({ dataDir, env: { RECEPTA_HOST: '0.0.0.0', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
    cert = readFileSync(tlsPaths(dataDir).cert, 'utf8');
  });
  afterAll(() => core.stop());

  it('turns TLS on by itself and prints the address other PCs use, not 0.0.0.0', () => {
    expect(core.apiUrl).toMatch(/^https:/);
    expect(core.readyLine).not.toContain('0.0.0.0');
    expect(core.readyLine).toMatch(
      new RegExp(`^Recepta ready: https://${(lanIp ?? '127.0.0.1').replace(/\./g, '\\.')}:\\d+/\\?token=`),
    );
    expect(core.readyLine).toMatch(/SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('keeps the webhook listener on loopback', async () => {
    const webhook = new URL(core.webhookUrl);
    expect(webhook.hostname).toBe('127.0.0.1');
    expect(await connects(Number(webhook.port), '127.0.0.1')).toBe(true);
    if (!lanIp) return console.warn('no LAN address on this machine: the webhook port was checked on loopback only');
    expect(await connects(Number(webhook.port), lanIp)).toBe(false);
    // …while the API is reachable from the LAN, over HTTPS (the certificate names this address).
    const health = await httpsGet(`https://${lanIp}:${new URL(core.apiUrl).port}/api/health`, core.token, cert);
    expect(health.status).toBe(200);
  });
});

describe('LAN mode with TLS turned off (a reverse proxy in front)', () => {
  it('serves plain http and prints no fingerprint', async () => {
    const core = await startTestCore({
      env: { RECEPTA_HOST: '0.0.0.0', RECEPTA_TLS: '0', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
    });
    try {
      expect(core.apiUrl).toMatch(/^http:/);
      expect(core.tlsFingerprint).toBeNull();
      expect(core.readyLine).not.toContain('SHA-256');
      expect((await core.api('GET', '/api/health')).status).toBe(200);
    } finally {
      await core.stop();
    }
  });
});
