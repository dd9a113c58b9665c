import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YCloudApiError, YCloudClient } from '../../main/channels/ycloud/client.js';

const tooMany = readFileSync(path.join(import.meta.dirname, '../fixtures/ycloud/send_error_429_response.json'), 'utf8');
let server: Server;
let base: string;
/** What the stand-in answers next: [status, body], or 'hang'. */
let next: [number, string] | 'hang' = [200, '{}'];

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (next === 'hang') return; // never answers
      res.writeHead(next[0], { 'content-type': 'application/json' });
      res.end(next[1]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

// A stand-in's answer can take longer than 300 ms on a loaded machine (the whole suite in
// parallel): only the case that waits for the timeout uses a short one.
const client = (timeoutMs = 10_000) => new YCloudClient({ baseUrl: base, apiKey: 'k', timeoutMs });
const body = { from: '+5491130000000', to: '+5491155550000', type: 'text', externalId: 'recepta-1' };

async function refusal(timeoutMs?: number): Promise<YCloudApiError> {
  try {
    await client(timeoutMs).send(body);
  } catch (error) {
    if (error instanceof YCloudApiError) return error;
    throw error;
  }
  throw new Error('the send was not refused');
}

describe("YCloud's refusals, as the outbox needs them", () => {
  it('a rejected key is permanent, and says where to fix it', async () => {
    next = [401, '{"error":{"status":401,"code":"UNAUTHORIZED"}}'];
    expect(await refusal()).toMatchObject({
      status: 401,
      permanent: true,
      reason: expect.stringMatching(/clave de API/),
    });
  });

  it("Meta's pair rate limit (429) is retried later, with Meta's reason", async () => {
    next = [429, tooMany];
    expect(await refusal()).toMatchObject({ status: 429, permanent: false, whatsappCode: '131056' });
  });

  it('outside the 24-hour window is permanent', async () => {
    next = [400, '{"error":{"status":400,"whatsappApiError":{"code":131047}}}'];
    expect(await refusal()).toMatchObject({
      permanent: true,
      whatsappCode: '131047',
      reason: expect.stringMatching(/24 h/),
    });
  });

  it('a timeout is not retried blindly (YCloud may have sent it); no connection at all is', async () => {
    next = 'hang';
    expect(await refusal(300)).toMatchObject({ status: 0, permanent: true, reason: expect.stringMatching(/revisalo/) });
    const closed = new YCloudClient({ baseUrl: 'http://127.0.0.1:9/v2', apiKey: 'k', timeoutMs: 10_000 });
    await expect(closed.send(body)).rejects.toMatchObject({ status: 0, permanent: false });
  });

  it('an accepted send answers with YCloud’s id', async () => {
    next = [200, '{"id":"6a0c41012c7b9d0012ab350c","status":"accepted"}'];
    expect(await client().send(body)).toEqual({ id: '6a0c41012c7b9d0012ab350c' });
  });
});
