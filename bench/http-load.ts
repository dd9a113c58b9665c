// An HTTP load generator that runs in a worker thread, so the clients' JSON building,
// signing and socket work do not share the event loop of the server under test (this
// machine has 2 cores: one for the server, one for the clients). Closed loop by default
// (as fast as answers come back); open loop at a fixed rate with `ratePerSecond`.
//
// It posts YCloud-shaped `whatsapp.inbound_message.received` webhooks
// (../shared/reference/payloads/ycloud/inbound_text.json) with N keep-alive
// connections, signed as YCloud signs them when `signingSecret` is given.
// A few requests are redeliveries of an earlier payload (providers retry), which the
// server must store once.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ycloudSignature } from '../main/channels/ycloud/signature.js';

export interface LoadPlan {
  url: string;
  /** Requests in this batch, redeliveries included. */
  requests: number;
  clients: number;
  /** Distinct patients the messages come from (new chats at first, then existing ones). */
  patients: number;
  /** Every `redeliverEvery`-th request repeats an earlier payload; 0 for none. */
  redeliverEvery: number;
  /** Prefix of the provider message ids of this batch, so batches never collide. */
  batch: string;
  /** Sign each request with this endpoint secret (`YCloud-Signature: t=…,s=…`), as YCloud does. */
  signingSecret?: string;
  /** Open loop: send at this steady rate whatever the answers do (latency then includes any queueing). */
  ratePerSecond?: number;
}

export interface LoadResult {
  elapsedMs: number;
  /** Responses by HTTP status ("error" for a connection that failed). */
  statuses: Record<string, number>;
  /** Provider message ids answered 200, redeliveries included (so possibly repeated). */
  acknowledged: string[];
  redeliveries: number;
  latenciesMs: number[];
}

const TEXTS = [
  'Hola, buen día. ¿Tienen turno para limpieza esta semana?',
  '¿Atienden por OSDE?',
  'Necesito cambiar el turno del jueves',
  'Gracias!!',
  'Buenas tardes, mi hija tiene dolor de muela desde anoche, ¿la pueden ver hoy?',
  '¿Cuánto sale la consulta particular?',
];

function payload(plan: LoadPlan, i: number): { id: string; body: string } {
  const k = i % plan.patients;
  const phone = `+54911${String(30_000_000 + k * 7).padStart(8, '0')}`;
  const id = `wamid.${plan.batch}.${String(i).padStart(8, '0')}`;
  // Sent now, as a live message is (an old one would be stored as received while Recepta was off).
  const at = new Date().toISOString();
  const body = {
    id: `evt_${plan.batch}_${i}`,
    type: 'whatsapp.inbound_message.received',
    apiVersion: 'v2',
    createTime: at,
    whatsappInboundMessage: {
      id: `${plan.batch}${i}`,
      wamid: id,
      wabaId: '104857600000001',
      from: phone,
      customerProfile: { name: `Paciente ${k}` },
      to: '+5491130000001',
      sendTime: at,
      type: 'text',
      text: { body: TEXTS[i % TEXTS.length] },
    },
  };
  return { id, body: JSON.stringify(body) };
}

function post(agent: http.Agent, url: URL, body: string, signingSecret?: string): Promise<number | 'error'> {
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  };
  if (signingSecret) {
    const t = Math.floor(Date.now() / 1000);
    headers['ycloud-signature'] = `t=${t},s=${ycloudSignature(Buffer.from(body), signingSecret, t)}`;
  }
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve('error'));
    });
    req.on('error', () => resolve('error'));
    req.end(body);
  });
}

async function generate(plan: LoadPlan): Promise<LoadResult> {
  const url = new URL(plan.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.clients });
  const statuses: Record<string, number> = {};
  const acknowledged: string[] = [];
  const latenciesMs: number[] = [];
  let redeliveries = 0;
  /** Request `i`, timed from the moment it is issued (a request queued for a free socket counts its wait). */
  const send = async (i: number) => {
    // A redelivery resends the payload of a request some way back, already answered or still in flight.
    const redeliver = plan.redeliverEvery > 0 && i > 50 && i % plan.redeliverEvery === 0;
    if (redeliver) redeliveries += 1;
    const { id, body } = payload(plan, redeliver ? i - 50 : i);
    const t0 = performance.now();
    const status = await post(agent, url, body, plan.signingSecret);
    latenciesMs.push(performance.now() - t0);
    statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    if (status === 200) acknowledged.push(id);
  };
  const t0 = performance.now();
  if (plan.ratePerSecond) {
    const interval = 1000 / plan.ratePerSecond;
    const inFlight: Array<Promise<void>> = [];
    for (let i = 0; i < plan.requests; i++) {
      const wait = t0 + i * interval - performance.now();
      if (wait >= 1) await sleep(wait);
      inFlight.push(send(i));
    }
    await Promise.all(inFlight);
  } else {
    let next = 0;
    const client = async () => {
      for (let i = next++; i < plan.requests; i = next++) await send(i);
    };
    await Promise.all(Array.from({ length: plan.clients }, client));
  }
  const elapsedMs = performance.now() - t0;
  agent.destroy();
  return { elapsedMs, statuses, acknowledged, redeliveries, latenciesMs };
}

/** Runs one batch in a fresh worker thread and resolves with what it saw. */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: plan });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with code ${code}`));
    });
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void generate(workerData as LoadPlan).then((result) => port.postMessage(result));
}
