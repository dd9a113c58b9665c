// "Iniciar un túnel rápido": when cloudflared is installed, Recepta can start a Cloudflare
// quick tunnel to its webhook listener and use the URL it prints as the public address.
// Quick tunnels need no account, but their URL changes every time cloudflared starts, so
// every provider's console must be updated after a restart (the card says so); a named
// tunnel (README) is the lasting setup.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * cloudflared prints the address in a banner on stderr: "https://<words>.trycloudflare.com".
 * Its own service host (api.trycloudflare.com) may appear in its logs too, and is not it.
 */
const QUICK_TUNNEL_URL = /https:\/\/(?!api\.)[a-z0-9-]+\.trycloudflare\.com(?![\w.-])/i;
const START_TIMEOUT_MS = 30_000;

/** The quick tunnel's address in one line of cloudflared's output, or null. */
export function parseQuickTunnelUrl(line: string): string | null {
  return QUICK_TUNNEL_URL.exec(line)?.[0].toLowerCase() ?? null;
}

/** The full path of an executable on PATH (with Windows' extensions), or null. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        /* not here */
      }
    }
  }
  return null;
}

export interface QuickTunnelState {
  /** cloudflared is on PATH. */
  available: boolean;
  running: boolean;
  /** The trycloudflare.com address while running. */
  url: string | null;
}

export class QuickTunnelError extends Error {}

export interface QuickTunnelDeps {
  /** The webhook listener's port (known once it listens). */
  port(): number;
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

/** One cloudflared quick tunnel to the webhook listener, stopped with the core. */
export class QuickTunnel {
  private child: ChildProcess | null = null;
  private url: string | null = null;

  constructor(private readonly deps: QuickTunnelDeps) {}

  state(): QuickTunnelState {
    return {
      available: findOnPath('cloudflared', this.deps.env) !== null,
      running: this.child !== null && this.url !== null,
      url: this.url,
    };
  }

  /** Starts cloudflared (once) and resolves with the address it printed. */
  async start(): Promise<string> {
    if (this.child && this.url) return this.url;
    const bin = findOnPath('cloudflared', this.deps.env);
    if (!bin) throw new QuickTunnelError('cloudflared is not installed on this PC.');
    const child = spawn(bin, ['tunnel', '--no-autoupdate', '--url', `http://127.0.0.1:${this.deps.port()}`], {
      env: this.deps.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child = child;
    try {
      this.url = await this.waitForUrl(child);
      return this.url;
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  private waitForUrl(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
      let tail = '';
      const timer = setTimeout(
        () => reject(new QuickTunnelError('cloudflared printed no trycloudflare.com address in time.')),
        this.deps.startTimeoutMs ?? START_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        tail = (tail + chunk.toString('utf8')).slice(-4096);
        const url = parseQuickTunnelUrl(tail);
        if (url) {
          clearTimeout(timer);
          resolve(url);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new QuickTunnelError(`cloudflared could not start: ${error.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (this.child === child) {
          this.child = null;
          this.url = null;
        }
        reject(new QuickTunnelError(`cloudflared stopped (exit ${code}) before printing an address.`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    this.url = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
  }
}
