// The notifications API on a real core: endpoints with write-only secrets, a test.ping the
// delivery job sends to a signed webhook on 127.0.0.1, the delivery log, and deleting.
// Needs the keychain: `bash scripts/with-keyring.sh npx vitest run <this file>`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../main/notifications/signature.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

let core: TestCore;
let server: Server;
let url: string;
const got: Array<{ signature: string; body: string }> = [];
let arrived: () => void = () => undefined;

beforeAll(async () => {
  core = await startTestCore();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ signature: String(req.headers['x-recepta-signature']), body });
      res.writeHead(200).end();
      arrived();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/recepta`;
});
afterAll(async () => {
  await core?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

interface Endpoint {
  id: number;
  hasSecret: boolean;
  events: string[];
}
interface Delivery {
  event: string;
  status: string;
  payload: { data: Record<string, unknown> };
}

describe('notifications API', () => {
  it('creates a webhook endpoint without ever answering its secret, and its test ping arrives signed', async () => {
    const created = await core.api<Endpoint>('POST', '/api/notifications/endpoints', {
      kind: 'webhook',
      name: 'CRM',
      config: { url },
      secret: 'whsec-api-test',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ hasSecret: true, events: [] });
    expect(JSON.stringify(created.body)).not.toContain('whsec-api-test');
    const listed = await core.api<Endpoint[]>('GET', '/api/notifications/endpoints');
    expect(JSON.stringify(listed.body)).not.toContain('whsec-api-test');

    const delivered = new Promise<void>((resolve) => (arrived = resolve));
    const test = await core.api<Delivery>('POST', `/api/notifications/endpoints/${created.body.id}/test`, {});
    expect(test.status).toBe(202);
    expect(test.body).toMatchObject({ event: 'test.ping', status: 'queued' });
    await delivered;
    const ping = got.at(-1)!;
    expect(JSON.parse(ping.body).type).toBe('test.ping');
    expect(verifySignature('whsec-api-test', ping.body, ping.signature, Math.floor(Date.now() / 1000), 10 ** 9)).toBe(
      true,
    );

    await expect
      .poll(
        async () =>
          (await core.api<Delivery[]>('GET', `/api/notifications/deliveries?endpointId=${created.body.id}`)).body[0]
            ?.status,
      )
      .toBe('sent');

    const [delivery] = (await core.api<Array<{ id: number }>>('GET', '/api/notifications/deliveries')).body;
    const attempts = await core.api<unknown[]>('GET', `/api/notifications/deliveries/${delivery!.id}/attempts`);
    expect(attempts.body).toMatchObject([{ attempt: 1, ok: true, statusCode: 200 }]);

    expect((await core.api('DELETE', `/api/notifications/endpoints/${created.body.id}`)).status).toBe(204);
    expect((await core.api('DELETE', `/api/notifications/endpoints/${created.body.id}`)).status).toBe(404);
    expect((await core.api<Endpoint[]>('GET', '/api/notifications/endpoints')).body).toEqual([]);
  });

  it('refuses a webhook without a secret and a config that does not fit the kind', async () => {
    const noSecret = await core.api<{ error: { code: string } }>('POST', '/api/notifications/endpoints', {
      kind: 'webhook',
      name: 'x',
      config: { url },
    });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.error.code).toBe('VALIDATION_FAILED');
    const badEmail = await core.api('POST', '/api/notifications/endpoints', {
      kind: 'email',
      name: 'x',
      config: { host: 'smtp.test', port: 587, security: 'starttls', from: 'nope', to: [] },
    });
    expect(badEmail.status).toBe(400);
  });
});
