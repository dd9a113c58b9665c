// The app window: a sandboxed page on the local API, confined to the app's origin.
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../kernel/logger.js';
import { CONTENT_SECURITY_POLICY } from '../http/guards.js';
import {
  denyAllPermissions,
  isPermissionAllowed,
  navigationDecision,
  webPreferencesFor,
  windowOpenDecision,
  withContentSecurityPolicy,
} from './policy.js';

export interface MainWindowOptions {
  /** Start with no window shown (only the tray): see always-on.ts `startsInTray`. */
  startInTray?: boolean;
  apiBase: string;
  preloadPath: string;
  iconPath: string;
  devTools: boolean;
  log: Logger;
}

/** Opens an allow-listed link in the system browser; a failure is logged, never thrown into an event handler. */
function openExternal(url: string, log: Logger): void {
  shell.openExternal(url).catch((error: unknown) => log.warn({ err: error }, 'could not open a link in the browser'));
}

/**
 * Session-wide rules, set once before the window loads anything: every permission
 * request and check goes through the policy (deny by default), device pickers are
 * refused, and every response carries our Content-Security-Policy even if a future
 * route forgets to send it.
 */
export function secureSession(ses: Session, apiBase: string): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, apiBase));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, apiBase),
  );
  ses.setDevicePermissionHandler(denyAllPermissions);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, CONTENT_SECURITY_POLICY) });
  });
}

/**
 * Rules for any web contents the app ever creates (the window, DevTools, anything a
 * future change adds): no <webview>, no new windows — allow-listed links go to the
 * system browser instead.
 */
export function hardenWebContents(contents: WebContents, log: Logger): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (windowOpenDecision(url) === 'open-external') openExternal(url, log);
    else log.warn({ module: 'electron' }, 'blocked a new window');
    return { action: 'deny' };
  });
}

/** Keeps the window on the app: navigations elsewhere are stopped (allow-listed links open in the browser). */
function confineNavigation(contents: WebContents, apiBase: string, log: Logger): void {
  contents.on('will-frame-navigate', (event) => {
    const decision = navigationDecision(event.url, apiBase);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external' && event.isMainFrame) openExternal(event.url, log);
    else log.warn({ module: 'electron' }, 'blocked a navigation away from the app');
  });
  contents.on('will-redirect', (event) => {
    if (navigationDecision(event.url, apiBase) !== 'allow') {
      event.preventDefault();
      log.warn({ module: 'electron' }, 'blocked a redirect away from the app');
    }
  });
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Recepta',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    icon: opts.iconPath,
    autoHideMenuBar: true,
    webPreferences: webPreferencesFor(opts.preloadPath, { devTools: opts.devTools }),
  });
  confineNavigation(window.webContents, opts.apiBase, opts.log);
  // Started by the login item: the assistant answers from the tray, the window opens when asked.
  if (!opts.startInTray) window.once('ready-to-show', () => window.show());
  // A crashed page reloads by itself a few times: the front desk should not need a restart.
  let reloads = 0;
  window.webContents.on('render-process-gone', (_event, details) => {
    const retry = details.reason !== 'clean-exit' && reloads < 3 && !window.isDestroyed();
    opts.log.error({ module: 'electron', reason: details.reason, retry }, "the window's page stopped");
    if (!retry) return;
    reloads += 1;
    window
      .loadURL(`${opts.apiBase}/`)
      .catch((error: unknown) => opts.log.error({ err: error }, 'the window could not reload the app'));
  });
  // No token in this URL: the window gets it from the preload, so it never sits in history.
  window
    .loadURL(`${opts.apiBase}/`)
    .catch((error: unknown) => opts.log.error({ err: error }, 'the window could not load the app'));
  return window;
}

/** Brings the window to the front (a second launch, the tray, the dock). */
export function showWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
