// Auto-update: electron-updater finds, downloads and verifies an update (its SHA-512,
// and on Windows and macOS the publisher's code signature); main/electron/update-policy.ts
// decides when it may be installed — never in the middle of a conversation. This file
// only gathers the facts the policy needs and does what it says.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, powerMonitor } from 'electron';
import type { AppUpdater } from 'electron-updater';
import type { AppEvents } from '../http/app-events.js';
import type { Logger } from '../kernel/logger.js';
import { updateDecision, type UpdateDecision, type UpdateState, type UpdateSituation } from './update-policy.js';

/** How often a running app looks for a new version. */
const CHECK_EVERY_MS = 6 * 60 * 60_000;
/** How often a downloaded update asks the policy whether now is the moment. */
const DECIDE_EVERY_MS = 60_000;

export interface UpdatesOptions {
  events: AppEvents;
  /** Outgoing messages not sent yet (the outbox's depth). */
  sendsInFlight: () => number;
  log: Logger;
  onState: (state: UpdateState) => void;
  /** Quit in order (the core stops first); `takeOverExit` then installs. */
  requestQuit: () => void;
}

export interface AppUpdates {
  /** "Buscar actualizaciones" in the tray. */
  check(): void;
  /** "Reiniciar y actualizar": staff asked, still never mid-conversation. */
  installNow(): void;
  /** After the core has stopped at quit: installs a downloaded update and takes over the exit (true), or not. */
  takeOverExit(trigger: 'quit' | 'os-shutdown'): boolean;
  stop(): void;
}

/**
 * Updates run only in the installed app built with an update channel: electron-builder
 * writes resources/app-update.yml only when `publish` is configured (scripts/dist.mjs).
 */
function hasUpdateChannel(): boolean {
  return app.isPackaged && existsSync(path.join(process.resourcesPath, 'app-update.yml'));
}

async function loadUpdater(log: Logger): Promise<AppUpdater> {
  // Loaded only here: a development run or a test never touches it (it requires `electron`).
  const mod = (await import('electron-updater')) as typeof import('electron-updater') & {
    default?: typeof import('electron-updater');
  };
  const updater = mod.default?.autoUpdater ?? mod.autoUpdater;
  updater.logger = {
    info: (m: unknown) => log.info(String(m)),
    warn: (m: unknown) => log.warn(String(m)),
    error: (m: unknown) => log.error(String(m)),
    debug: () => undefined,
  };
  updater.autoDownload = true; // downloading disturbs nobody; installing is the policy's call
  updater.autoInstallOnAppQuit = false; // takeOverExit decides, after the core has stopped
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  return updater;
}

export function startUpdates(opts: UpdatesOptions): AppUpdates {
  let state: UpdateState = { kind: 'idle' };
  const setState = (next: UpdateState) => {
    state = next;
    opts.onState(next);
  };
  if (!hasUpdateChannel()) {
    // A development run, or a package built without `publish`: the tray item says so when used.
    return {
      check: () => setState({ kind: 'unavailable' }),
      installNow: () => undefined,
      takeOverExit: () => false,
      stop: () => undefined,
    };
  }

  const turns = new Map<number, number>();
  let lastMessageAt: number | null = null;
  const unsubscribe = opts.events.subscribe((event) => {
    if (event.type === 'message.created') lastMessageAt = Date.now();
    const id = 'conversationId' in event.data ? event.data.conversationId : -1;
    if (event.type === 'turn.started') turns.set(id, (turns.get(id) ?? 0) + 1);
    if (event.type === 'turn.finished') {
      const left = (turns.get(id) ?? 1) - 1;
      if (left > 0) turns.set(id, left);
      else turns.delete(id);
    }
  });
  /** `coreStopped`: at exit nothing runs any more (unsent messages wait on disk) and the database is closed. */
  const situation = (trigger: UpdateSituation['trigger'], coreStopped = false): UpdateSituation => ({
    downloaded: state.kind === 'downloaded',
    trigger,
    turnsInFlight: coreStopped ? 0 : [...turns.values()].reduce((a, b) => a + b, 0),
    sendsInFlight: coreStopped ? 0 : opts.sendsInFlight(),
    msSinceLastMessage: lastMessageAt === null ? null : Date.now() - lastMessageAt,
    msSinceLastInput: powerMonitor.getSystemIdleTime() * 1000,
    localHour: new Date().getHours(),
  });

  let updater: AppUpdater | null = null;
  /** Set when the policy (or staff) asked for this quit to install: then Recepta opens again. */
  let quitToInstall = false;
  /** Staff asked while a conversation was in progress: it installs as soon as that ends. */
  let staffAsked = false;
  const ready = loadUpdater(opts.log).then((u) => {
    updater = u;
    u.on('checking-for-update', () => setState({ kind: 'checking' }));
    u.on('update-not-available', () => setState({ kind: 'up-to-date' }));
    u.on('download-progress', (p: { percent: number }) => {
      if (state.kind === 'downloading') setState({ ...state, percent: p.percent });
    });
    u.on('update-available', (info: { version: string }) =>
      setState({ kind: 'downloading', version: info.version, percent: 0 }),
    );
    u.on('update-downloaded', (info: { version: string }) => setState({ kind: 'downloaded', version: info.version }));
    u.on('error', (error: Error) => {
      opts.log.warn({ module: 'updates', err: error }, 'update check or download failed');
      if (state.kind !== 'downloaded') setState({ kind: 'error' });
    });
    return u;
  });

  const check = () => {
    void ready
      .then((u) => u.checkForUpdates())
      .catch((error: unknown) => {
        opts.log.warn({ module: 'updates', err: error }, 'could not check for updates');
        setState({ kind: 'error' });
      });
  };
  const act = (decision: UpdateDecision) => {
    if (state.kind !== 'downloaded' || quitToInstall) return;
    if (decision.action === 'install') {
      quitToInstall = true;
      opts.log.info({ module: 'updates', version: state.version }, 'installing the downloaded update');
      opts.requestQuit();
    } else if (
      decision.action === 'wait' &&
      (state.waiting?.action !== 'wait' || state.waiting.reason !== decision.reason)
    ) {
      setState({ ...state, waiting: decision });
    }
  };

  const checkTimer = setInterval(check, CHECK_EVERY_MS);
  const decideTimer = setInterval(
    () => act(updateDecision(situation(staffAsked ? 'staff' : 'timer'))),
    DECIDE_EVERY_MS,
  );
  checkTimer.unref();
  decideTimer.unref();
  check();

  return {
    check,
    installNow() {
      staffAsked = true;
      act(updateDecision(situation('staff')));
    },
    takeOverExit(trigger) {
      const decision = updateDecision(situation(trigger, true));
      if (decision.action !== 'install' || !updater) return false;
      // Silent install; Recepta opens again unless the person at the desk was quitting.
      updater.quitAndInstall(true, quitToInstall);
      return true;
    },
    stop() {
      clearInterval(checkTimer);
      clearInterval(decideTimer);
      unsubscribe();
    },
  };
}
