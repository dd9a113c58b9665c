import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, loadBootConfig } from '../../main/core/config.js';

describe('loadBootConfig', () => {
  it('uses the documented defaults', () => {
    const c = loadBootConfig({ HOME: '/home/laura' }, []);
    expect(c).toMatchObject({ host: '127.0.0.1', apiPort: 4870, webhookPort: 4871, demo: false, tokenFromEnv: false });
    expect(c.token.length).toBeGreaterThanOrEqual(24);
    expect(loadBootConfig({}, []).token).not.toBe(c.token); // random per start
  });
  it('reads the environment and --demo', () => {
    const c = loadBootConfig({ RECEPTA_DATA_DIR: 'x/y', RECEPTA_HOST: '0.0.0.0', RECEPTA_API_PORT: '0', RECEPTA_WEBHOOK_PORT: '9000', RECEPTA_TOKEN: 'a-long-enough-token' }, ['--demo']);
    expect(c).toMatchObject({ dataDir: path.resolve('x/y'), host: '0.0.0.0', apiPort: 0, webhookPort: 9000, token: 'a-long-enough-token', tokenFromEnv: true, demo: true });
  });
  it('refuses bad ports and short tokens with a clear message', () => {
    expect(() => loadBootConfig({ RECEPTA_API_PORT: 'http' }, [])).toThrow(ConfigError);
    expect(() => loadBootConfig({ RECEPTA_WEBHOOK_PORT: '70000' }, [])).toThrow(/RECEPTA_WEBHOOK_PORT/);
    expect(() => loadBootConfig({ RECEPTA_TOKEN: 'short' }, [])).toThrow(/at least 16/);
  });
  it('puts data where each OS keeps per-user app data', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\L\\AppData\\Roaming' }, 'win32')).toContain('Recepta');
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Recepta$/);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Recepta');
  });
});
