import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

/** The local API's certificate in LAN mode: PEM key and certificate, and what people compare. */
export interface LanCertificate {
  key: string;
  cert: string;
  /** SHA-256 of the certificate, `AB:CD:…`, as browsers show it in their certificate viewer. */
  fingerprint256: string;
}

/** Five years: every new certificate means re-trusting it on each PC, so it is rarely renewed. */
const VALID_DAYS = 5 * 365;
/** Renew a month before it ends rather than let the other PCs meet an expired certificate. */
const RENEW_BEFORE_MS = 30 * 86_400_000;

export function tlsPaths(dataDir: string) {
  const dir = path.join(dataDir, 'tls');
  return { dir, key: path.join(dir, 'lan-key.pem'), cert: path.join(dir, 'lan-cert.pem') };
}

/** The machine's own addresses other PCs may use, IPv4 first (what people type). */
export function lanAddresses(interfaces = os.networkInterfaces()): string[] {
  const all = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => !i.internal);
  const v4 = all.filter((i) => i.family === 'IPv4').map((i) => i.address);
  const v6 = all.filter((i) => i.family === 'IPv6' && !i.address.startsWith('fe80:')).map((i) => i.address);
  return [...v4, ...v6];
}

/**
 * The address printed for other PCs: the bound IP itself, or — bound to every interface —
 * the first LAN address (0.0.0.0 is no address anyone can open). Loopback when there is none.
 */
export function addressForOthers(host: string, interfaces = os.networkInterfaces()): string {
  if (host !== '0.0.0.0' && host !== '::') return host;
  return lanAddresses(interfaces)[0] ?? '127.0.0.1';
}

function usable(cert: string, now: number): boolean {
  try {
    return Date.parse(new X509Certificate(cert).validTo) - now > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}

/**
 * The certificate kept in `<data>/tls/`, made on first LAN start (self-signed, for every
 * name and address this PC has now). Kept, not regenerated, while it is valid: its
 * fingerprint is what the other PCs were told to trust. The key is the OS user's alone
 * (0600); it protects no patient data at rest, but it is never logged.
 */
export async function lanCertificate(dataDir: string, bindHost: string, now = Date.now()): Promise<LanCertificate> {
  const p = tlsPaths(dataDir);
  if (existsSync(p.key) && existsSync(p.cert)) {
    const cert = readFileSync(p.cert, 'utf8');
    if (usable(cert, now)) {
      chmodSync(p.key, 0o600);
      return { key: readFileSync(p.key, 'utf8'), cert, fingerprint256: new X509Certificate(cert).fingerprint256 };
    }
  }
  const ips = new Set(['127.0.0.1', '::1', ...lanAddresses(), ...(isIP(bindHost) ? [bindHost] : [])]);
  const names = new Set(['localhost', os.hostname()]);
  const made = await generate([{ name: 'commonName', value: `Recepta (${os.hostname()})` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 86_400_000),
    notAfterDate: new Date(now + VALID_DAYS * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...[...names].map((value) => ({ type: 2 as const, value })),
          ...[...ips].map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  mkdirSync(p.dir, { recursive: true, mode: 0o700 });
  writeFileSync(p.key, made.private, { mode: 0o600 });
  chmodSync(p.key, 0o600); // writeFileSync's mode applies only to a new file
  writeFileSync(p.cert, made.cert, { mode: 0o644 });
  return { key: made.private, cert: made.cert, fingerprint256: new X509Certificate(made.cert).fingerprint256 };
}
