// A stand-in for Chatwoot's REST API on 127.0.0.1: records every request (headers and body)
// and answers as Chatwoot does (../shared/reference/payloads/chatwoot, the jbuilder views),
// with scripted conversations and messages for the catch-up.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatwootRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** JSON bodies parsed; multipart kept as text. */
  body: unknown;
}

export interface FakeChatwoot {
  /** What to give the client: `http://127.0.0.1:port`. */
  baseUrl: string;
  /** The token it accepts (`api_access_token`). */
  token: string;
  /** Answer as Chatwoot does to an Agent Bot token on an endpoint bots may not call. */
  botToken: boolean;
  requests: ChatwootRequest[];
  /** Message posts, with the conversation id they went to. */
  sends(): Array<{ conversationId: string; headers: IncomingMessage['headers']; body: Record<string, unknown> }>;
  statusChanges(): Array<{ conversationId: string; body: unknown }>;
  /** What `GET …/conversations` lists (REST conversation shape). */
  conversations: unknown[];
  /** What `GET …/conversations/{id}/messages` lists, by conversation id (REST message shape). */
  messages: Record<string, unknown[]>;
  close(): Promise<void>;
}

const ACCOUNT = '1';

export async function startFakeChatwoot(): Promise<FakeChatwoot> {
  const requests: ChatwootRequest[] = [];
  let nextId = 500_000;
  const fake = { token: 'cw-test-token', botToken: false, conversations: [], messages: {} } as unknown as FakeChatwoot;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      if ((req.headers['content-type'] ?? '').startsWith('application/json')) body = JSON.parse(raw);
      const url = new URL(req.url ?? '/', 'http://fake');
      requests.push({ method: req.method ?? '', path: url.pathname + url.search, headers: req.headers, body });
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.headers.api_access_token !== fake.token) return answer(401, { error: 'Invalid Access Token' });
      const match = /^\/api\/v1\/accounts\/(\d+)(\/.*)$/.exec(url.pathname);
      if (!match || match[1] !== ACCOUNT) return answer(404, { error: 'Resource could not be found' });
      const rest = match[2]!;
      const post = /^\/conversations\/(\d+)\/messages$/.exec(rest);
      if (req.method === 'POST' && post) {
        const b = (typeof body === 'object' ? body : {}) as Record<string, unknown>;
        nextId += 1;
        return answer(200, {
          id: nextId,
          content: b.content ?? null,
          inbox_id: 7,
          conversation_id: Number(post[1]),
          message_type: 1,
          content_type: 'text',
          status: 'sent',
          content_attributes: b.content_attributes ?? {},
          created_at: Math.floor(Date.now() / 1000),
          private: false,
          source_id: null,
          sender: { id: 5, name: 'Recepta', avatar_url: '', type: 'agent_bot' },
        });
      }
      const toggle = /^\/conversations\/(\d+)\/toggle_status$/.exec(rest);
      if (req.method === 'POST' && toggle) {
        const status = (body as { status?: string }).status;
        return answer(200, {
          meta: {},
          payload: { success: true, conversation_id: Number(toggle[1]), current_status: status, snoozed_until: null },
        });
      }
      if (fake.botToken) return answer(401, { error: 'Access to this endpoint is not authorized for bots' });
      if (req.method === 'GET' && rest === '/inboxes') return answer(200, { payload: [] });
      // Pages as Chatwoot's: conversations 25 a page (`page`), messages the latest 20 (`before` an id for older).
      if (req.method === 'GET' && rest === '/conversations') {
        const page = Number(url.searchParams.get('page') ?? 1);
        return answer(200, { data: { meta: {}, payload: fake.conversations.slice((page - 1) * 25, page * 25) } });
      }
      const list = /^\/conversations\/(\d+)\/messages$/.exec(rest);
      if (req.method === 'GET' && list) {
        const before = url.searchParams.get('before');
        const all = (fake.messages[list[1]!] ?? []) as Array<{ id: number }>;
        const older = before === null ? all : all.filter((m) => m.id < Number(before));
        return answer(200, { meta: {}, payload: older.slice(-20) });
      }
      return answer(404, { error: 'Resource could not be found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const posts = (suffix: string) =>
    requests
      .filter((r) => r.method === 'POST' && r.path.endsWith(suffix))
      .map((r) => ({ r, conversationId: /conversations\/(\d+)\//.exec(r.path)![1]! }));
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    sends: () =>
      posts('/messages').map(({ r, conversationId }) => ({
        conversationId,
        headers: r.headers,
        body: r.body as Record<string, unknown>,
      })),
    statusChanges: () => posts('/toggle_status').map(({ r, conversationId }) => ({ conversationId, body: r.body })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
