import { afterAll, describe, expect, it } from 'vitest';
// The server's declaration, read as text: the renderer never imports main/ code at run time.
import serverErrors from '../../../main/http/errors.ts?raw';
import { ApiError } from '../api/client';
import { i18n } from '../i18n';
import { errorMessage } from './errors';

/** The members of `export type ErrorCode = | 'A' | 'B' …;` in main/http/errors.ts. */
function declaredCodes(): string[] {
  const block = /export type ErrorCode =([\s\S]*?);/.exec(serverErrors)?.[1] ?? '';
  return [...block.matchAll(/\|\s*'([A-Z_]+)'/g)].map((m) => m[1]!);
}

describe('error messages: every code the API declares has one, in every language', () => {
  const codes = declaredCodes();
  afterAll(() => i18n.changeLanguage('es'));

  it('reads the declaration (the parse itself is not silently empty)', () => {
    expect(codes.length).toBeGreaterThan(40);
    for (const code of ['AI_KEY_OTHER_ENDPOINT', 'DISK_FULL', 'CROSS_SITE_REQUEST', 'INVALID_REQUEST_TARGET', 'BACKUP_WRONG_KEY', 'BACKUP_NOT_A_BACKUP', 'INTERNAL']) {
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
      expect(codes.filter((code) => typeof i18n.getResource(lang, 'translation', `errors.${code}`) !== 'string')).toEqual([]);
    });
  }

  it('names the new codes in plain Spanish', async () => {
    await i18n.changeLanguage('es');
    const t = i18n.t.bind(i18n) as Parameters<typeof errorMessage>[0];
    expect(errorMessage(t, new ApiError(507, 'DISK_FULL', ''))).toMatch(/No queda espacio en el disco/);
    expect(errorMessage(t, new ApiError(403, 'BACKUP_WRONG_KEY', ''))).toMatch(/código de recuperación no abre esta copia/);
    expect(errorMessage(t, new ApiError(0, 'NETWORK', 'fetch failed'))).toMatch(/No pudimos comunicarnos con Recepta/);
    // A code the renderer does not know yet still says something useful.
    expect(errorMessage(t, new ApiError(500, 'SOMETHING_NEW', ''))).toBe('Algo salió mal (SOMETHING_NEW). Probá de nuevo.');
  });
});
