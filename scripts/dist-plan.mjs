// What `npm run dist` changes in electron-builder.yml for this machine's environment:
// sign where a certificate is given (and fail the build if signing then fails), say in
// one line where none is, and pick the update channel. Pure (environment in, plan out)
// so tests/unit/desktop-package.test.ts checks it without building anything.

/** @typedef {'mac' | 'win' | 'linux'} DistPlatform */
/**
 * @typedef {object} DistPlan
 * @property {Record<string, unknown>} config  deep-merged over electron-builder.yml
 * @property {Record<string, string>} env      set for electron-builder's process
 * @property {string[]} messages               one line each, printed before building
 */

const has = (env, ...names) => names.every((n) => typeof env[n] === 'string' && env[n].trim() !== '');

/** Apple's three ways to authenticate notarization (see electron-builder.yml). */
const canNotarize = (env) =>
  has(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
  has(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
  has(env, 'APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE');

/** `--mac`/`-m`, `--win`/`-w`, `--linux`/`-l`; none means this machine's platform. */
export function platformsFrom(args, hostPlatform) {
  const flags = { '--mac': 'mac', '-m': 'mac', '--win': 'win', '-w': 'win', '--linux': 'linux', '-l': 'linux' };
  const unknown = args.filter((a) => !(a in flags));
  if (unknown.length)
    throw new Error(`npm run dist: unknown option ${unknown.join(' ')} (use --mac, --win or --linux)`);
  const chosen = [...new Set(args.map((a) => flags[a]))];
  if (chosen.length) return chosen;
  return [hostPlatform === 'darwin' ? 'mac' : hostPlatform === 'win32' ? 'win' : 'linux'];
}

/**
 * @param {Record<string, string | undefined>} env
 * @param {DistPlatform[]} platforms
 * @returns {DistPlan}
 */
export function distPlan(env, platforms) {
  const config = {};
  const planEnv = {};
  const messages = [];
  let unsigned = false;

  if (platforms.includes('win')) {
    if (has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK'))
      messages.push('Firma (Windows): con el certificado de WIN_CSC_LINK/CSC_LINK.');
    else {
      unsigned = true;
      messages.push(
        'Firma (Windows): no hay certificado (WIN_CSC_LINK o CSC_LINK): el instalador sale SIN FIRMAR y SmartScreen lo va a advertir.',
      );
    }
  }
  if (platforms.includes('mac')) {
    if (!has(env, 'CSC_LINK') && !has(env, 'CSC_NAME')) {
      unsigned = true;
      // identity null: do not sign, and do not pick whatever identity the keychain holds.
      config.mac = { identity: null, notarize: false };
      planEnv.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
      messages.push(
        'Firma (macOS): no hay certificado (CSC_LINK o CSC_NAME): la app sale SIN FIRMAR ni notarizar y Gatekeeper no la abre sin permiso.',
      );
    } else if (!canNotarize(env)) {
      config.mac = { notarize: false };
      messages.push(
        'Firma (macOS): firmada, pero SIN NOTARIZAR (faltan APPLE_API_KEY, APPLE_API_KEY_ID y APPLE_API_ISSUER).',
      );
    } else messages.push('Firma (macOS): firmada y notarizada.');
  }
  if (platforms.includes('linux'))
    messages.push('Firma (Linux): AppImage y .deb no se firman; las actualizaciones se verifican por su SHA-512.');
  // With every certificate present, a signing failure must fail the build, not ship unsigned.
  if (!unsigned && (platforms.includes('win') || platforms.includes('mac'))) config.forceCodeSigning = true;

  if (has(env, 'RECEPTA_UPDATE_URL')) {
    const url = env.RECEPTA_UPDATE_URL.trim();
    if (!url.startsWith('https://')) throw new Error(`RECEPTA_UPDATE_URL must be an https:// address (got ${url}).`);
    messages.push(`Actualizaciones: canal ${url}`);
  } else if (has(env, 'RECEPTA_UPDATE_GITHUB')) {
    const [owner, repo, ...rest] = env.RECEPTA_UPDATE_GITHUB.trim().split('/');
    if (!owner || !repo || rest.length) throw new Error('RECEPTA_UPDATE_GITHUB must be owner/repo.');
    config.publish = [{ provider: 'github', owner, repo, releaseType: 'release' }];
    messages.push(`Actualizaciones: releases de GitHub ${owner}/${repo}`);
  } else {
    config.publish = null;
    messages.push(
      'Actualizaciones: sin canal (definí RECEPTA_UPDATE_URL o RECEPTA_UPDATE_GITHUB): este paquete no se actualiza solo.',
    );
  }
  return { config, env: planEnv, messages };
}
