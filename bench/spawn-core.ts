// Spawning processes and timing them to a line on stdout: the headless core
// (`node dist/main/app/cli.js`) and the bare-node reference it is compared with.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { paths } from '../main/kernel/paths.js';

export const BENCH_TOKEN = 'bench-token-0123456789abcdef';

export interface Spawned {
  child: ChildProcess;
  /** Milliseconds from just before `spawn` to the chunk of stdout holding the marker. */
  readyMs: number;
  /** The stdout line that held the marker. */
  line: string;
}

/** Spawns `node args…` and resolves when a stdout line contains `marker`. */
export function spawnUntil(
  args: string[],
  env: NodeJS.ProcessEnv,
  marker: string,
  timeoutMs = 30_000,
): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "${marker}" within ${timeoutMs} ms; stderr: ${err.slice(0, 2000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      const at = performance.now();
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.includes(marker));
      if (line === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve({ child, readyMs: at - t0, line });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before "${marker}"; stderr: ${err.slice(0, 2000)}`));
    });
    child.once('error', reject);
  });
}

/** Resident set size of a live process, in kB (Linux `/proc/<pid>/status`). */
export function residentKb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

let clockTicks: number | undefined;

/** CPU time (user + system) a live process has used so far, in ms (Linux `/proc/<pid>/stat`). */
export function cpuMs(pid: number): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/** Sends SIGTERM and resolves with the milliseconds until the process exited (and its exit code). */
export function stopProcess(child: ChildProcess, timeoutMs = 15_000): Promise<{ ms: number; code: number | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ ms: 0, code: child.exitCode });
      return;
    }
    const t0 = performance.now();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.removeAllListeners('exit');
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - t0, code });
    });
    child.kill('SIGTERM');
  });
}

export function coreCliPath(): string {
  return path.join(paths('').root, 'dist', 'main', 'app', 'cli.js');
}

/** The environment of a headless benchmark core: free ports, fixed token, logs to the data folder only. */
export function coreEnv(dataDir: string, llmBaseUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RECEPTA_DATA_DIR: dataDir,
    RECEPTA_API_PORT: '0',
    RECEPTA_WEBHOOK_PORT: '0',
    RECEPTA_TOKEN: BENCH_TOKEN,
    RECEPTA_LOG_STDOUT: '0',
    OPENAI_BASE_URL: llmBaseUrl,
    OPENAI_API_KEY: 'bench-key-not-secret',
  };
}

export const READY_MARKER = 'Recepta ready:';

/** `http://127.0.0.1:PORT` from the ready line. */
export function apiUrlFromReadyLine(line: string): string {
  const match = /Recepta ready: (http:\/\/[^/\s]+)\//.exec(line);
  if (!match?.[1]) throw new Error(`unexpected ready line: ${line}`);
  return match[1];
}
