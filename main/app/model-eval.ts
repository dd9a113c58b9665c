// "Evaluar mi modelo": the eval suite's short subset (`--quick`, one sample each) against
// the endpoint saved in Ajustes › Asistente, run as a child process — the harness starts
// whole cores of its own, on throw-away data folders, which must not share this process —
// with its progress read line by line from stderr and its scorecard from stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aiKeyFor } from '../agent/key-binding.js';
import type { SettingsService } from '../http/app-settings.js';
import type { ModelEvalJob, ModelEvalJobs } from '../http/assistant-eval-types.js';
import type { Logger } from '../kernel/logger.js';
import type { SecretStore } from '../secrets/secret-store.js';

/** The short subset is designed to take ≤ 5 minutes; past this the run is stopped. */
const LIMIT_MS = 6 * 60_000;
/** The key reaches the child in its environment only, under this name (never on a command line). */
const KEY_VARIABLE = 'RECEPTA_EVAL_KEY';

const IDLE: ModelEvalJob = {
  state: 'idle',
  done: 0,
  total: 0,
  scenario: null,
  model: null,
  startedAt: null,
  summary: null,
  verdict: null,
  error: null,
};

export interface ModelEvalOptions {
  settings: SettingsService;
  secrets: SecretStore;
  log: Logger;
  /** How to start the eval runner; default: this Node (or Electron as Node) with dist/eval/run.js. */
  command?: string[];
}

export function createModelEval(options: ModelEvalOptions): ModelEvalJobs & { stop(): void } {
  const log = options.log.child({ module: 'model-eval' });
  const [program, ...prefix] = options.command ?? [
    process.execPath,
    fileURLToPath(new URL('../../eval/run.js', import.meta.url)),
  ];
  const script = prefix.at(-1) ?? '';
  let job: ModelEvalJob = IDLE;
  let child: ChildProcess | null = null;

  const fail = (error: string) => {
    job = { ...job, state: 'failed', error };
  };

  function start(): ModelEvalJob {
    if (job.state === 'running') return job;
    const baseUrl = options.settings.get('ai.baseUrl');
    const model = options.settings.get('ai.model');
    job = { ...IDLE, state: 'running', model, startedAt: new Date().toISOString() };
    if (!existsSync(script)) {
      fail('Esta instalación no incluye la evaluación.');
      return job;
    }
    let key: string | null;
    try {
      key = aiKeyFor(options.secrets, options.settings, baseUrl);
    } catch {
      fail('No se pudo leer la clave del llavero del sistema.');
      return job;
    }
    // An empty folder: the child reads nothing of the clinic's (its cores make their own folders).
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'recepta-model-eval-'));
    const args = [...prefix, '--quick', '--k', '1', '--json', '--progress', '--base-url', baseUrl, '--model', model];
    if (key) args.push('--api-key-env', KEY_VARIABLE);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      ELECTRON_RUN_AS_NODE: '1',
      RECEPTA_DATA_DIR: scratch,
      ...(key ? { [KEY_VARIABLE]: key } : {}),
    };
    const proc = spawn(program!, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stdout = '';
    let lastError = '';
    let pending = '';
    proc.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
    proc.stderr!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (!readProgress(line) && line.trim()) lastError = line.trim();
    });
    const timer = setTimeout(() => {
      fail('La evaluación tardó demasiado y se detuvo.');
      proc.kill();
    }, LIMIT_MS);
    proc.on('error', () => fail('No se pudo iniciar la evaluación.'));
    proc.on('close', (code) => {
      clearTimeout(timer);
      child = null;
      rmSync(scratch, { recursive: true, force: true });
      if (job.state !== 'running') return;
      try {
        const out = JSON.parse(stdout) as { verdict: ModelEvalJob['verdict'] } & NonNullable<ModelEvalJob['summary']>;
        job = { ...job, state: 'done', summary: pickSummary(out), verdict: out.verdict };
      } catch {
        fail(code === 2 ? lastError || 'Falta configurar el modelo.' : 'La evaluación no terminó.');
      }
      log.info({ state: job.state, code, verdict: job.verdict?.code ?? null }, 'model evaluation finished');
    });
    return job;
  }

  /** A progress line of the child, applied to the job; null when the line is not one. */
  function readProgress(line: string): true | null {
    try {
      const p = JSON.parse(line) as { type?: string; done: number; total: number; scenario: string };
      if (p.type !== 'progress') return null;
      job = { ...job, done: p.done, total: p.total, scenario: p.scenario };
      return true;
    } catch {
      return null;
    }
  }

  return {
    start,
    status: () => job,
    stop: () => {
      child?.kill();
    },
  };
}

/** Only what the UI shows: per scenario its name, title, group, passes and why it failed. */
function pickSummary(out: NonNullable<ModelEvalJob['summary']>): ModelEvalJob['summary'] {
  return {
    k: out.k,
    model: out.model,
    safetyNet: out.safetyNet,
    all: out.all,
    wrongActions: out.wrongActions,
    modelNeverAnswered: out.modelNeverAnswered,
    results: out.results.map((r) => ({
      name: r.name,
      title: r.title,
      kind: r.kind,
      samples: r.samples,
      passed: r.passed,
      reasons: r.reasons,
      failures: r.failures,
    })),
  };
}
