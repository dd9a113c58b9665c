// Where the session token comes from: the Electron preload (window.recepta), or the
// one-time `?token=` link the core prints. The token is kept in sessionStorage (this
// tab only) and removed from the address bar at once, so it does not linger in the
// history, a bookmark or a screenshot.

export interface Session {
  /** '' in a browser (same origin as the UI), or the preload's API base URL. */
  apiBase: string;
  token: string;
}

declare global {
  interface Window {
    recepta?: { apiBase?: string; token?: string };
  }
}

export const TOKEN_STORAGE_KEY = 'recepta.token';

function storageGet(win: Window): string | null {
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

function storageSet(win: Window, token: string): void {
  try {
    win.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    /* private mode without storage: the token lives only in memory for this load */
  }
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** Finds the session for this page load; strips a `?token=` from the address bar. */
export function bootstrapSession(win: Window = window): Session | null {
  const bridge = win.recepta;
  if (bridge?.token) return { apiBase: trimSlash(bridge.apiBase ?? ''), token: bridge.token };

  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token')?.trim() || null;
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    const clean = url.pathname + (url.searchParams.size ? `?${url.searchParams.toString()}` : '') + url.hash;
    win.history.replaceState(win.history.state, '', clean);
  }
  if (fromUrl) {
    storageSet(win, fromUrl);
    return { apiBase: '', token: fromUrl };
  }
  const stored = storageGet(win);
  return stored ? { apiBase: '', token: stored } : null;
}

/** Forgets a token the core no longer accepts (it restarted with a new one). */
export function forgetSession(win: Window = window): void {
  try {
    win.sessionStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    /* ignore */
  }
}
