import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, bootstrapSession, forgetSession } from './session';

describe('bootstrapSession', () => {
  beforeEach(() => {
    sessionStorage.clear();
    delete window.recepta;
  });
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('takes the token from ?token=, keeps it for this tab and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/ajustes?token=abc123secret&x=1#top');
    expect(bootstrapSession()).toEqual({ apiBase: '', token: 'abc123secret' });
    expect(window.location.pathname).toBe('/ajustes');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#top');
    expect(window.location.href).not.toContain('abc123secret');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('abc123secret');
  });

  it('finds the stored token after a reload', () => {
    window.history.replaceState(null, '', '/?token=stored-one');
    bootstrapSession();
    window.history.replaceState(null, '', '/conversaciones');
    expect(bootstrapSession()).toEqual({ apiBase: '', token: 'stored-one' });
  });

  it('prefers the Electron preload bridge and does not store its token', () => {
    window.recepta = { apiBase: 'http://127.0.0.1:4870/', token: 'from-preload' };
    expect(bootstrapSession()).toEqual({ apiBase: 'http://127.0.0.1:4870', token: 'from-preload' });
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('returns null without any token, and an empty ?token= is still stripped', () => {
    window.history.replaceState(null, '', '/?token=');
    expect(bootstrapSession()).toBeNull();
    expect(window.location.search).toBe('');
  });

  it('forgets a rejected token', () => {
    window.history.replaceState(null, '', '/?token=old');
    bootstrapSession();
    forgetSession();
    expect(bootstrapSession()).toBeNull();
  });
});
