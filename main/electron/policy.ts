// Every decision the desktop shell makes that does not need Electron to make it: what
// the window may do, where it may go, which links leave for the system browser, which
// permissions a page gets. Pure functions, no `electron` import, so tests run them under
// plain Node (importing the real `electron` module there would try to download it).

/** The subset of Electron's `WebPreferences` we set; structurally checked where it is used. */
export interface SecureWebPreferences {
  preload: string;
  sandbox: true;
  contextIsolation: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: boolean;
  devTools: boolean;
}

/**
 * The window's web preferences. The renderer is an ordinary web page: sandboxed, with
 * no Node, isolated from the preload, and it gets only what the preload exposes.
 * DevTools are for development builds only.
 */
export function webPreferencesFor(preloadPath: string, opts: { devTools?: boolean } = {}): SecureWebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Dropping a file on the window must not navigate it to file://.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
    devTools: opts.devTools ?? false,
  };
}

/**
 * The only places a link in the app may open, in the system browser. Exact host names,
 * https only, default port, no user:password@ part. Each entry is here because the UI
 * links to it; add a host only together with the link that needs it.
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'wa.me', // "open this chat in WhatsApp" links (wa.me/<number>)
  'whatsapp.com', // WhatsApp's own pages about linked devices
  'www.whatsapp.com',
  'faq.whatsapp.com', // help articles on linking a device and on bans
  'platform.openai.com', // where a clinic creates its API key and checks its usage
  'github.com', // Recepta's documentation and issue tracker
]);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** May this URL be handed to the system browser (`shell.openExternal`)? */
export function isAllowedExternalUrl(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol !== 'https:') return false;
  // `https://wa.me@evil.example` parses to host evil.example; `https://x@wa.me` is a
  // phishing shape. No legitimate link of ours carries credentials, so none may.
  if (u.username !== '' || u.password !== '') return false;
  if (u.port !== '') return false;
  return EXTERNAL_HOSTS.has(u.hostname);
}

/**
 * Is this URL a page of the app itself: same scheme, host and port as the local API
 * the window was opened on? Anything else (another port on 127.0.0.1, `file:`,
 * `blob:`, `data:`, `javascript:`) is not.
 */
export function isAppUrl(url: string, apiBase: string): boolean {
  const u = parse(url);
  const base = parse(apiBase);
  if (!u || !base) return false;
  if (u.username !== '' || u.password !== '') return false;
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.protocol === base.protocol && u.host === base.host;
}

/** What to do with a navigation or a `window.open` that is not the app's own page. */
export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** In-app navigation stays in the window; allow-listed links go to the browser; the rest goes nowhere. */
export function navigationDecision(url: string, apiBase: string): NavigationDecision {
  if (isAppUrl(url, apiBase)) return 'allow';
  return isAllowedExternalUrl(url) ? 'open-external' : 'deny';
}

/** A new window is never opened: allow-listed links go to the browser, everything else is dropped. */
export function windowOpenDecision(url: string): Exclude<NavigationDecision, 'allow'> {
  return isAllowedExternalUrl(url) ? 'open-external' : 'deny';
}

/**
 * Permissions the app's own page may have. Everything is denied — camera, microphone,
 * geolocation, `openExternal` for custom protocols — except writing to the clipboard
 * (the Channels page's "copy webhook URL" button) and notifications (Electron shows the
 * page's web notifications as native ones: "a chat needs a person"). Nothing is
 * granted to any other origin.
 */
const GRANTED_TO_APP: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'notifications']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, apiBase: string): boolean {
  if (!GRANTED_TO_APP.has(permission)) return false;
  return requestingUrl !== undefined && isAppUrl(requestingUrl, apiBase);
}

/** Device pickers (USB, HID, serial, Bluetooth): always no. */
export function denyAllPermissions(): false {
  return false;
}

export type ResponseHeaders = Record<string, string[] | string>;

/**
 * Adds our Content-Security-Policy to a response's headers. Policies already present are
 * kept: the browser enforces every policy it receives, so adding one can only tighten.
 */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let cspKey = 'Content-Security-Policy';
  for (const [key, value] of Object.entries(headers ?? {})) {
    out[key] = Array.isArray(value) ? [...value] : [value];
    if (key.toLowerCase() === 'content-security-policy') cspKey = key;
  }
  const policies = out[cspKey] ?? [];
  if (!policies.includes(csp)) policies.push(csp);
  out[cspKey] = policies;
  return out;
}

/**
 * Who gets the session token over IPC: the main frame of our own window, nobody else
 * (another window, a subframe). The frame's URL is deliberately not consulted: while
 * the preload runs, the browser side may not have seen the navigation commit yet, and
 * the window cannot leave the app's origin anyway (`will-navigate` is confined).
 */
export function mayReceiveSession(
  sender: { webContentsId: number; isMainFrame: boolean },
  windowWebContentsId: number | null,
): boolean {
  return windowWebContentsId !== null && sender.webContentsId === windowWebContentsId && sender.isMainFrame;
}

const PROVIDER_LABELS: Record<string, string> = {
  baileys: 'WhatsApp',
  whatsapp: 'WhatsApp',
  ycloud: 'YCloud',
  chatwoot: 'Chatwoot',
  evolution: 'Evolution',
};

const STATE_LABELS: Record<string, string> = {
  connected: 'conectado',
  connecting: 'conectando…',
  linking: 'esperando vinculación',
  disconnected: 'desconectado',
  error: 'con error',
};

/**
 * The tray's status line, from each provider's state. The simulator is always up and
 * says nothing about whether patients can reach the clinic, so it is left out.
 */
export function channelStatusLine(states: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  for (const [provider, state] of states) {
    if (provider === 'simulator') continue;
    parts.push(`${PROVIDER_LABELS[provider] ?? provider}: ${STATE_LABELS[state] ?? state}`);
  }
  return parts.length ? parts.join(' · ') : 'Ningún canal conectado todavía';
}

/** Does any channel need attention (the tray shows it)? */
export function channelsNeedAttention(states: ReadonlyMap<string, string>): boolean {
  for (const [provider, state] of states) if (provider !== 'simulator' && state === 'error') return true;
  return false;
}
