import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api/client';
import { i18n } from '../i18n';
import { KNOWN_ERROR_CODES } from '../i18n/errors';
import { errorMessage } from './errors';

// The codes are the server's own declaration: renderer/src/i18n/errors.ts maps
// `satisfies Record<ErrorCode, string>` (ErrorCode imported as a type from main/http), so a
// code the server adds without a message here, in either language, fails the type-check.
// This test checks the other half: each of them reaches the screen as its own message.
function declaredCodes(): string[] {
  return [...KNOWN_ERROR_CODES].filter((code) => code !== 'NETWORK');
}

describe('error messages: every code the API declares has one, in every language', () => {
  const codes = declaredCodes();
  afterAll(() => i18n.changeLanguage('es'));

  it('covers the codes added with the trustworthy core', () => {
    expect(codes.length).toBeGreaterThan(40);
    for (const code of [
      'AI_KEY_OTHER_ENDPOINT',
      'DISK_FULL',
      'CROSS_SITE_REQUEST',
      'INVALID_REQUEST_TARGET',
      'BACKUP_WRONG_KEY',
      'BACKUP_NOT_A_BACKUP',
      'INTERNAL',
    ]) {
      expect(codes).toContain(code);
    }
  });

  for (const lang of ['es', 'en'] as const) {
    it(`${lang}: no declared code falls back to "unknown"`, async () => {
      await i18n.changeLanguage(lang);
      const t = i18n.t.bind(i18n) as Parameters<typeof errorMessage>[0];
      const unknown = (code: string) => t('errors.unknown', { code });
      const missing = codes.filter((code) => {
        const shown = errorMessage(t, new ApiError(400, code, 'server text'));
        return shown === unknown(code) || shown === `errors.${code}` || shown.trim() === '';
      });
      expect(missing).toEqual([]);
      // Its own message, not the fallback language's.
      expect(
        codes.filter((code) => typeof i18n.getResource(lang, 'translation', `errors.${code}`) !== 'string'),
      ).toEqual([]);
    });
  }

  it('names the new codes in plain Spanish', async () => {
    await i18n.changeLanguage('es');
    const t = i18n.t.bind(i18n) as Parameters<typeof errorMessage>[0];
    expect(errorMessage(t, new ApiError(507, 'DISK_FULL', ''))).toMatch(/No queda espacio en el disco/);
    expect(errorMessage(t, new ApiError(403, 'BACKUP_WRONG_KEY', ''))).toMatch(
      /código de recuperación no abre esta copia/,
    );
    expect(errorMessage(t, new ApiError(0, 'NETWORK', 'fetch failed'))).toMatch(/No pudimos comunicarnos con Recepta/);
    // A code the renderer does not know yet still says something useful.
    expect(errorMessage(t, new ApiError(500, 'SOMETHING_NEW', ''))).toBe(
      'Algo salió mal (SOMETHING_NEW). Probá de nuevo.',
    );
  });
});
