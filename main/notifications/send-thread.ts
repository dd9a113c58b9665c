// The network side of notification deliveries, in a worker thread at the lowest priority.
// A delivery's HTTP request or SMTP conversation cost the main thread about a millisecond
// (undici, nodemailer's MIME and SMTP parsing), and 1,000 events to 3 endpoints made the
// patients' messages wait behind them (bench/notifications.ts). Here the main thread only
// claims, builds the body (senders.ts) and records the outcome; the thread sends, and on
// Linux runs at nice 19, so its CPU comes from idle time (as the backup workers do,
// db/repos/backups.ts). It keeps one pooled SMTP connection per e-mail endpoint, opened
// with Nagle's algorithm off, rebuilt when the endpoint's server or login changes.
// Plain CommonJS source (eval) so it runs the same from TypeScript sources (tests) and the
// built app.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { LOWER_PRIORITY_SOURCE } from '../../db/thread-priority.js';
import type { SendOutcome } from './senders.js';

export type SendRequest =
  | { kind: 'http'; url: string; body: string; headers: Record<string, string>; timeoutMs: number }
  | {
      kind: 'smtp';
      endpointId: number;
      server: {
        host: string;
        port: number;
        security: 'tls' | 'starttls' | 'none';
        user: string | null;
        pass: string | null;
        timeoutMs: number;
      };
      mail: { from: string; to: string[]; subject: string; text: string };
    };

const SEND_WORKER = `
${LOWER_PRIORITY_SOURCE}
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const net = require('node:net');
const nodemailer = require(workerData.nodemailer);

// Never a secret, never the body: a code and the start of the message.
function failure(error) {
  const e = error || {};
  const code = e.code || e.name || 'error';
  return { ok: false, statusCode: e.responseCode == null ? null : e.responseCode, error: code + ': ' + String(e.message || '').slice(0, 200) };
}

async function postJson(r) {
  const response = await fetch(r.url, {
    method: 'POST',
    headers: Object.assign({ 'content-type': 'application/json', 'user-agent': 'Recepta-Notifications' }, r.headers),
    body: r.body,
    redirect: 'error',
    signal: AbortSignal.timeout(r.timeoutMs),
  });
  await response.arrayBuffer().catch(() => undefined);
  return { ok: response.ok, statusCode: response.status, error: response.ok ? null : 'HTTP ' + response.status };
}

// nodemailer writes a message in several small pieces and the server answers after the last:
// with Nagle's algorithm on, each piece waited for the server's delayed ACK (40 ms an e-mail).
function connectWithoutDelay(server, callback) {
  const socket = net.connect({ host: server.host, port: server.port, noDelay: true, timeout: server.timeoutMs });
  const settle = () => { socket.setTimeout(0); socket.off('timeout', onTimeout).off('error', onError); };
  const onTimeout = () => { settle(); socket.destroy(); callback(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })); };
  const onError = (error) => { settle(); callback(error); };
  socket.once('connect', () => { settle(); callback(null, { connection: socket }); });
  socket.once('timeout', onTimeout);
  socket.once('error', onError);
}

const transports = new Map();
function transportFor(endpointId, server) {
  const key = createHash('sha256').update(JSON.stringify(server)).digest('hex');
  const cached = transports.get(endpointId);
  if (cached && cached.key === key) return cached.transport;
  if (cached) cached.transport.close();
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 1, // the endpoint's lane sends one message at a time, in order
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    auth: server.user && server.pass ? { user: server.user, pass: server.pass } : undefined,
    connectionTimeout: server.timeoutMs,
    greetingTimeout: server.timeoutMs,
    socketTimeout: server.timeoutMs, // an idle connection closes after this, and opens again when needed
    getSocket: (_options, callback) => connectWithoutDelay(server, callback),
  });
  transports.set(endpointId, { key, transport });
  return transport;
}

async function sendMail(r) {
  const info = await transportFor(r.endpointId, r.server).sendMail(r.mail);
  const code = /^(\\d{3})/.exec((info && info.response) || '');
  return { ok: true, statusCode: code ? Number(code[1]) : 250, error: null };
}

parentPort.on('message', (m) => {
  if (m.type === 'forget') {
    const cached = transports.get(m.endpointId);
    if (cached) cached.transport.close();
    transports.delete(m.endpointId);
    return;
  }
  if (m.type === 'close') {
    for (const { transport } of transports.values()) transport.close();
    transports.clear();
    parentPort.postMessage({ type: 'closed' });
    return;
  }
  const r = m.request;
  (r.kind === 'http' ? postJson(r) : sendMail(r)).then(
    (outcome) => parentPort.postMessage({ type: 'sent', id: m.id, outcome }),
    (error) => parentPort.postMessage({ type: 'sent', id: m.id, outcome: failure(error) }),
  );
});
`;

interface Reply {
  type: 'sent' | 'closed';
  id?: number;
  outcome?: SendOutcome;
}

/** The sending thread, started on first use; close() ends its connections and the thread. */
export class SendThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { worker: Worker; resolve: (outcome: SendOutcome) => void }>();

  /** Sends one request; never throws (a failure, the thread's included, is an outcome). */
  send(request: SendRequest): Promise<SendOutcome> {
    const worker = this.start();
    const id = this.nextId++;
    // Held while it has sends under way, so a caller awaiting one is not left by an exiting process.
    worker.ref();
    return new Promise((resolve) => {
      // A thread that never answers (it should, each request has its own timeouts) must not hold the lane for ever.
      const limitMs = 4 * (request.kind === 'http' ? request.timeoutMs : request.server.timeoutMs);
      const timer = setTimeout(
        () => this.settle(id, { ok: false, statusCode: null, error: 'no answer from the sending thread' }),
        limitMs,
      );
      timer.unref();
      this.pending.set(id, {
        worker,
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      });
      worker.postMessage({ type: 'send', id, request });
    });
  }

  private settle(id: number, outcome: SendOutcome): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if (![...this.pending.values()].some((p) => p.worker === entry.worker)) entry.worker.unref();
    entry.resolve(outcome);
  }

  /** Closes one endpoint's SMTP connection (the endpoint is gone). */
  forget(endpointId: number): void {
    this.worker?.postMessage({ type: 'forget', endpointId });
  }

  /** Closes the SMTP connections, then the thread (at shutdown). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      worker.once('exit', done);
      worker.on('message', (m: Reply) => m.type === 'closed' && done());
      worker.postMessage({ type: 'close' });
    });
    await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const nodemailer = createRequire(import.meta.url).resolve('nodemailer');
    const worker = new Worker(SEND_WORKER, { eval: true, workerData: { nodemailer } });
    // Idle, it never keeps the process alive on its own (see send()).
    worker.unref();
    worker.on('message', (m: Reply) => {
      if (m.type === 'sent' && m.id !== undefined && m.outcome) this.settle(m.id, m.outcome);
    });
    // A thread that died fails what it held (the lanes retry those with backoff); the next send starts another.
    const fail = (error: string) => {
      if (this.worker === worker) this.worker = null;
      // Only what this thread held: a new one may already be sending.
      for (const [id, p] of [...this.pending])
        if (p.worker === worker) this.settle(id, { ok: false, statusCode: null, error });
    };
    worker.on('error', (error) => fail(`worker: ${String(error.message).slice(0, 200)}`));
    worker.on('exit', (code) => fail(`worker exited (${code})`));
    this.worker = worker;
    return worker;
  }
}
