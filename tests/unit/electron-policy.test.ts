// The desktop shell's pure decisions. Never imports `electron` (the real module would
// try to download its binary); policy.ts is written so that it does not need to.
import { describe, expect, it } from 'vitest';
import {
  EXTERNAL_HOSTS,
  channelStatusLine,
  channelsNeedAttention,
  denyAllPermissions,
  isAllowedExternalUrl,
  isAppUrl,
  isPermissionAllowed,
  mayReceiveSession,
  navigationDecision,
  webPreferencesFor,
  windowOpenDecision,
  withContentSecurityPolicy,
} from '../../main/electron/policy.js';

const API = 'http://127.0.0.1:4870';

describe('webPreferencesFor', () => {
  const prefs = webPreferencesFor('/app/dist/preload/index.cjs');

  it('sandboxes the page, isolates the preload and gives the page no Node', () => {
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
  });

  it('keeps DevTools off unless asked (development builds only)', () => {
    expect(prefs.devTools).toBe(false);
    expect(webPreferencesFor('/p.cjs', { devTools: true }).devTools).toBe(true);
    expect(webPreferencesFor('/p.cjs', { devTools: true }).sandbox).toBe(true);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://wa.me/34600111222',
    'https://wa.me/34600111222?text=Hola',
    'https://faq.whatsapp.com/1234',
    'https://www.whatsapp.com/',
    'https://platform.openai.com/api-keys',
    'https://github.com/recepta/recepta#readme',
    'HTTPS://WA.ME/34600111222', // scheme and host are case-insensitive
  ])('lets %s open in the browser', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['a look-alike host', 'https://wa.me.evil.com/34600111222'],
    ['a host that ends like ours', 'https://evilwa.me/'],
    ['a subdomain we did not list', 'https://evil.github.com/'],
    ['credentials in front of another host', 'https://wa.me@evil.com/'],
    ['credentials in front of our host', 'https://evil.com@wa.me/'],
    ['user and password', 'https://user:pass@github.com/'],
    ['backslash tricks', 'https:\\\\evil.com\\@wa.me'],
    ['a downgrade to http', 'http://wa.me/34600111222'],
    ['a non-default port', 'https://wa.me:8443/'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: dressed up', 'javascript://wa.me/%0Aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a custom protocol', 'whatsapp://send?phone=34600111222'],
    ['smb share', 'smb://wa.me/share'],
    ['a homoglyph host', 'https://wа.me/'], // Cyrillic а
    ['a trailing-dot host', 'https://wa.me./'],
    ['not a URL', 'wa.me/34600111222'],
    ['empty', ''],
  ])('refuses %s', (_what, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('keeps the allow-list short: exact host names, no wildcards', () => {
    expect(EXTERNAL_HOSTS.size).toBeLessThanOrEqual(8);
    for (const host of EXTERNAL_HOSTS) expect(host).toMatch(/^[a-z0-9.-]+$/);
  });
});

describe('isAppUrl', () => {
  it.each([`${API}/`, `${API}/agenda?x=1#top`, `${API}/api/health`, 'http://127.0.0.1:4870'])('accepts %s', (url) => {
    expect(isAppUrl(url, API)).toBe(true);
  });

  it.each([
    ['another port on loopback', 'http://127.0.0.1:4871/'],
    ['https instead of http', 'https://127.0.0.1:4870/'],
    ['localhost (another origin)', 'http://localhost:4870/'],
    ['the default port', 'http://127.0.0.1/'],
    ['credentials', 'http://user@127.0.0.1:4870/'],
    ['a blob of our origin', `blob:${API}/4b1c0a7e`],
    ['file:', 'file:///work/dist/renderer/index.html'],
    ['javascript:', 'javascript:alert(1)'],
    ['about:blank', 'about:blank'],
    ['a prefix lookalike', 'http://127.0.0.1:48700/'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_what, url) => {
    expect(isAppUrl(url, API)).toBe(false);
  });

  it('refuses everything when the base itself is not a URL', () => {
    expect(isAppUrl(`${API}/`, '')).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('keeps app pages in the window, sends allow-listed links to the browser, drops the rest', () => {
    expect(navigationDecision(`${API}/inbox`, API)).toBe('allow');
    expect(navigationDecision('https://wa.me/34600111222', API)).toBe('open-external');
    expect(navigationDecision('https://evil.example/', API)).toBe('deny');
    expect(navigationDecision('file:///etc/passwd', API)).toBe('deny');
  });

  it('never opens a window, not even on the app itself', () => {
    expect(windowOpenDecision(`${API}/`)).toBe('deny');
    expect(windowOpenDecision('https://faq.whatsapp.com/1')).toBe('open-external');
    expect(windowOpenDecision('http://faq.whatsapp.com/1')).toBe('deny');
  });
});

describe('permissions', () => {
  it.each([
    'media',
    'geolocation',
    'openExternal',
    'clipboard-read',
    'display-capture',
    'hid',
    'usb',
    'serial',
    'midiSysex',
    'unknown',
  ])('denies %s, even to the app', (permission) => {
    expect(isPermissionAllowed(permission, `${API}/`, API)).toBe(false);
  });

  it('lets only the app write to the clipboard (the copy buttons)', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', `${API}/canales`, API)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', API)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, API)).toBe(false);
    expect(isPermissionAllowed('notifications', `${API}/conversaciones`, API)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example/', API)).toBe(false);
  });

  it('denies every device', () => {
    expect(denyAllPermissions()).toBe(false);
  });
});

describe('withContentSecurityPolicy', () => {
  const CSP = "default-src 'self'";

  it('adds the policy to a response that has none', () => {
    expect(withContentSecurityPolicy({ 'content-type': ['text/html'] }, CSP)).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': [CSP],
    });
    expect(withContentSecurityPolicy(undefined, CSP)).toEqual({ 'Content-Security-Policy': [CSP] });
  });

  it('keeps a policy already sent (whatever its case) and does not repeat ours', () => {
    expect(withContentSecurityPolicy({ 'content-security-policy': [CSP] }, CSP)).toEqual({
      'content-security-policy': [CSP],
    });
    expect(withContentSecurityPolicy({ 'Content-Security-Policy': "script-src 'none'" }, CSP)).toEqual({
      'Content-Security-Policy': ["script-src 'none'", CSP],
    });
  });
});

describe('mayReceiveSession', () => {
  it("answers only our window's main frame", () => {
    expect(mayReceiveSession({ webContentsId: 7, isMainFrame: true }, 7)).toBe(true);
    expect(mayReceiveSession({ webContentsId: 7, isMainFrame: false }, 7)).toBe(false);
    expect(mayReceiveSession({ webContentsId: 8, isMainFrame: true }, 7)).toBe(false);
    expect(mayReceiveSession({ webContentsId: 7, isMainFrame: true }, null)).toBe(false);
  });
});

describe('tray status line', () => {
  it('names each real channel and its state, leaving the simulator out', () => {
    const states = new Map([
      ['simulator', 'connected'],
      ['baileys', 'connected'],
      ['chatwoot', 'error'],
    ]);
    expect(channelStatusLine(states)).toBe('WhatsApp: conectado · Chatwoot: con error');
    expect(channelsNeedAttention(states)).toBe(true);
  });

  it('says so when only the simulator is there', () => {
    const states = new Map([['simulator', 'connected']]);
    expect(channelStatusLine(states)).toBe('Ningún canal conectado todavía');
    expect(channelsNeedAttention(new Map([['simulator', 'error']]))).toBe(false);
  });

  it('shows an unknown provider or state as it is', () => {
    expect(channelStatusLine(new Map([['telegram', 'paused']]))).toBe('telegram: paused');
  });
});
