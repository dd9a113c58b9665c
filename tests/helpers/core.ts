// Starts a real Recepta core for a test: in-process (fast, and the test can reach its
// services) or as a spawned `node dist/main/app/cli.js` (for kill -9 and the exact
// command users run). Every core gets its own temporary data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBootConfig } from '../../main/kernel/config.js';
import { startCore, type CoreOptions, type RunningCore } from '../../main/app/core.js';
import type { AppEvent } from '../../main/http/app-events.js';
import { setUpClinic } from './clinic.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function tempDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'recepta-test-'));
}

export function newToken(): string {
  return randomBytes(18).toString('base64url');
}

export interface TestCore extends RunningCore {
  token: string;
  dataDir: string;
  api<T = unknown>(
    method: string,
    route: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
  /** Resolves with the first event matching `match` (events already seen are not replayed). */
  nextEvent(match: (e: AppEvent) => boolean, timeoutMs?: number): Promise<AppEvent>;
}

export async function startTestCore(
  opts: {
    env?: NodeJS.ProcessEnv;
    dataDir?: string;
    /**
     * 'ready': the clinic gets hours and a service (tests/helpers/clinic.ts setUpClinic) before
     * the test runs, so the assistant answers patients on real channels (WhatsApp…); without
     * them those chats go to a person (main/agenda/readiness.ts). The simulator answers either way.
     */
    clinic?: 'ready';
  } & Omit<CoreOptions, 'config' | 'env'> = {},
): Promise<TestCore> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const token = newToken();
  const env: NodeJS.ProcessEnv = {
    RECEPTA_DATA_DIR: dataDir,
    RECEPTA_API_PORT: '0',
    RECEPTA_WEBHOOK_PORT: '0',
    RECEPTA_TOKEN: token,
    RECEPTA_LOG_STDOUT: '0',
    RECEPTA_LOG_LEVEL: 'debug',
    ...opts.env,
  };
  const config = loadBootConfig(env, []);
  const core = await startCore({ ...opts, config, env });
  const test: TestCore = {
    ...core,
    token,
    dataDir,
    api: (method, route, body, headers = {}) => request(core.apiUrl, token, method, route, body, headers),
    nextEvent: (match, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          unsubscribe();
          reject(new Error(`no matching event within ${timeoutMs} ms`));
        }, timeoutMs);
        const unsubscribe = core.events.subscribe((e) => {
          if (!match(e)) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(e);
        });
      }),
  };
  if (opts.clinic === 'ready') await setUpClinic(test);
  return test;
}

export async function request<T>(
  base: string,
  token: string | null,
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      // What the UI sends with every call: state-changing routes refuse requests without it or a JSON body.
      'x-recepta-request': '1',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T };
}

export interface SpawnedCore {
  proc: ChildProcess;
  apiUrl: string;
  webhookUrl: string;
  token: string;
  output(): string;
  /** SIGTERM and wait for a clean exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

const CLI = path.join(ROOT, 'dist', 'main', 'app', 'cli.js');

/**
 * Spawns the built core exactly as `npm run serve` runs it. Needs `npm run build` first.
 * `wrap` runs it through another command (e.g. `unshare -m …` for a private mount).
 */
export async function spawnCore(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  wrap: string[] = [],
): Promise<SpawnedCore> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
  const token = env.RECEPTA_TOKEN ?? newToken();
  const [command, ...commandArgs] = [...wrap, process.execPath, CLI, ...args];
  const proc = spawn(command!, commandArgs, {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
      XDG_DATA_HOME: process.env.XDG_DATA_HOME,
      XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR,
      RECEPTA_API_PORT: '0',
      RECEPTA_WEBHOOK_PORT: '0',
      RECEPTA_TOKEN: token,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`core did not print its ready line:\n${out}`)), 15_000);
    const check = () => {
      const m = out.match(/Recepta ready: (https?:\/\/[^/]+)\/\?token=\S+ \(webhooks on ([^)]+)\)/);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    proc.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`core exited (${code}) before it was ready:\n${out}`));
    });
  });
  return {
    proc,
    apiUrl: ready[1]!,
    webhookUrl: `http://${ready[2]}`,
    token,
    output: () => out,
    stop: async () => {
      proc.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
