// The desktop shell's entry (package.json "main"). It starts the very same core as
// `npm run serve`, in this process, opens a window on it and keeps a tray icon; quitting
// stops the core in order before the process exits.
//
// Everything up to `app.whenReady()` runs synchronously on purpose: as an ES module
// entry, only code that runs before the first await is guaranteed to run before
// Electron's `ready` (app.setPath and the single-instance lock must).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, dialog, powerMonitor, powerSaveBlocker, session } from 'electron';
import { loadBootConfig, type BootConfig } from '../kernel/config.js';
import { startCore, type RunningCore } from '../app/core.js';
import { paths } from '../kernel/paths.js';
import { outboxDepth } from '../../db/repos/outbox.js';
import { registerSessionHandler } from './ipc.js';
import { createTray, type AppTray } from './tray.js';
import { ChannelStates, alwaysOnDecision, loginItemSettings, startsInTray } from './always-on.js';
import { applyLinuxAutostart, autostartFile, launcherPath } from './linux-autostart.js';
import { startUpdates, type AppUpdates } from './updates.js';
import { createMainWindow, hardenWebContents, secureSession, showWindow } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/main/electron → dist/preload/index.cjs (the compiled preload/index.cts). */
const PRELOAD = path.join(here, '..', '..', 'preload', 'index.cjs');
/** How long the core gets to stop before the process leaves anyway. */
const STOP_TIMEOUT_MS = 15_000;
/** How long an update's installer gets to take the process over before it leaves anyway. */
const INSTALL_TIMEOUT_MS = 15_000;

/** Start-up failures that explain themselves: shown in a dialog without a stack. */
const KNOWN_START_ERRORS = new Set([
  'DATABASE_TOO_NEW',
  'DATABASE_DAMAGED',
  'DATA_DIR_IN_USE',
  'EADDRINUSE',
  'CONFIG_INVALID',
]);

/** Tells the person at the desk (dialog) and the terminal (stderr) why Recepta cannot run, then leaves. */
function fail(error: unknown): void {
  const code = (error as { code?: string } | null)?.code;
  const known = code !== undefined && KNOWN_START_ERRORS.has(code);
  const message = error instanceof Error ? error.message : String(error);
  console.error('Recepta could not start:', known ? message : error);
  dialog.showErrorBox('Recepta no pudo iniciar', known ? message : `Error inesperado: ${message}`);
  app.exit(1);
}

function bootConfig(): BootConfig | null {
  try {
    // Same loader as the headless CLI; logs go to the data folder only (there is no terminal to read them).
    const argv = process.argv.slice(app.isPackaged ? 1 : 2);
    return { ...loadBootConfig(process.env, argv), logToStdout: false };
  } catch (error) {
    fail(error);
    return null;
  }
}

const config = bootConfig();
if (config) {
  app.setName('Recepta');
  if (process.platform === 'win32') app.setAppUserModelId('app.recepta.desktop');
  // Chromium's profile (cache, local storage) lives beside the data it belongs to, not
  // mixed into it: the OS default for an app named Recepta is the data folder itself.
  // One profile per data folder also makes the single-instance lock per data folder,
  // like the core's own lock.
  app.setPath('userData', path.join(config.dataDir, 'electron'));

  if (!app.requestSingleInstanceLock()) {
    // Another Recepta owns this data folder; it has been asked to show its window.
    console.error('Recepta is already running; its window has been brought to the front.');
    app.quit();
  } else {
    runShell(config);
  }
}

function runShell(config: BootConfig): void {
  let core: RunningCore | null = null;
  let starting: Promise<unknown> = Promise.resolve();
  let window: BrowserWindow | null = null;
  let windowContentsId: number | null = null;
  let tray: AppTray | null = null;
  let unregisterIpc: (() => void) | null = null;
  let updates: AppUpdates | null = null;
  /** Why the app is quitting: an OS shutdown is no moment to run an installer. */
  let quitTrigger: 'quit' | 'os-shutdown' = 'quit';
  let phase: 'running' | 'stopping' | 'stopped' = 'running';

  const open = () => {
    if (window) showWindow(window);
  };

  app.on('second-instance', open);
  app.on('activate', open);
  // The window hides instead of closing; the assistant keeps answering from the tray.
  app.on('window-all-closed', () => undefined);

  async function shutdown(): Promise<number> {
    updates?.stop();
    tray?.destroy();
    unregisterIpc?.();
    if (window && !window.isDestroyed()) window.destroy();
    await starting.catch(() => undefined); // a quit during start-up stops the core once it is up
    if (!core) return 0;
    const running = core;
    running.log.info({ module: 'electron' }, 'stopping');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([running.stop().then(() => 'stopped' as const), timeout]);
      if (result === 'timeout') {
        console.error(`Recepta did not stop within ${STOP_TIMEOUT_MS / 1000} s; leaving anyway.`);
        return 1;
      }
      return 0;
    } catch (error) {
      console.error('Recepta did not stop cleanly:', error instanceof Error ? error.message : error);
      return 1;
    } finally {
      clearTimeout(timer);
    }
  }

  // Quitting (tray, Cmd+Q, a signal, OS shutdown) waits for the core to stop in order,
  // then leaves with app.exit, which does not come back here — or hands over to a
  // downloaded update's installer, whose own quit must then go through.
  app.on('before-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase !== 'running') return;
    phase = 'stopping';
    void shutdown().then((code) => {
      phase = 'stopped';
      if (code === 0 && updates?.takeOverExit(quitTrigger)) {
        setTimeout(() => app.exit(0), INSTALL_TIMEOUT_MS);
        return;
      }
      app.exit(code);
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  /**
   * "Siempre encendido" (always-on.ts): the login item follows `desktop.openAtLogin`, and a
   * power-save blocker is held while `desktop.keepAwake` is on and a channel is connected.
   */
  function keepAlwaysOn(running: RunningCore): void {
    const states = new ChannelStates();
    states.set(running.whatsapp.apiName, running.whatsapp.status().state);
    let blocker: number | null = null;
    const apply = () => {
      const settings = core?.settings ?? running.settings;
      const decision = alwaysOnDecision(
        {
          'desktop.openAtLogin': settings.get('desktop.openAtLogin'),
          'desktop.keepAwake': settings.get('desktop.keepAwake'),
        },
        states.list(),
      );
      // A development build would register the bare Electron binary: only the installed app is a login item.
      if (app.isPackaged && process.platform === 'linux') {
        const file = autostartFile(process.env, app.getPath('home'));
        applyLinuxAutostart(decision.openAtLogin, file, launcherPath(process.env, process.execPath)).catch(
          (error: unknown) => running.log.warn({ err: error }, 'could not update the autostart entry'),
        );
      } else if (app.isPackaged) app.setLoginItemSettings(loginItemSettings(decision));
      if (decision.keepAwake && blocker === null) blocker = powerSaveBlocker.start('prevent-app-suspension');
      if (!decision.keepAwake && blocker !== null) {
        powerSaveBlocker.stop(blocker);
        blocker = null;
      }
    };
    running.events.subscribe((event) => {
      if (event.type === 'channel.status') {
        states.set(event.data.provider, event.data.state);
        apply();
      } else if (event.type === 'settings.updated' && event.data.keys.some((k) => k.startsWith('desktop.'))) {
        apply();
      }
    });
    apply();
  }

  async function start(): Promise<void> {
    const launching = startCore({ config });
    starting = launching;
    core = await launching;
    if (phase !== 'running') return; // quit was asked while starting; shutdown stops the core

    const running = core;
    const log = running.log.child({ module: 'electron' });
    const apiBase = running.apiUrl;
    secureSession(session.defaultSession, apiBase);
    app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
    unregisterIpc = registerSessionHandler({ apiBase, token: config.token }, () => windowContentsId);

    const iconDir = path.join(paths(config.dataDir).resources, 'icons');
    window = createMainWindow({
      apiBase,
      preloadPath: PRELOAD,
      iconPath: path.join(iconDir, 'icon.png'),
      devTools: !app.isPackaged,
      log,
      startInTray: startsInTray(process.argv, app.getLoginItemSettings()),
    });
    windowContentsId = window.webContents.id;
    window.on('close', (event) => {
      if (phase === 'running') {
        event.preventDefault();
        window?.hide();
      }
    });

    tray = createTray({
      iconDir,
      events: running.events,
      loadStates: async () => {
        const res = await fetch(`${apiBase}/api/health`, { headers: { authorization: `Bearer ${config.token}` } });
        if (!res.ok) throw new Error(`health answered ${res.status}`);
        return ((await res.json()) as { channels: Array<{ provider: string; state: string }> }).channels;
      },
      onOpen: open,
      onQuit: () => app.quit(),
      onCheckUpdates: () => updates?.check(),
      onInstallUpdate: () => updates?.installNow(),
      log,
    });
    keepAlwaysOn(running);
    updates = startUpdates({
      events: running.events,
      sendsInFlight: () => outboxDepth(running.db),
      log: log.child({ module: 'updates' }),
      onState: (state) => tray?.setUpdateState(state),
      requestQuit: () => app.quit(),
    });

    // Linux and macOS announce a shutdown or reboot; the handler may delay it until the
    // core has stopped (Electron's typings omit the event argument its docs describe).
    powerMonitor.on('shutdown', (...args: unknown[]) => {
      (args[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
      quitTrigger = 'os-shutdown';
      app.quit();
    });

    log.info({ api: apiBase, webhooks: running.webhookUrl }, 'desktop shell ready');
    // No token here: the window has it; a terminal, if there is one, does not need it.
    process.stdout.write(
      `Recepta desktop ready: ${apiBase} (webhooks on ${running.webhookUrl.replace('http://', '')})\n`,
    );
  }

  app
    .whenReady()
    .then(start)
    .catch(async (error: unknown) => {
      if (phase !== 'running') return void console.error('Recepta could not start:', error);
      phase = 'stopped';
      // The core may be up while the shell around it failed: stop it before leaving.
      await core?.stop().catch(() => undefined);
      fail(error);
    });
}
