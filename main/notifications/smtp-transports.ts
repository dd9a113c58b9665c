// One pooled SMTP transport per e-mail endpoint. A connection per message cost a TCP (and
// TLS) handshake, a greeting and an EHLO (and a login) for every e-mail: a burst of events
// drained slowly and kept the main thread busy. The pool keeps one connection open per
// endpoint while it has mail to send (nodemailer closes it after `socketTimeout` idle, or
// after `maxMessages`, and opens another when needed); a changed endpoint (host, port,
// user, password, timeout) gets a new transport, and stop() closes them all.
import { createHash } from 'node:crypto';
import net from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { EmailConfig } from './config.js';

export interface SmtpTarget {
  endpointId: number;
  config: EmailConfig;
  /** The SMTP password from the keychain, if any. */
  secret: string | null;
  timeoutMs: number;
}

export class SmtpTransports {
  private readonly byEndpoint = new Map<number, { key: string; transport: Transporter }>();

  /** The endpoint's transport, built on first use and again whenever what it connects with changed. */
  get(target: SmtpTarget): Transporter {
    const options = transportOptions(target);
    // Hashed: the cache key need not hold a second copy of the password.
    const key = createHash('sha256').update(JSON.stringify(options)).digest('hex');
    const cached = this.byEndpoint.get(target.endpointId);
    if (cached?.key === key) return cached.transport;
    cached?.transport.close();
    const transport = nodemailer.createTransport(options);
    this.byEndpoint.set(target.endpointId, { key, transport });
    return transport;
  }

  /** Closes one endpoint's transport (it was deleted or switched off). */
  forget(endpointId: number): void {
    this.byEndpoint.get(endpointId)?.transport.close();
    this.byEndpoint.delete(endpointId);
  }

  /** Closes every connection (at shutdown). */
  close(): void {
    for (const endpointId of [...this.byEndpoint.keys()]) this.forget(endpointId);
  }

  /** How many transports are open (tests). */
  get size(): number {
    return this.byEndpoint.size;
  }
}

function transportOptions({ config, secret, timeoutMs }: SmtpTarget): SMTPPool.Options {
  return {
    pool: true,
    // One connection per endpoint: its lane sends one message at a time, in order.
    maxConnections: 1,
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    auth: config.user && secret ? { user: config.user, pass: secret } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    getSocket: (_options, callback) => connectWithoutDelay(config, timeoutMs, callback),
  };
}

/**
 * The TCP connection nodemailer then speaks SMTP over (and upgrades to TLS itself), opened
 * with Nagle's algorithm off. nodemailer writes a message in several small pieces and the
 * server answers only after the last one; with Nagle on, each piece after the first waited
 * for the server's delayed ACK: 40 ms per e-mail, measured on 127.0.0.1 (4 ms without).
 */
function connectWithoutDelay(
  config: EmailConfig,
  timeoutMs: number,
  callback: (error: Error | null, socket?: { connection: net.Socket }) => void,
): void {
  const socket = net.connect({ host: config.host, port: config.port, noDelay: true, timeout: timeoutMs });
  const onTimeout = () => {
    settle();
    socket.destroy();
    callback(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' }));
  };
  const onError = (error: Error) => {
    settle();
    callback(error);
  };
  // Once connected, the socket is nodemailer's: its own timeouts and error handling apply.
  const settle = () => {
    socket.setTimeout(0);
    socket.off('timeout', onTimeout).off('error', onError);
  };
  socket.once('connect', () => {
    settle();
    callback(null, { connection: socket });
  });
  socket.once('timeout', onTimeout);
  socket.once('error', onError);
}
