import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, isLoopbackBind, loadBootConfig } from '../../main/kernel/config.js';
import { addressForOthers, lanAddresses } from '../../main/http/tls.js';

describe('loadBootConfig', () => {
  it('uses the documented defaults', () => {
    const c = loadBootConfig({ HOME: '/home/laura' }, []);
    expect(c).toMatchObject({
      host: '127.0.0.1',
      lan: false,
      tls: false,
      apiPort: 4870,
      webhookPort: 4871,
      webhookMaxConnections: 256,
      demo: false,
      tokenFromEnv: false,
    });
    expect(c.token.length).toBeGreaterThanOrEqual(24);
    expect(loadBootConfig({}, []).token).not.toBe(c.token); // random per start
  });
  it('reads the environment and --demo', () => {
    const c = loadBootConfig(
      {
        RECEPTA_DATA_DIR: 'x/y',
        RECEPTA_HOST: '0.0.0.0',
        RECEPTA_API_PORT: '0',
        RECEPTA_WEBHOOK_PORT: '9000',
        RECEPTA_TOKEN: 'a-long-enough-token',
      },
      ['--demo'],
    );
    expect(c).toMatchObject({
      dataDir: path.resolve('x/y'),
      host: '0.0.0.0',
      apiPort: 0,
      webhookPort: 9000,
      token: 'a-long-enough-token',
      tokenFromEnv: true,
      demo: true,
    });
  });
  it('refuses bad ports and short tokens with a clear message', () => {
    expect(() => loadBootConfig({ RECEPTA_API_PORT: 'http' }, [])).toThrow(ConfigError);
    expect(() => loadBootConfig({ RECEPTA_WEBHOOK_PORT: '70000' }, [])).toThrow(/RECEPTA_WEBHOOK_PORT/);
    expect(() => loadBootConfig({ RECEPTA_TOKEN: 'short' }, [])).toThrow(/at least 16/);
  });
  it('LAN mode is any bind beyond loopback, and turns TLS on unless RECEPTA_TLS=0', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]'])
      expect(isLoopbackBind(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'recepcion.local'])
      expect(isLoopbackBind(host), host).toBe(false);
    expect(loadBootConfig({ RECEPTA_HOST: '0.0.0.0' }, [])).toMatchObject({ lan: true, tls: true });
    expect(loadBootConfig({ RECEPTA_HOST: '0.0.0.0', RECEPTA_TLS: '0' }, [])).toMatchObject({ lan: true, tls: false });
    expect(loadBootConfig({ RECEPTA_TLS: '1' }, [])).toMatchObject({ lan: false, tls: true });
    expect(() => loadBootConfig({ RECEPTA_TLS: 'maybe' }, [])).toThrow(/RECEPTA_TLS/);
  });
  it('reads the webhook connection cap', () => {
    expect(loadBootConfig({ RECEPTA_WEBHOOK_MAX_CONNECTIONS: '32' }, []).webhookMaxConnections).toBe(32);
    expect(() => loadBootConfig({ RECEPTA_WEBHOOK_MAX_CONNECTIONS: '0' }, [])).toThrow(
      /RECEPTA_WEBHOOK_MAX_CONNECTIONS/,
    );
  });
  it('names the LAN address other PCs use, never a wildcard', () => {
    const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
      ({
        address,
        family,
        internal,
        netmask: '',
        mac: '',
        cidr: null,
        ...(family === 'IPv6' ? { scopeid: 0 } : {}),
      }) as import('node:os').NetworkInterfaceInfo;
    const interfaces = {
      lo: [nic('127.0.0.1', 'IPv4', true)],
      eth0: [nic('fe80::1', 'IPv6'), nic('fd00::5', 'IPv6'), nic('192.168.1.20', 'IPv4')],
    };
    expect(lanAddresses(interfaces)).toEqual(['192.168.1.20', 'fd00::5']);
    expect(addressForOthers('0.0.0.0', interfaces)).toBe('192.168.1.20');
    expect(addressForOthers('::', interfaces)).toBe('192.168.1.20');
    expect(addressForOthers('10.0.0.7', interfaces)).toBe('10.0.0.7');
    expect(addressForOthers('0.0.0.0', { lo: [nic('127.0.0.1', 'IPv4', true)] })).toBe('127.0.0.1');
  });
  it('puts data where each OS keeps per-user app data', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\L\\AppData\\Roaming' }, 'win32')).toContain('Recepta');
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Recepta$/);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Recepta');
  });
});
