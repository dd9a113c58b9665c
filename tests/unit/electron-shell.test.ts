// The desktop shell's wiring, run against a stand-in for `electron` (the real module
// cannot load under plain Node: it would try to download the Electron binary) and a
// stand-in core on a free port. It checks what the shell does with Electron's APIs — the
// window's preferences and URL, the IPC answer, link and permission handling, the
// tray, hide-on-close, a second launch, and an ordered stop on quit — not Electron.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

type Handler = (...args: any[]) => any;

const fake = vi.hoisted(() => {
  // vi.hoisted runs before any import, so the stand-in brings its own tiny emitter.
  class EventEmitter {
    private listeners = new Map<string, Handler[]>();
    on(name: string, fn: Handler) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Handler) {
      const wrapped: Handler = (...args) => {
        this.off(name, wrapped);
        fn(...args);
      };
      return this.on(name, wrapped);
    }
    off(name: string, fn: Handler) {
      this.listeners.set(
        name,
        (this.listeners.get(name) ?? []).filter((l) => l !== fn),
      );
      return this;
    }
    emit(name: string, ...args: unknown[]) {
      const ls = this.listeners.get(name) ?? [];
      for (const l of ls) l(...args);
      return ls.length > 0;
    }
    listenerCount(name: string) {
      return (this.listeners.get(name) ?? []).length;
    }
  }
  const calls: Array<[string, ...unknown[]]> = [];
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    lockGranted: true,
    exitCode: undefined as number | undefined,
    setName: (n: string) => calls.push(['setName', n]),
    setAppUserModelId: (id: string) => calls.push(['setAppUserModelId', id]),
    setPath: (k: string, v: string) => calls.push(['setPath', k, v]),
    getLoginItemSettings: () => ({ wasOpenedAtLogin: false }),
    setLoginItemSettings: (s: unknown) => calls.push(['setLoginItemSettings', s]),
    requestSingleInstanceLock: () => app.lockGranted,
    whenReady: () => ready,
    quit: () => {
      calls.push(['quit']);
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      app.emit('before-quit', event);
    },
    exit: (code: number) => {
      calls.push(['exit', code]);
      app.exitCode = code;
    },
  });
  let nextId = 1;
  const windows: any[] = [];
  class WebContents extends EventEmitter {
    id = nextId++;
    windowOpenHandler: Handler | null = null;
    setWindowOpenHandler(h: Handler) {
      this.windowOpenHandler = h;
    }
  }
  class BrowserWindow extends EventEmitter {
    webContents = new WebContents();
    options: any;
    loaded: string[] = [];
    visible = false;
    destroyed = false;
    focused = 0;
    constructor(options: any) {
      super();
      this.options = options;
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
    }
    focus() {
      this.focused += 1;
    }
    destroy() {
      this.destroyed = true;
    }
    close() {
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      this.emit('close', event);
      if (!event.defaultPrevented) this.destroyed = true;
    }
  }
  const sessionHandlers: Record<string, Handler> = {};
  const defaultSession = {
    setPermissionRequestHandler: (h: Handler) => (sessionHandlers.request = h),
    setPermissionCheckHandler: (h: Handler) => (sessionHandlers.check = h),
    setDevicePermissionHandler: (h: Handler) => (sessionHandlers.device = h),
    webRequest: { onHeadersReceived: (h: Handler) => (sessionHandlers.headers = h) },
  };
  const trays: any[] = [];
  class Tray extends EventEmitter {
    image: any;
    tooltip = '';
    menu: any[] = [];
    destroyed = false;
    constructor(image: any) {
      super();
      this.image = image;
      trays.push(this);
    }
    setToolTip(t: string) {
      this.tooltip = t;
    }
    setImage(i: any) {
      this.image = i;
    }
    setContextMenu(m: any[]) {
      this.menu = m;
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return {
    core: null as null | { events: { emit(type: string, data: unknown): void } },
    calls,
    readyResolve: () => readyResolve(),
    app,
    windows,
    trays,
    sessionHandlers,
    opened: [] as string[],
    dialogs: [] as string[],
    electron: {
      app,
      BrowserWindow,
      Tray,
      Menu: { buildFromTemplate: (template: any[]) => template },
      nativeImage: { createFromPath: (p: string) => ({ path: p, setTemplateImage() {} }) },
      session: { defaultSession },
      ipcMain: new EventEmitter(),
      powerMonitor: new EventEmitter(),
      powerSaveBlocker: {
        start: (type: string) => calls.push(['powerSaveBlocker.start', type]) && 7,
        stop: (id: number) => calls.push(['powerSaveBlocker.stop', id]),
      },
      dialog: { showErrorBox: (title: string, _body: string) => void title },
      shell: { openExternal: async (url: string) => void url },
    },
  };
});

// A stand-in core: real events, a loopback API that answers /api/health with the
// bearer check, and a stop() that records when it ran. The real core has its own tests;
// this file is about what the shell does around it.
vi.mock('../../main/app/core.js', async () => {
  const http = await import('node:http');
  const { AppEvents } = await import('../../main/http/app-events.js');
  const { silentLogger } = await import('../../main/kernel/logger.js');
  return {
    startCore: async (options: { config: { token: string; logToStdout: boolean; dataDir: string } }) => {
      fake.calls.push(['startCore', options.config.logToStdout, options.config.dataDir]);
      const server = http.createServer((req, res) => {
        const ok = req.url === '/api/health' && req.headers.authorization === `Bearer ${options.config.token}`;
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            ok ? { ok: true, version: '0', channels: [{ provider: 'simulator', state: 'connected' }] } : {},
          ),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      const core = {
        apiUrl: `http://127.0.0.1:${port}`,
        webhookUrl: 'http://127.0.0.1:1',
        log: silentLogger(),
        events: new AppEvents(),
        settings: { get: (key: string) => ({ 'desktop.openAtLogin': true, 'desktop.keepAwake': true })[key] },
        whatsapp: { apiName: 'whatsapp', status: () => ({ state: 'disconnected' }) },
        stop: async () => {
          fake.calls.push(['core.stop']);
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
          fake.calls.push(['core.stopped']);
        },
      };
      fake.core = core;
      return core;
    },
  };
});

vi.mock('electron', () => {
  fake.electron.shell.openExternal = async (url: string) => void fake.opened.push(url);
  fake.electron.dialog.showErrorBox = (title: string, body: string) => void fake.dialogs.push(`${title}: ${body}`);
  return { ...fake.electron, default: fake.electron };
});

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-shell-'));
const savedEnv = { ...process.env };
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

async function until<T>(what: string, probe: () => T | undefined | null | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const menuLabels = () => (fake.trays[0]?.menu ?? []).map((item: any) => item.label).filter(Boolean);

describe('desktop shell (electron stood in for)', () => {
  let apiBase = '';
  const token = 'shell-test-token-0123456789';

  beforeAll(async () => {
    Object.assign(process.env, {
      RECEPTA_DATA_DIR: dataDir,
      RECEPTA_API_PORT: '0',
      RECEPTA_WEBHOOK_PORT: '0',
      RECEPTA_TOKEN: token,
      RECEPTA_LOG_LEVEL: 'warn',
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await import('../../main/electron/main.js');
    fake.readyResolve();
    const window = await until('the window', () => fake.windows[0]);
    apiBase = window.loaded[0].replace(/\/$/, '');
  });

  afterAll(() => {
    vi.restoreAllMocks();
    process.env = savedEnv;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const l of process.listeners(signal)) if (!signalListeners[signal].includes(l)) process.off(signal, l);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps its Chromium profile in a subfolder of the data folder, before ready', () => {
    expect(fake.calls).toContainEqual(['setPath', 'userData', path.join(dataDir, 'electron')]);
    expect(fake.calls).toContainEqual(['setName', 'Recepta']);
    const setPath = fake.calls.findIndex((c) => c[0] === 'setPath');
    const start = fake.calls.findIndex((c) => c[0] === 'startCore');
    expect(setPath).toBeLessThan(start);
  });

  it('starts the core in-process with the shared config loader, logs kept off stdout', () => {
    expect(fake.calls).toContainEqual(['startCore', false, dataDir]);
  });

  it('opens one sandboxed window on the API root, with no token in the URL', async () => {
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window.loaded).toEqual([`${apiBase}/`]);
    expect(apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window.options.webPreferences.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(window.options.show).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    const res = await fetch(`${apiBase}/api/health`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });

  it('hands the session to its own window only', () => {
    const [window] = fake.windows;
    const ask = (senderId: number, parent: unknown) => {
      const event: any = { sender: { id: senderId }, senderFrame: { parent }, returnValue: 'unset' };
      fake.electron.ipcMain.emit('recepta:session', event);
      return event.returnValue;
    };
    expect(ask(window.webContents.id, null)).toEqual({ apiBase, token });
    expect(ask(window.webContents.id + 100, null)).toBeNull();
    expect(ask(window.webContents.id, {})).toBeNull(); // a subframe
  });

  it('keeps the window on the app and sends allow-listed links to the browser', () => {
    const contents = fake.windows[0].webContents;
    const navigate = (url: string) => {
      const event = {
        url,
        isMainFrame: true,
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      contents.emit('will-frame-navigate', event);
      return event.defaultPrevented;
    };
    expect(navigate(`${apiBase}/agenda`)).toBe(false);
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('https://wa.me/34600111222')).toBe(true);
    expect(fake.opened).toEqual(['https://wa.me/34600111222']);

    expect(contents.windowOpenHandler({ url: 'https://faq.whatsapp.com/1' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://wa.me/34600111222', 'https://faq.whatsapp.com/1']);

    const webview = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('denies permissions by default and adds the CSP to responses', () => {
    const answers: boolean[] = [];
    fake.sessionHandlers.request!({}, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: `${apiBase}/` });
    fake.sessionHandlers.request!({}, 'clipboard-sanitized-write', (ok: boolean) => answers.push(ok), {
      requestingUrl: `${apiBase}/`,
    });
    expect(answers).toEqual([false, true]);
    expect(fake.sessionHandlers.check!({}, 'geolocation', apiBase, { isMainFrame: true })).toBe(false);
    expect(fake.sessionHandlers.device!({})).toBe(false);
    let headers: any;
    fake.sessionHandlers.headers!(
      { responseHeaders: { 'content-type': ['text/html'] } },
      (r: any) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy'][0]).toContain("default-src 'self'");
  });

  it('shows channel states in the tray and follows channel.status events', async () => {
    await until('the tray status from /api/health', () => menuLabels().includes('Ningún canal conectado todavía'));
    expect(menuLabels()).toEqual([
      'Abrir Recepta',
      'Ningún canal conectado todavía',
      'Buscar actualizaciones',
      'Salir',
    ]);
    fake.core!.events.emit('channel.status', { provider: 'baileys', state: 'error', reason: 'logged out' });
    expect(menuLabels()).toEqual(['Abrir Recepta', 'WhatsApp: con error', 'Buscar actualizaciones', 'Salir']);
    expect(fake.trays[0].tooltip).toBe('Recepta — WhatsApp: con error');
    expect(fake.trays[0].image.path).toMatch(/tray-alert/);
    expect(existsSync(fake.trays[0].image.path)).toBe(true);
    fake.core!.events.emit('channel.status', { provider: 'baileys', state: 'connected' });
    expect(menuLabels()).toEqual(['Abrir Recepta', 'WhatsApp: conectado', 'Buscar actualizaciones', 'Salir']);
    expect(fake.trays[0].image.path).not.toMatch(/tray-alert/);
    expect(existsSync(fake.trays[0].image.path)).toBe(true);
    expect(existsSync(fake.windows[0].options.icon)).toBe(true);
  });

  it('keeps the PC awake while WhatsApp is connected, and lets it sleep once it is not (always-on.ts)', async () => {
    const lastBlockerCall = () => fake.calls.filter((c) => String(c[0]).startsWith('powerSaveBlocker')).at(-1);
    // The tray test above left this channel connected: the blocker is held.
    expect(lastBlockerCall()).toEqual(['powerSaveBlocker.start', 'prevent-app-suspension']);
    fake.core!.events.emit('channel.status', { provider: 'baileys', state: 'disconnected' });
    expect(lastBlockerCall()).toEqual(['powerSaveBlocker.stop', 7]);
    fake.core!.events.emit('channel.status', { provider: 'baileys', state: 'connected' });
    expect(lastBlockerCall()).toEqual(['powerSaveBlocker.start', 'prevent-app-suspension']);
    // A development run registers no login item (it would be the bare Electron binary).
    expect(fake.calls.filter((c) => c[0] === 'setLoginItemSettings')).toEqual([]);
  });

  it('offers "Buscar actualizaciones"; a development run says it has no update channel', () => {
    fake.trays[0].menu.find((i: any) => i.label === 'Buscar actualizaciones').click();
    expect(menuLabels()).toEqual([
      'Abrir Recepta',
      'WhatsApp: conectado',
      'Buscar actualizaciones',
      'Esta instalación no recibe actualizaciones automáticas',
      'Salir',
    ]);
  });

  it('hides on close and comes back on a second launch or from the tray', () => {
    const [window] = fake.windows;
    window.close();
    expect(window.destroyed).toBe(false);
    expect(window.visible).toBe(false);
    fake.app.emit('second-instance', {}, [], '');
    expect(window.visible).toBe(true);
    window.hide();
    fake.trays[0].menu.find((i: any) => i.label === 'Abrir Recepta').click();
    expect(window.visible).toBe(true);
  });

  it('quits from the tray: stops the core in order, then exits 0', async () => {
    fake.trays[0].menu.find((i: any) => i.label === 'Salir').click();
    await until('app.exit', () => fake.app.exitCode !== undefined);
    expect(fake.app.exitCode).toBe(0);
    const order = fake.calls
      .map((c) => c[0])
      .filter((n) => ['quit', 'core.stop', 'core.stopped', 'exit'].includes(n as string));
    expect(order).toEqual(['quit', 'core.stop', 'core.stopped', 'exit']);
    expect(fake.trays[0].destroyed).toBe(true);
    expect(fake.windows[0].destroyed).toBe(true);
    await expect(fetch(`${apiBase}/api/health`)).rejects.toThrow();
    // A second quit (a signal during shutdown) does not stop twice.
    fake.app.quit();
    expect(fake.calls.filter((c) => c[0] === 'exit')).toHaveLength(1);
  });

  it('a second launch on the same data folder only passes the word on and quits', async () => {
    const startsBefore = fake.calls.filter((c) => c[0] === 'startCore').length;
    const quitsBefore = fake.calls.filter((c) => c[0] === 'quit').length;
    fake.app.lockGranted = false;
    vi.resetModules();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await import('../../main/electron/main.js');
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls.filter((c) => c[0] === 'quit')).toHaveLength(quitsBefore + 1);
    expect(fake.calls.filter((c) => c[0] === 'startCore')).toHaveLength(startsBefore);
    expect(fake.windows).toHaveLength(1);
  });
});
