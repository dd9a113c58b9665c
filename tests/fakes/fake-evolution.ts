// A stand-in for an Evolution API server (v2) on 127.0.0.1: records every request (headers
// and body) and answers as Evolution does (../shared/reference/payloads/evolution), keeping
// the messages it "stored" so chat/findMessages can list them for the catch-up.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_EVOLUTION_KEY = 'evo-test-key';
export const FAKE_EVOLUTION_INSTANCE = 'clinica-sorriso';

export interface EvolutionRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** A message as Evolution stores it and lists it (the shape of a webhook's `data`). */
export interface StoredEvolutionMessage {
  key: { remoteJid: string; fromMe: boolean; id: string; remoteJidAlt?: string };
  pushName?: string;
  message: Record<string, unknown>;
  messageType: string;
  messageTimestamp: number;
}

export interface FakeEvolution {
  baseUrl: string;
  requests: EvolutionRequest[];
  /** The bodies of sendText and sendMedia calls, in order. */
  sends(): Array<Record<string, unknown>>;
  /** What connectionState answers. */
  state: string;
  /** Every message the server holds (ours included, as Evolution keeps them), for findMessages. */
  stored: StoredEvolutionMessage[];
  /** Files by message id, for getBase64FromMediaMessage. */
  media: Map<string, { base64: string; mimetype: string }>;
  /** Runs before a send is answered (Evolution may deliver its webhooks first): gets the new message. */
  beforeSendAnswer: ((sent: StoredEvolutionMessage) => Promise<void>) | null;
  /** The next sends answer this (status and body) instead of sending. */
  refuseSends(status: number, body: unknown): void;
  close(): Promise<void>;
}

export async function startFakeEvolution(): Promise<FakeEvolution> {
  const requests: EvolutionRequest[] = [];
  let refusal: { status: number; body: unknown } | null = null;
  let sent = 0;
  const fake = { state: 'open', stored: [], media: new Map(), beforeSendAnswer: null } as unknown as FakeEvolution;

  const send = async (body: Record<string, unknown>): Promise<StoredEvolutionMessage> => {
    sent += 1;
    const number = String(body.number);
    const message: StoredEvolutionMessage = {
      key: {
        remoteJid: number.includes('@') ? number : `${number}@s.whatsapp.net`,
        fromMe: true,
        id: `3EB0FAKE${String(sent).padStart(6, '0')}`,
      },
      pushName: 'Você',
      message: body.text ? { conversation: body.text } : { documentMessage: { caption: body.caption } },
      messageType: body.text ? 'conversation' : 'documentMessage',
      messageTimestamp: Math.floor(Date.now() / 1000),
    };
    fake.stored.push(message);
    await fake.beforeSendAnswer?.(message);
    return message;
  };

  const findMessages = (body: {
    where?: { messageTimestamp?: { gte: string; lte: string } };
    offset?: number;
    page?: number;
  }) => {
    const gte = Math.floor(Date.parse(body.where?.messageTimestamp?.gte ?? '1970-01-01') / 1000);
    const lte = Math.floor(Date.parse(body.where?.messageTimestamp?.lte ?? '2999-01-01') / 1000);
    const size = body.offset ?? 50;
    const page = body.page ?? 1;
    const matching = fake.stored
      .filter((m) => m.messageTimestamp >= gte && m.messageTimestamp <= lte)
      .sort((a, b) => b.messageTimestamp - a.messageTimestamp);
    return {
      messages: {
        total: matching.length,
        pages: Math.ceil(matching.length / size),
        currentPage: page,
        records: matching.slice((page - 1) * size, page * size),
      },
    };
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = (raw ? JSON.parse(raw) : null) as Record<string, unknown> | null;
        const path = req.url ?? '';
        requests.push({ method: req.method ?? '', path, headers: req.headers, body });
        const answer = (status: number, json: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        if (req.headers.apikey !== FAKE_EVOLUTION_KEY)
          return answer(401, { status: 401, error: 'Unauthorized', response: { message: 'Unauthorized' } });
        const [, group, action, instance] = path.split('/');
        if (instance !== FAKE_EVOLUTION_INSTANCE)
          return answer(404, {
            status: 404,
            error: 'Not Found',
            response: { message: [`The "${instance}" instance does not exist`] },
          });
        const route = `${req.method} /${group}/${action}`;
        if (route === 'POST /message/sendText' || route === 'POST /message/sendMedia') {
          if (refusal) return answer(refusal.status, refusal.body);
          const message = await send(body ?? {});
          return answer(201, { ...message, status: 'PENDING', instanceId: 'fake-instance', source: 'web' });
        }
        if (route === 'GET /instance/connectionState')
          return answer(200, { instance: { instanceName: instance, state: fake.state } });
        if (route === 'POST /chat/findMessages') return answer(200, findMessages(body ?? {}));
        if (route === 'POST /chat/getBase64FromMediaMessage') {
          const id = (body as { message?: { key?: { id?: string } } }).message?.key?.id ?? '';
          const file = fake.media.get(id);
          if (!file)
            return answer(400, { status: 400, error: 'Bad Request', response: { message: ['Message not found'] } });
          return answer(201, {
            mediaType: 'imageMessage',
            fileName: `${id}.jpeg`,
            mimetype: file.mimetype,
            base64: file.base64,
          });
        }
        return answer(404, { status: 404, error: 'Not Found', response: { message: ['Cannot find route'] } });
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    sends: () =>
      requests
        .filter((r) => /^\/message\/send(Text|Media)\//.test(r.path))
        .map((r) => r.body as Record<string, unknown>),
    refuseSends: (status: number, body: unknown) => {
      refusal = { status, body };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
