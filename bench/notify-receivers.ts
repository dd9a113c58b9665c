// The three receivers the notification fan-out delivers to (a Slack-shaped and a webhook
// receiver, and a real SMTP server, all on 127.0.0.1), served in a worker thread: a clinic's
// Slack or mail server is never on Recepta's event loop, so their parsing and answering must
// not be counted as the core's (as bench/instant-llm.ts does for the model). The thread runs at
// the lowest priority (Linux), as a server elsewhere would not take this PC's CPU: on two shared
// cores it would otherwise compete with the core's main thread. What each got is shared memory,
// read without a round trip.
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { SMTPServer } from 'smtp-server';
import { lowerThreadPriority } from '../db/thread-priority.js';

const SLACK = 0;
const WEBHOOK = 1;
const EMAIL = 2;

export interface NotifyReceivers {
  slackUrl: string;
  hookUrl: string;
  smtpPort: number;
  /** What each has received so far. */
  counts(): { slack: number; webhook: number; email: number };
  close(): Promise<void>;
}

export async function startNotifyReceivers(): Promise<NotifyReceivers> {
  const counter = new Int32Array(new SharedArrayBuffer(12));
  const worker = new Worker(new URL(import.meta.url), { workerData: { notifyReceivers: counter } });
  const ports = await new Promise<{ slack: number; webhook: number; smtp: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    slackUrl: `http://127.0.0.1:${ports.slack}/hook`,
    hookUrl: `http://127.0.0.1:${ports.webhook}/hook`,
    smtpPort: ports.smtp,
    counts: () => ({
      slack: Atomics.load(counter, SLACK),
      webhook: Atomics.load(counter, WEBHOOK),
      email: Atomics.load(counter, EMAIL),
    }),
    close: async () => {
      await worker.terminate();
    },
  };
}

function httpReceiver(counter: Int32Array, slot: number): Promise<number> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      Atomics.add(counter, slot, 1);
      res.writeHead(200).end('ok');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function smtpReceiver(counter: Int32Array): Promise<number> {
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        Atomics.add(counter, EMAIL, 1);
        callback();
      });
    },
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
  );
}

async function serve(counter: Int32Array): Promise<void> {
  lowerThreadPriority({ fs, os });
  const [slack, webhook, smtp] = await Promise.all([
    httpReceiver(counter, SLACK),
    httpReceiver(counter, WEBHOOK),
    smtpReceiver(counter),
  ]);
  parentPort!.postMessage({ slack, webhook, smtp });
}

const job = workerData as { notifyReceivers?: Int32Array } | null;
if (!isMainThread && job?.notifyReceivers) void serve(job.notifyReceivers);
