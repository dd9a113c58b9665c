// One real Recepta core per Playwright worker: the fake LLM runs in this process, the
// core is `node dist/main/app/cli.js --demo` with its own data folder, ports and token.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { test as base } from './pinned-clock.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(root, 'dist', 'main', 'app', 'cli.js');
const UI = path.join(root, 'dist', 'renderer', 'index.html');
const READY = /Recepta ready: (https?:\/\/\S+)/;

export interface Recepta {
  /** The printed one-time URL, with `?token=`. */
  openUrl: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  /** The OPENAI_API_KEY the core was started with (it must never reach the UI). */
  apiKey: string;
  llm: FakeOpenAI;
  /** An authorized call to the local API from the test process. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Everything the core printed (for failure messages). */
  output(): string;
  /** The core's data folder (a spec that must seed rows no API writes opens its database). */
  dataDir: string;
}

/**
 * `env` overrides the core's environment (e.g. `OPENAI_API_KEY: ''` for a core whose key is typed in the UI).
 * `args`: `--demo` by default, so every spec meets a set-up clinic and never the first-run setup; `[]` for an empty folder.
 */
export async function startCore(
  llm: FakeOpenAI,
  env: NodeJS.ProcessEnv = {},
  args: string[] = ['--demo'],
): Promise<{ recepta: Omit<Recepta, 'llm'>; stop(): Promise<void> }> {
  for (const file of [CLI, UI]) {
    if (!existsSync(file))
      throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` before the e2e tests.`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'recepta-e2e-'));
  const token = randomBytes(24).toString('base64url');
  const apiKey = `sk-e2e-${randomBytes(12).toString('hex')}`;
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], {
    cwd: root,
    env: {
      ...process.env,
      RECEPTA_DATA_DIR: dataDir,
      RECEPTA_API_PORT: '0',
      RECEPTA_WEBHOOK_PORT: '0',
      RECEPTA_HOST: '127.0.0.1',
      RECEPTA_TOKEN: token,
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: apiKey,
      RECEPTA_LOG_STDOUT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));

  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the core printed no ready line within 30 s:\n${output}`)), 30_000);
    const check = () => {
      const m = READY.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the core exited (${code}) before it was ready:\n${output}`));
    });
  });
  const origin = new URL(openUrl).origin;

  async function api<T>(method: string, p: string, body?: unknown): Promise<T> {
    const res = await fetch(origin + p, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'x-recepta-request': '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000));
      if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  }

  return {
    recepta: { openUrl, origin, token, apiKey, api, output: () => output, dataDir },
    stop,
  };
}

/** Marks the console line the page writes for a CSP violation, so the guard can tell it apart. */
const CSP_MARK = '[csp-violation]';

/**
 * The browser's `securitypolicyviolation` event, written to the console (where the guard
 * reads it) from every document the test opens, before any of the page's own scripts run.
 * Chromium logs its own "Refused to load…" line as well; this one also catches a violation
 * reported only to the event (a `report-only` policy, say).
 */
const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error(${JSON.stringify(CSP_MARK)} + ' ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
});`;

/**
 * What a test may see in the console because it provokes it on purpose. Chromium logs every
 * 4xx/5xx answer to `fetch` as "Failed to load resource", and no page code can stop it: a
 * test whose point is a refusal (a booking on a taken hour, say) names that one request.
 */
export class ConsoleAllowance {
  readonly patterns: RegExp[] = [];

  /**
   * `status`: the HTTP status, or Chromium's network error ('net::ERR_CONNECTION_REFUSED');
   * `path`: the request's path as a pattern, e.g. /\/api\/appointments\/\d+/; `why` is for the reader.
   */
  failedRequest(status: number | `net::${string}`, path: RegExp, why: string): void {
    if (!why.trim()) throw new Error('say why the failed request is expected');
    const failure = typeof status === 'number' ? `the server responded with a status of ${status}\\b.*` : status;
    // The message goes on after the path (query, ":0"): a pattern anchored with $ would never match.
    const where = path.source.replace(/\$$/, '');
    this.patterns.push(new RegExp(`^Failed to load resource: ${failure} at https?://[^/\\s]+${where}(\\?\\S*)?:\\d+$`));
  }
}

export const test = base.extend<{ app: AppDriver; consoleAllowance: ConsoleAllowance }, { recepta: Recepta }>({
  consoleAllowance: async ({}, use) => use(new ConsoleAllowance()),
  // Every test fails on a console error, an uncaught page error or a CSP violation in any
  // page of its context: the console stays clean on every page (issue 15).
  context: async ({ context, consoleAllowance, baseURL }, use, testInfo) => {
    const problems: { line: string; allowable: string | null }[] = [];
    // Recepta's own pages: a page a test serves from elsewhere (the cross-origin attacker)
    // logs the refusals it provokes, and those refusals are the point.
    const ours = (page: Page) =>
      !baseURL || !/^https?:/.test(page.url()) || page.url().startsWith(new URL(baseURL).origin);
    await context.addInitScript(REPORT_CSP_VIOLATIONS);
    const watch = (page: Page) => {
      page.on('console', (msg) => {
        if (msg.type() !== 'error' || !ours(page)) return;
        // A refused data: URI can be kilobytes long; its head says enough.
        const text = msg.text().replace(/(data:[^,'"\s]{0,60},?).{40,}?(?=['"\s]|$)/g, '$1…');
        const csp = text.startsWith(CSP_MARK) || /Content Security Policy/i.test(text);
        const where = msg.location().url ? ` at ${msg.location().url}:${msg.location().lineNumber}` : '';
        const line = `${csp ? 'CSP violation' : 'console error'} on ${page.url()}: ${text}${where}`;
        // A CSP violation is never allowed.
        problems.push({ line, allowable: csp ? null : `${text}${where}` });
      });
      page.on(
        'pageerror',
        (error) =>
          ours(page) &&
          problems.push({
            line: `uncaught error on ${page.url()}: ${error.stack ?? error.message}`,
            allowable: null,
          }),
      );
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(context);
    // Read at the end: a test may name what it expects at any point before it finishes.
    const unexpected = problems
      .filter((p) => p.allowable === null || !consoleAllowance.patterns.some((re) => re.test(p.allowable!)))
      .map((p) => p.line);
    if (unexpected.length) {
      await testInfo.attach('console-problems', {
        body: unexpected.join('\n'),
        contentType: 'text/plain',
      });
      throw new Error(`The browser console was not clean:\n${unexpected.join('\n')}`);
    }
  },
  recepta: [
    async ({}, use) => {
      const llm = await startFakeOpenAI();
      const core = await startCore(llm);
      try {
        // Patient messages become a turn after 200 ms instead of 2 s.
        await core.recepta.api('PATCH', '/api/settings', {
          'pipeline.debounceMs': 200,
        });
        await use({ ...core.recepta, llm });
      } finally {
        await core.stop();
        await llm.close();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  baseURL: async ({ recepta }, use) => use(recepta.origin),
  app: async ({ page, recepta, consoleAllowance }, use) => use(new AppDriver(page, recepta, consoleAllowance)),
});

/** The steps a receptionist takes, named the way she would say them. */
export class AppDriver {
  constructor(
    readonly page: Page,
    readonly recepta: Recepta,
    /** Failed requests this test provokes on purpose (see ConsoleAllowance). */
    readonly console: ConsoleAllowance = new ConsoleAllowance(),
  ) {}

  /** Opens the printed link (the token travels once, in the query), landing on `path`. */
  async open(pathname = '/'): Promise<void> {
    const url = new URL(this.recepta.openUrl);
    url.pathname = pathname;
    await this.page.goto(url.toString());
    await expect(this.page.getByRole('navigation')).toBeVisible();
  }

  nav(name: RegExp | string) {
    return this.page.getByRole('navigation').getByRole('link', { name });
  }

  /** A simulated patient number unique to this test, so tests sharing a core never meet. */
  static uniqueNumber(): string {
    return `+54911${String(Date.now()).slice(-6)}${Math.floor(Math.random() * 90 + 10)}`;
  }
}

export { expect };
