// A web page on another local origin, in Chromium, tries what issue 12 found working:
// body-less and form POSTs through `/%61pi/…` (the router decodes it to /api/…), which
// marked a chat read, rotated the calendar feed and unlinked WhatsApp with no token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures.js';

/** The attacker's page: fires no-cors fetches and auto-submitted forms at the core. */
const ATTACK_PAGE = `<!doctype html><meta charset="utf-8"><title>ready</title>
<body><script>
const q = new URLSearchParams(location.search);
const core = q.get('core');
const targets = JSON.parse(q.get('targets'));
const attempts = [
  { method: 'POST', mode: 'no-cors' },
  { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ from: '+5491100000001', text: 'intruso', enabled: true }) },
  { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ from: '+5491100000001', text: 'intruso' }) },
  { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'application/json' }, body: '{}' },
];
(async () => {
  for (const t of targets) for (const init of attempts) await fetch(core + t, init).catch(() => undefined);
  for (const t of targets) {
    const frame = document.createElement('iframe');
    frame.name = 'f' + Math.random().toString(36).slice(2);
    document.body.append(frame);
    const form = document.createElement('form');
    form.method = 'POST';
    form.enctype = 'text/plain';
    form.action = core + t;
    form.target = frame.name;
    const field = document.createElement('input');
    field.name = '{"text":"intruso","x":"';
    field.value = '"}';
    form.append(field);
    document.body.append(form);
    form.submit();
  }
  document.title = 'fired';
})();
</script></body>`;

test('a page on another local origin changes nothing through /%61pi/ POSTs, fetches or forms', async ({
  page,
  recepta,
}) => {
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(ATTACK_PAGE);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  const whatsapp = async () =>
    (await recepta.api<Array<{ provider: string }>>('GET', '/api/channels')).find((c) => c.provider === 'whatsapp');
  try {
    const sent = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: '+5491100000002',
      text: 'Hola, ¿atienden hoy?',
    });
    const id = sent.conversationId;
    const before = {
      unread: (await recepta.api<{ unread: number }>('GET', `/api/conversations/${id}`)).unread,
      feed: (await recepta.api<{ path: string }>('GET', '/api/calendar-feed')).path,
      chats: (await recepta.api<unknown[]>('GET', '/api/conversations?limit=200')).length,
      whatsapp: await whatsapp(),
    };
    expect(before.unread).toBeGreaterThan(0);

    const targets = [
      `/%61pi/conversations/${id}/read`,
      '/%61pi/calendar-feed/rotate',
      '/%61pi/channels/whatsapp/unlink',
      '/%61pi/simulator/messages',
      `/ap%69/conversations/${id}/takeover`,
    ];
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(recepta.origin)) statuses.push(r.status());
    });
    const formResponses = targets.map((t) =>
      page.waitForResponse(
        (r) =>
          r.url() === recepta.origin + t &&
          r.request().method() === 'POST' &&
          r.request().resourceType() === 'document',
      ),
    );
    const { port } = attacker.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/?core=${encodeURIComponent(recepta.origin)}&targets=${encodeURIComponent(JSON.stringify(targets))}`;
    await page.goto(url);
    await expect(page).toHaveTitle('fired');
    await Promise.all(formResponses);

    expect((await recepta.api<{ unread: number }>('GET', `/api/conversations/${id}`)).unread).toBe(before.unread);
    expect((await recepta.api<{ path: string }>('GET', '/api/calendar-feed')).path).toBe(before.feed);
    expect((await recepta.api<unknown[]>('GET', '/api/conversations?limit=200')).length).toBe(before.chats);
    expect(await whatsapp()).toEqual(before.whatsapp);
    // Every request reached the core (so the attempt was real) and was turned away at the token.
    expect(statuses.length).toBeGreaterThanOrEqual(targets.length);
    expect(new Set(statuses)).toEqual(new Set([401]));
  } finally {
    await new Promise((resolve) => attacker.close(resolve));
  }
});
