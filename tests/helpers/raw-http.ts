// HTTP over a bare socket, for request lines fetch() would never send: percent-encoded
// paths, absolute-form targets, `*`, doubled slashes. fetch normalises all of them away.
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses one HTTP/1.1 response (Connection: close, so the body is everything after the head). */
function parse(raw: string): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = end === -1 ? '' : raw.slice(end + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body };
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd === -1) return out;
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!size) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

/**
 * Sends `requestLine` (e.g. `GET /%61pi/settings HTTP/1.1`) with the given headers (Host
 * and Connection: close are added) and an optional body, and resolves with the response.
 */
export function rawRequest(
  origin: string,
  requestLine: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<RawResponse> {
  const url = new URL(origin);
  const all: Record<string, string> = { host: url.host, connection: 'close', ...headers };
  if (body) all['content-length'] = String(Buffer.byteLength(body));
  const head = [requestLine, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(parse(Buffer.concat(chunks).toString('utf8'))));
    socket.write(`${head}\r\n\r\n${body}`);
  });
}
