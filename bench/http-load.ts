// A closed-loop HTTP load generator that runs in a worker thread, so the clients'
// JSON building and socket work do not share the event loop of the server under test
// (this machine has 2 cores: one for the server, one for the clients).
//
// It posts YCloud-shaped `whatsapp.inbound_message.received` webhooks
// (../shared/reference/payloads/ycloud/inbound_text.json) with N keep-alive
// connections, each sending its next request as soon as the previous one is answered.
// A few requests are redeliveries of an earlier payload (providers retry), which the
// server must store once.
import http from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

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
  const at = new Date(Date.UTC(2026, 4, 12, 13, 0) + i * 10).toISOString();
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

function post(agent: http.Agent, url: URL, body: string): Promise<number | 'error'> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve('error'));
      },
    );
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
  let next = 0;
  let redeliveries = 0;
  const client = async () => {
    for (;;) {
      const i = next++;
      if (i >= plan.requests) return;
      // A redelivery resends the payload of a request some way back, already answered or still in flight.
      const redeliver = plan.redeliverEvery > 0 && i > 50 && i % plan.redeliverEvery === 0;
      if (redeliver) redeliveries += 1;
      const { id, body } = payload(plan, redeliver ? i - 50 : i);
      const t0 = performance.now();
      const status = await post(agent, url, body);
      latenciesMs.push(performance.now() - t0);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      if (status === 200) acknowledged.push(id);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: plan.clients }, client));
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
