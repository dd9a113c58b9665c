// The desktop package's configuration, read the way electron-builder reads it (its own
// loader, then its own schema check, so a misspelt key fails here and not at release
// time). Electron cannot run on our machines, so the fuses, signing and update channel
// are checked in the configuration, and `npm run dist`'s plan for each environment.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { distPlan, platformsFrom } from '../../scripts/dist-plan.mjs';

type Config = Awaited<ReturnType<typeof getConfig>>;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILE = path.join(ROOT, 'electron-builder.yml');

/** electron-builder.yml with `npm run dist`'s adjustments merged over it, as electron-builder does. */
async function effectiveConfig(overrides: Record<string, unknown> | null = null): Promise<Config> {
  const config = await getConfig(ROOT, FILE, overrides as Config | null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder (its schema knows every key)', async () => {
    await expect(effectiveConfig()).resolves.toBeTruthy();
    // The check is real: a misspelt fuse is refused.
    await expect(effectiveConfig({ electronFuses: { runAsNod: false } })).rejects.toThrow(/electronFuses/);
  });

  it('flips every fuse: no Node mode, NODE_OPTIONS or --inspect; asar-only with integrity; encrypted cookies', async () => {
    const { electronFuses } = await effectiveConfig();
    expect(electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('signs from the environment only: no certificate or password in the file', async () => {
    const config = await effectiveConfig();
    expect(config.forceCodeSigning).toBe(false); // scripts/dist.mjs turns it on when certificates are given
    expect(config.win).toMatchObject({
      verifyUpdateCodeSignature: true,
      signtoolOptions: { signingHashAlgorithms: ['sha256'] },
    });
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(config.mac?.identity).toBeUndefined();
    const text = readFileSync(FILE, 'utf8').replace(/^\s*#.*$/gm, '');
    for (const key of [
      'cscLink',
      'cscKeyPassword',
      'certificateFile',
      'certificatePassword',
      'identity',
      'appleId',
      'password',
    ]) {
      expect(text, key).not.toContain(key);
    }
  });

  it('publishes updates to a generic HTTPS channel named by RECEPTA_UPDATE_URL', async () => {
    const { publish } = await effectiveConfig();
    expect(publish).toEqual({ provider: 'generic', url: '${env.RECEPTA_UPDATE_URL}', channel: 'latest' });
    const config = await effectiveConfig();
    // Targets electron-updater can update: NSIS on Windows, a zip next to the dmg on macOS, AppImage on Linux.
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.linux?.target).toContain('AppImage');
  });
});

describe('npm run dist: signing and updates from the environment', () => {
  const certs = {
    WIN_CSC_LINK: '/secure/recepta.pfx',
    WIN_CSC_KEY_PASSWORD: 'pfx-password',
    CSC_LINK: '/secure/developer-id.p12',
    CSC_KEY_PASSWORD: 'p12-password',
    APPLE_API_KEY: '/secure/AuthKey.p8',
    APPLE_API_KEY_ID: 'KEYID12345',
    APPLE_API_ISSUER: '00000000-0000-0000-0000-000000000000',
    RECEPTA_UPDATE_URL: 'https://updates.example.org/recepta',
  };

  it('without certificates: builds unsigned, saying so in one line per platform, and never picks a keychain identity', async () => {
    const plan = distPlan({}, ['win', 'mac', 'linux']);
    expect(plan.messages.filter((m) => m.startsWith('Firma'))).toEqual([
      expect.stringMatching(/^Firma \(Windows\): no hay certificado .*SIN FIRMAR/),
      expect.stringMatching(/^Firma \(macOS\): no hay certificado .*SIN FIRMAR/),
      expect.stringMatching(/^Firma \(Linux\)/),
    ]);
    for (const m of plan.messages) expect(m).not.toContain('\n');
    expect(plan.config).toMatchObject({ mac: { identity: null, notarize: false } });
    expect(plan.config.forceCodeSigning).toBeUndefined();
    expect(plan.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    const config = await effectiveConfig(plan.config);
    expect(config.mac).toMatchObject({ identity: null, notarize: false, hardenedRuntime: true });
  });

  it('with certificates: signs, notarizes, and fails the build rather than ship unsigned', async () => {
    const plan = distPlan(certs, ['win', 'mac']);
    expect(plan.messages).toContain('Firma (macOS): firmada y notarizada.');
    expect(plan.config.forceCodeSigning).toBe(true);
    expect(plan.env).toEqual({});
    const config = await effectiveConfig(plan.config);
    expect(config.forceCodeSigning).toBe(true);
    expect(config.mac).toMatchObject({ notarize: true });
  });

  it('a macOS certificate without Apple credentials: signed, not notarized, and said so', () => {
    const { APPLE_API_KEY: _key, ...noApple } = certs;
    const plan = distPlan(noApple, ['mac']);
    expect(plan.config).toMatchObject({ mac: { notarize: false }, forceCodeSigning: true });
    expect(plan.messages).toContainEqual(expect.stringMatching(/SIN NOTARIZAR/));
  });

  it('one platform unsigned keeps forceCodeSigning off for the build', () => {
    expect(distPlan({ WIN_CSC_LINK: '/secure/recepta.pfx' }, ['mac', 'win']).config.forceCodeSigning).toBeUndefined();
    expect(distPlan({ WIN_CSC_LINK: '/secure/recepta.pfx' }, ['win', 'linux']).config.forceCodeSigning).toBe(true);
  });

  it('update channel: the generic URL (https only), GitHub releases, or none — said in one line', async () => {
    expect(distPlan(certs, ['linux']).config.publish).toBeUndefined(); // the file's generic channel stays
    expect(() => distPlan({ RECEPTA_UPDATE_URL: 'http://updates.example.org/' }, ['linux'])).toThrow(/https/);

    const github = distPlan({ RECEPTA_UPDATE_GITHUB: 'clinica/recepta' }, ['linux']);
    expect(github.messages).toContain('Actualizaciones: releases de GitHub clinica/recepta');
    expect((await effectiveConfig(github.config)).publish).toEqual([
      { provider: 'github', owner: 'clinica', repo: 'recepta', releaseType: 'release' },
    ]);
    expect(() => distPlan({ RECEPTA_UPDATE_GITHUB: 'recepta' }, ['linux'])).toThrow(/owner\/repo/);

    const none = distPlan({}, ['linux']);
    expect(none.messages).toContainEqual(expect.stringMatching(/^Actualizaciones: sin canal/));
    expect((await effectiveConfig(none.config)).publish).toBeNull();
  });

  it('builds for the platforms asked, or this machine’s', () => {
    expect(platformsFrom([], 'win32')).toEqual(['win']);
    expect(platformsFrom([], 'darwin')).toEqual(['mac']);
    expect(platformsFrom([], 'linux')).toEqual(['linux']);
    expect(platformsFrom(['--win', '-l', '--win'], 'darwin')).toEqual(['win', 'linux']);
    expect(() => platformsFrom(['--publish'], 'linux')).toThrow(/unknown option --publish/);
  });
});
