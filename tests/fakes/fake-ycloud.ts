// A stand-in for YCloud's REST API on 127.0.0.1: records every request (headers and body)
// and answers as YCloud does (../shared/reference/payloads/ycloud), or with a scripted refusal.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface YCloudRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** JSON bodies parsed; multipart uploads kept as text. */
  body: unknown;
}

export interface FakeYCloud {
  /** What to give the client: `http://127.0.0.1:port/v2`. */
  baseUrl: string;
  requests: YCloudRequest[];
  sends(): Array<Record<string, unknown>>;
  /** The numbers the account holds. */
  numbers: string[];
  /** The account's templates, as GET /v2/whatsapp/templates lists them (WhatsappTemplate objects). */
  templates: Array<Record<string, unknown>>;
  /** The next sends answer this (status and body) instead of accepting. */
  refuseSends(status: number, body: unknown): void;
  /** Sends are accepted again. */
  acceptSends(): void;
  close(): Promise<void>;
}

export async function startFakeYCloud(): Promise<FakeYCloud> {
  const requests: YCloudRequest[] = [];
  let refusal: { status: number; body: unknown } | null = null;
  let sent = 0;
  const fake = {
    numbers: ['+5491130000000'],
    templates: [] as Array<Record<string, unknown>>,
  } as FakeYCloud;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      if ((req.headers['content-type'] ?? '').startsWith('application/json')) body = JSON.parse(raw);
      const path = req.url ?? '';
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.headers['x-api-key'] !== 'yc-test-key')
        return answer(401, { error: { status: 401, code: 'UNAUTHORIZED' } });
      if (req.method === 'POST' && path === '/v2/whatsapp/messages/sendDirectly') {
        if (refusal) return answer(refusal.status, refusal.body);
        const b = body as Record<string, unknown>;
        sent += 1;
        return answer(200, { id: `yc-${sent}`, status: 'accepted', from: b.from, to: b.to, externalId: b.externalId });
      }
      if (req.method === 'POST' && /^\/v2\/whatsapp\/media\/[^/]+\/upload$/.test(path))
        return answer(200, { id: 'media-1' });
      if (req.method === 'GET' && path.startsWith('/v2/whatsapp/templates?')) {
        // A WhatsappTemplatePage; `filter.status` holds comma-separated statuses.
        const wanted = new URL(path, 'http://x').searchParams.get('filter.status')?.split(',');
        const items = fake.templates.filter((t) => !wanted || wanted.includes(String(t.status)));
        return answer(200, { offset: 0, limit: 100, length: items.length, items });
      }
      if (req.method === 'GET' && path.startsWith('/v2/whatsapp/phoneNumbers'))
        return answer(200, { items: fake.numbers.map((phoneNumber) => ({ phoneNumber })) });
      return answer(404, { error: { status: 404, code: 'NOT_FOUND' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}/v2`,
    requests,
    sends: () =>
      requests
        .filter((r) => r.path === '/v2/whatsapp/messages/sendDirectly')
        .map((r) => r.body as Record<string, unknown>),
    refuseSends: (status: number, body: unknown) => {
      refusal = { status, body };
    },
    acceptSends: () => {
      refusal = null;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
