import { AxeBuilder } from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { upsertFixture } from '../fixtures/baileys/fake-socket.js';
import { holdReplies } from './late-reply.js';
import { expect, test } from './whatsapp-fixtures.js';

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).include('.channels-page').analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(serious).toEqual([]);
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

async function openChannels(page: Page, openUrl: string) {
  const url = new URL(openUrl);
  url.pathname = '/canales';
  await page.goto(url.toString());
  await expect(page.getByRole('heading', { level: 1, name: 'Canales' })).toBeVisible();
}

test('Canales: Desconectado → Escaneá el código → código por número → Conectado → Desvincular, live from the socket', async ({
  page,
  wa,
}, testInfo) => {
  await openChannels(page, wa.openUrl);
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'WhatsApp', level: 2, exact: true }) });

  // Desconectado: the button and a two-line explanation.
  await expect(card.getByText('Desconectado')).toBeVisible();
  await expect(card.getByText(/como se vincula WhatsApp Web/)).toBeVisible();
  await expect(page.getByText('Solo responde a chats que escribieron primero')).toBeVisible();
  await expectAxeClean(page);
  await shot(page, testInfo, '1-desconectado');

  // Escaneá el código: the QR arrives by push, with the steps and a countdown. The reply to
  // the click is held back until the QR is on screen, as a busy PC can do: it is older than
  // the QR and must not put "Conectando…" back over it.
  const linkReply = await holdReplies(page, '**/api/channels/whatsapp/link');
  await card.getByRole('button', { name: 'Vincular WhatsApp' }).click();
  await expect.poll(() => wa.fake.sockets.length).toBe(1);
  wa.fake.current.qr('2@Zm9vYmFyYmF6cXV4,bm9pc2Uta2V5,aWRlbnRpdHkta2V5,YWR2LXNlY3JldA==');
  await expect(card.getByRole('heading', { name: 'Escaneá el código' })).toBeVisible();
  await linkReply.release();
  await expect(card.getByRole('heading', { name: 'Escaneá el código' })).toBeVisible();
  const qr = card.getByRole('img', { name: 'Código QR para vincular WhatsApp' });
  await expect(qr.locator('svg')).toBeVisible();
  const box = await qr.boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(250); // large enough to scan from arm's length
  await expect(card.getByText(/El código se renueva en (59|60) s\./)).toBeVisible();
  await expect(card.getByText('Dispositivos vinculados')).toBeVisible();
  await expect(card.getByText('Vincular dispositivo')).toBeVisible();
  await expectAxeClean(page);
  await shot(page, testInfo, '2-escanea-el-codigo');

  // A new QR replaces the old one without a reload.
  const before = await qr.innerHTML();
  wa.fake.current.qr('2@b3RoZXItcmVm,bm9pc2Uta2V5,aWRlbnRpdHkta2V5,YWR2LXNlY3JldA==');
  await expect.poll(() => qr.innerHTML()).not.toBe(before);
  await expect(card.getByText(/El código se renueva en (19|20) s\./)).toBeVisible();

  // Vincular con número de teléfono: the 8-character code instead of the QR.
  await card.getByRole('button', { name: 'Vincular con número de teléfono' }).click();
  await card.getByLabel('Número de WhatsApp de la clínica').fill('12');
  await card.getByRole('button', { name: 'Pedir el código' }).click();
  await expect(card.getByRole('alert')).toContainText('código de país');
  await card.getByLabel('Número de WhatsApp de la clínica').fill('+54 9 11 4000-1234');
  await card.getByRole('button', { name: 'Pedir el código' }).click();
  await expect.poll(() => wa.fake.sockets.length).toBe(2);
  wa.fake.current.qr();
  await expect(card.getByRole('heading', { name: 'Escribí este código en el teléfono' })).toBeVisible();
  await expect(card.getByText('Código de vinculación: K Q 7 M Z 2 P D')).toBeAttached();
  expect(wa.fake.current.pairingRequests).toEqual(['5491140001234']);
  await expectAxeClean(page);
  await shot(page, testInfo, '3-codigo-por-numero');

  // The phone accepted the code: Baileys saves the identity, the server asks for a restart (515), then it opens.
  const linking = wa.fake.current;
  linking.options.auth.creds.me = { id: '5491140001234:9@s.whatsapp.net', name: 'Clínica Demo Belgrano' };
  linking.emit('creds.update', { me: linking.options.auth.creds.me });
  linking.close(515, 'Stream Errored (restart required)');
  await expect.poll(() => wa.fake.sockets.length).toBe(3);
  const socket = wa.fake.current;
  socket.open({ id: '5491140001234:9@s.whatsapp.net', name: 'Clínica Demo Belgrano' });
  await expect(card.getByText('Conectado', { exact: true })).toBeVisible();
  await expect(card.getByText('+54 9 11 4000 1234')).toBeVisible();
  await expect(card.getByText('Clínica Demo Belgrano')).toBeVisible();
  await expect(card.getByText('Todavía ninguno')).toBeVisible();
  socket.emit('messages.upsert', upsertFixture('text'));
  await expect(card.getByText('Todavía ninguno')).toHaveCount(0);
  await expect(page.getByText('WhatsApp: conectado')).toBeVisible(); // the sidebar, live too
  await expectAxeClean(page);
  await shot(page, testInfo, '4-conectado');

  // WhatsApp unreachable: a calm line with a live countdown, retried on its own.
  socket.close(408, 'Connection was lost');
  const trouble = card.getByText(/No se pudo conectar con WhatsApp\. Reintentando en \d+ s…/);
  await expect(trouble).toBeVisible();
  const first = Number((await trouble.textContent())!.match(/en (\d+) s/)![1]);
  await expect
    .poll(async () => Number((await trouble.textContent())!.match(/en (\d+) s/)?.[1] ?? 0), { timeout: 4_000 })
    .toBeLessThan(first);
  await expectAxeClean(page);
  await shot(page, testInfo, '5-reintentando');

  // "Reintentar ahora" does not wait for the countdown.
  await card.getByRole('button', { name: 'Reintentar ahora' }).click();
  await expect.poll(() => wa.fake.sockets.length).toBe(4);
  wa.fake.current.open();
  await expect(card.getByText('Conectado', { exact: true })).toBeVisible();

  // Desvincular asks first.
  await card.getByRole('button', { name: 'Desvincular' }).click();
  await expect(card.getByText(/¿Desvincular WhatsApp\?/)).toBeVisible();
  await shot(page, testInfo, '6-desvincular-confirmar');
  await card.getByRole('button', { name: 'Sí, desvincular' }).click();
  await expect(card.getByRole('button', { name: 'Vincular WhatsApp' })).toBeVisible();
  expect(wa.fake.sockets[3]!.loggedOut).toBe(true);
});

test('when nobody scans in time the page says "El código venció" with a retry button, not a loop', async ({
  page,
  wa,
}, testInfo) => {
  await openChannels(page, wa.openUrl);
  await page.getByRole('button', { name: 'Vincular WhatsApp' }).click();
  await expect.poll(() => wa.fake.sockets.length).toBe(1);
  wa.fake.current.qr();
  await expect(page.getByRole('img', { name: 'Código QR para vincular WhatsApp' })).toBeVisible();
  wa.fake.current.close(408, 'QR refs attempts ended');
  await expect(page.getByRole('heading', { name: 'El código venció' })).toBeVisible();
  await page.waitForTimeout(500);
  expect(wa.fake.sockets).toHaveLength(1);
  await expectAxeClean(page);
  await shot(page, testInfo, '7-codigo-vencido');
  await page.getByRole('button', { name: 'Generar un código nuevo' }).click();
  await expect.poll(() => wa.fake.sockets.length).toBe(2);
  wa.fake.current.qr();
  await expect(page.getByRole('img', { name: 'Código QR para vincular WhatsApp' })).toBeVisible();
});

test('the anti-ban options are explained and saved', async ({ page, wa }) => {
  await openChannels(page, wa.openUrl);
  await expect(page.getByRole('heading', { name: 'Cómo cuida Recepta tu número' })).toBeVisible();
  const receipts = page.getByLabel(/Marcar los mensajes como leídos/);
  await expect(receipts).not.toBeChecked();
  await receipts.check();
  await page.getByLabel('No responder mensajes que llegaron hace más de').fill('6');
  await page.getByRole('button', { name: 'Guardar opciones' }).click();
  await expect(page.getByText('Opciones guardadas.')).toBeVisible();
  const res = await fetch(`${wa.origin}/api/channels`, {
    headers: { authorization: `Bearer ${new URL(wa.openUrl).searchParams.get('token')}` },
  });
  const whatsapp = ((await res.json()) as Array<{ provider: string; settings: Record<string, unknown> }>).find(
    (c) => c.provider === 'whatsapp',
  );
  expect(whatsapp?.settings).toMatchObject({ readReceipts: true, backlogMaxAgeHours: 6 });
});
