// The transport under the OpenAI SDK (its `fetch` option): undici's `request` instead
// of Node's global fetch. Both are undici; the global fetch wraps every call in WHATWG
// Request, Response and ReadableStream objects, which cost about 0.6 ms of the
// event loop per model call — half of what the SDK costs a turn (bench: the LLM round
// trip with each transport). A turn's calls are small JSON requests and replies, so
// this one reads the reply whole and hands the SDK a plain Response.
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { Agent, interceptors, request } from 'undici';

/**
 * One connection pool for every model endpoint: keep-alive (a turn is one or a few
 * calls to the same server) and redirects followed like fetch would, for a base URL
 * written with http:// that the server moves to https://.
 */
const dispatcher = new Agent({ keepAliveTimeout: 30_000 }).compose(interceptors.redirect({ maxRedirections: 3 }));

/** Replies without a body by definition: a Response refuses one for these. */
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

type FetchInput = Parameters<typeof fetch>[0];

/**
 * We ask for no compression (there is no accept-encoding header), but a proxy in front
 * of a model server may compress anyway; fetch would have undone it, so this does too.
 */
const DECODE: Record<string, (body: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** What this transport sends itself; anything else (a FormData upload, a stream) goes through the global fetch. */
function plainBody(body: unknown): body is string | Uint8Array | null | undefined {
  return body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
}

export async function modelFetch(input: FetchInput, init: RequestInit = {}): Promise<Response> {
  const body = init.body as unknown;
  if (input instanceof Request || !plainBody(body)) return fetch(input, init);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  const reply = await request(input, {
    method: (init.method ?? 'GET') as 'GET',
    headers,
    body: body ?? null,
    signal: init.signal ?? undefined,
    dispatcher,
  });
  let payload: Buffer = Buffer.from(await reply.body.arrayBuffer());
  const encoding = String(reply.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const decode = DECODE[encoding];
  if (decode && payload.length > 0) payload = await decode(payload);
  const replyHeaders = new Headers();
  for (const [name, value] of Object.entries(reply.headers)) {
    // The body handed on is decoded: its encoding and length no longer apply.
    if (value === undefined || (decode && (name === 'content-encoding' || name === 'content-length'))) continue;
    for (const one of Array.isArray(value) ? value : [value]) replyHeaders.append(name, one);
  }
  return new Response(NULL_BODY_STATUS.has(reply.statusCode) ? null : new Uint8Array(payload), {
    status: reply.statusCode,
    headers: replyHeaders,
  });
}
