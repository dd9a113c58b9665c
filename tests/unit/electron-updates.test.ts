// main/electron/updates.ts wires electron-updater to the update policy. Run against
// stand-ins for `electron` and `electron-updater` (neither can load under plain Node):
// what is checked is the wiring — which facts reach the policy and what is done with
// its answer — with the clock fixed (vi.setSystemTime), never today's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppEvents } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import type { UpdateState } from '../../main/electron/update-policy.js';

const fake = vi.hoisted(() => {
  type Handler = (...args: any[]) => void;
  const listeners = new Map<string, Handler[]>();
  const updater = {
    loaded: 0,
    logger: null as unknown,
    autoDownload: false,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    allowPrerelease: true,
    checks: 0,
    installs: [] as Array<[boolean, boolean]>,
    on(name: string, fn: Handler) {
      listeners.set(name, [...(listeners.get(name) ?? []), fn]);
      return updater;
    },
    emit(name: string, ...args: unknown[]) {
      for (const fn of listeners.get(name) ?? []) fn(...args);
    },
    async checkForUpdates() {
      updater.checks += 1;
      return null;
    },
    quitAndInstall(isSilent: boolean, isForceRunAfter: boolean) {
      updater.installs.push([isSilent, isForceRunAfter]);
    },
    reset() {
      listeners.clear();
      updater.checks = 0;
      updater.installs = [];
    },
  };
  return { updater, app: { isPackaged: true }, idleSeconds: 3600 };
});

vi.mock('electron', () => {
  const electron = { app: fake.app, powerMonitor: { getSystemIdleTime: () => fake.idleSeconds } };
  return { ...electron, default: electron };
});
vi.mock('electron-updater', () => {
  fake.updater.loaded += 1;
  return { autoUpdater: fake.updater, default: { autoUpdater: fake.updater } };
});

const { startUpdates } = await import('../../main/electron/updates.js');

const resources = mkdtempSync(path.join(os.tmpdir(), 'recepta-resources-'));
writeFileSync(path.join(resources, 'app-update.yml'), 'provider: generic\nurl: https://updates.example.org/recepta\n');
const proc = process as NodeJS.Process & { resourcesPath: string };
const savedResources = proc.resourcesPath;

/** 03:00 and 11:00 on a fixed day, in this machine's zone (the policy reads the local hour). */
const NIGHT = new Date(2026, 11, 7, 3, 0, 0);
const DAY = new Date(2026, 11, 7, 11, 0, 0);

function setup() {
  const events = new AppEvents();
  const states: UpdateState[] = [];
  const quits: number[] = [];
  let depth = 0;
  const updates = startUpdates({
    events,
    sendsInFlight: () => depth,
    log: silentLogger(),
    onState: (s) => states.push(s),
    requestQuit: () => quits.push(Date.now()),
  });
  const settle = () => vi.advanceTimersByTimeAsync(0);
  const downloaded = async () => {
    await settle();
    fake.updater.emit('update-available', { version: '0.2.0' });
    fake.updater.emit('update-downloaded', { version: '0.2.0' });
  };
  return {
    events,
    states,
    quits,
    updates,
    settle,
    downloaded,
    setDepth: (n: number) => (depth = n),
    last: () => states.at(-1),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NIGHT);
  proc.resourcesPath = resources;
  fake.app.isPackaged = true;
  fake.idleSeconds = 3600;
  fake.updater.reset();
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => {
  proc.resourcesPath = savedResources;
  rmSync(resources, { recursive: true, force: true });
});

describe('updates in the desktop shell', () => {
  it('a development run has no update channel: says so when asked, and never loads electron-updater', async () => {
    fake.app.isPackaged = false;
    const loadedBefore = fake.updater.loaded;
    const { updates, states, settle } = setup();
    await settle();
    expect(states).toEqual([]);
    updates.check();
    expect(states).toEqual([{ kind: 'unavailable' }]);
    expect(updates.takeOverExit('quit')).toBe(false);
    expect(fake.updater.loaded).toBe(loadedBefore);
  });

  it('checks at start, downloads by itself, and never installs on quit by itself', async () => {
    const { updates, settle, downloaded, last } = setup();
    await settle();
    expect(fake.updater.checks).toBe(1);
    expect(fake.updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: false,
      allowDowngrade: false,
      allowPrerelease: false,
    });
    fake.updater.emit('update-available', { version: '0.2.0' });
    expect(last()).toEqual({ kind: 'downloading', version: '0.2.0', percent: 0 });
    await downloaded();
    expect(last()).toEqual({ kind: 'downloaded', version: '0.2.0' });
    updates.check();
    await settle();
    expect(fake.updater.checks).toBe(2);
    updates.stop();
  });

  it('staff asking mid-turn waits for the conversation; once it ends, quits and installs, then reopens', async () => {
    fake.idleSeconds = 0; // they are at the keyboard
    const { updates, events, quits, downloaded, last } = setup();
    await downloaded();
    events.emit('turn.started', { conversationId: 7 });
    updates.installNow();
    expect(quits).toEqual([]);
    expect(last()).toMatchObject({ kind: 'downloaded', waiting: { action: 'wait', reason: 'conversation' } });
    events.emit('turn.finished', { conversationId: 7 });
    vi.setSystemTime(DAY); // staff asked: no need to wait for the night
    await vi.advanceTimersByTimeAsync(60_000);
    expect(quits).toHaveLength(1); // as soon as the conversation ended, without asking again
    // The shell stops the core, then hands the exit over.
    expect(updates.takeOverExit('quit')).toBe(true);
    expect(fake.updater.installs).toEqual([[true, true]]);
    updates.stop();
  });

  it('a message waiting to be sent also counts as a conversation in progress', async () => {
    const { updates, quits, downloaded, setDepth } = setup();
    await downloaded();
    setDepth(1);
    updates.installNow();
    expect(quits).toEqual([]);
    setDepth(0);
    updates.installNow();
    expect(quits).toHaveLength(1);
    updates.stop();
  });

  it('on its own: installs on a quiet night, not after a recent message, not by day', async () => {
    const night = setup();
    await night.downloaded();
    night.events.emit('message.created', { conversationId: 3, messageId: 9 });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(night.quits).toEqual([]); // a chat five minutes ago
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(night.quits).toHaveLength(1); // asked once; the shell's quit does the rest
    night.updates.stop();

    vi.setSystemTime(DAY);
    const day = setup();
    await day.downloaded();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(day.quits).toEqual([]);
    expect(day.last()).toMatchObject({ waiting: { action: 'wait', reason: 'daytime' } });
    day.updates.stop();
  });

  it('someone at the keyboard keeps it from restarting, even at night', async () => {
    fake.idleSeconds = 20;
    const { updates, quits, downloaded } = setup();
    await downloaded();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(quits).toEqual([]);
    updates.stop();
  });

  it('quitting installs a downloaded update without reopening; an OS shutdown does not', async () => {
    const first = setup();
    await first.downloaded();
    expect(first.updates.takeOverExit('os-shutdown')).toBe(false);
    expect(fake.updater.installs).toEqual([]);
    expect(first.updates.takeOverExit('quit')).toBe(true);
    expect(fake.updater.installs).toEqual([[true, false]]);
    first.updates.stop();

    const nothing = setup();
    await nothing.settle();
    expect(nothing.updates.takeOverExit('quit')).toBe(false); // nothing downloaded
    nothing.updates.stop();
  });
});
