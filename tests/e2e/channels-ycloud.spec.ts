// The YCloud card on Canales, on a core of its own (its settings — a public address, a YCloud
// number — would change what other specs see on a shared one), pointed at the fake YCloud
// through the card's own "Avanzado › Dirección de la API".
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeYCloud } from '../fakes/fake-ycloud.js';
import { expect } from './fixtures.js';
import { webhookCardTest, ycloudSigned } from './webhook-card-fixtures.js';
import { channelSettings, expectAxeClean, shotCard, webhookOrigin } from './webhook-card-steps.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const inbound = readFileSync(path.join(here, '../fixtures/ycloud/inbound_text.json'), 'utf8');
const NUMBER = '+5491130000000'; // the fake account's number
const SECRET = 'whsec_e2e0123456789abcdef';

// A fake cloudflared on the core's PATH, for "Iniciar un túnel rápido": it prints the banner
// line with the address, as the real one does on stderr, and waits.
const test = webhookCardTest(startFakeYCloud, () => {
  const bin = mkdtempSync(path.join(tmpdir(), 'recepta-e2e-cloudflared-'));
  writeFileSync(
    path.join(bin, 'cloudflared'),
    "#!/bin/sh\necho 'INF |  https://quiet-harbor-e2e.trycloudflare.com  |' >&2\nexec sleep 120\n",
  );
  chmodSync(path.join(bin, 'cloudflared'), 0o755);
  return {
    env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
    cleanup: () => rmSync(bin, { recursive: true, force: true }),
  };
});

const sign = (raw: string, secret: string) => ycloudSigned(raw, secret)['ycloud-signature'];

test('YCloud card: set it up, copy the address, Probar against the fake API, see the webhooks arrive, check the tunnel', async ({
  app,
  page,
  fake: yc,
  context,
}, testInfo) => {
  const { recepta } = app;
  yc.templates = [
    {
      wabaId: 'waba-e2e',
      name: 'recordatorio_turno',
      language: 'es_AR',
      category: 'UTILITY',
      status: 'APPROVED',
      components: [{ type: 'BODY', text: 'Hola {{1}}, tu turno es el {{2}} a las {{3}}.' }],
    },
    { wabaId: 'waba-e2e', name: 'promo_rechazada', language: 'es_AR', category: 'MARKETING', status: 'REJECTED' },
  ];
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: recepta.origin });
  await recepta.api('PATCH', '/api/settings', { 'network.publicUrl': '' });
  await app.open('/canales');
  const card = page.getByTestId('ycloud-card');
  await expect(card.getByRole('heading', { name: 'WhatsApp Business (YCloud)' })).toBeVisible();

  // No public address yet: the card says so and where to set it, instead of a useless URL.
  await expect(card.getByRole('heading', { name: 'Falta la dirección pública' })).toBeVisible();
  await expect(card.getByRole('link', { name: 'Ir a Ajustes › General › Dirección pública' })).toHaveAttribute(
    'href',
    '/ajustes',
  );
  await expect(card.getByText('Todavía no llegó nada desde que se abrió Recepta.', { exact: false })).toBeVisible();
  await expectAxeClean(page);
  await shotCard(page, testInfo, 'ycloud-card', '1-sin-configurar');

  // The number, and (Avanzado) the API's address: the fake YCloud.
  await card.getByLabel('Número de WhatsApp de la clínica en YCloud').fill('5491130000000');
  await expect(card.getByText('Escribí el número con + y el código de país', { exact: false })).toBeVisible();
  await card.getByLabel('Número de WhatsApp de la clínica en YCloud').fill(NUMBER);
  await card.getByText('Avanzado').click();
  await card.getByLabel('Dirección de la API').fill(yc.baseUrl);
  await card.locator('form.webhook-settings').getByRole('button', { name: 'Guardar', exact: true }).click();
  await expect(card.getByText('Guardado.')).toBeVisible();
  expect(await channelSettings(recepta, 'ycloud')).toMatchObject({ phoneNumber: NUMBER, apiBaseUrl: yc.baseUrl });

  // The key (la clave: "Guardada") and the secret (el secreto: "Guardado"): written, never shown back.
  const keyGroup = card.getByRole('group', { name: 'Clave de API' });
  await keyGroup.getByLabel('Clave de API').fill('yc-test-key');
  await keyGroup.getByRole('button', { name: 'Guardar' }).click();
  await expect(keyGroup.locator('.secret-field__state')).toHaveText(/Guardada en el llavero/);
  await expect(keyGroup.locator('input')).toHaveCount(0);
  const secretGroup = card.getByRole('group', { name: 'Secreto del webhook' });
  await secretGroup.getByLabel('Secreto del webhook').fill(SECRET);
  await secretGroup.getByRole('button', { name: 'Guardar' }).click();
  await expect(secretGroup.locator('.secret-field__state')).toHaveText(/Guardado en el llavero/);
  expect(JSON.stringify(await recepta.api('GET', '/api/secrets'))).not.toContain('yc-test-key');

  // Probar: the fake YCloud is asked with the key, and the number is in the account.
  await card.getByRole('button', { name: 'Probar', exact: true }).click();
  await expect(card.getByText('Funciona.')).toBeVisible();
  expect(
    yc.requests.some((r) => r.path.startsWith('/v2/whatsapp/phoneNumbers') && r.headers['x-api-key'] === 'yc-test-key'),
  ).toBe(true);
  await expect(card.getByText('Conectado', { exact: true })).toBeVisible();

  // A wrong key: a plain reason, not a stack.
  await keyGroup.getByRole('button', { name: 'Cambiar' }).click();
  await keyGroup.getByLabel('Clave de API').fill('yc-wrong-key');
  await keyGroup.getByRole('button', { name: 'Guardar' }).click();
  await expect(keyGroup.locator('input')).toHaveCount(0); // saved: the field closes
  await card.getByRole('button', { name: 'Probar', exact: true }).click();
  await expect(card.locator('.check-result--bad')).toBeVisible();
  await keyGroup.getByRole('button', { name: 'Cambiar' }).click();
  await keyGroup.getByLabel('Clave de API').fill('yc-test-key');
  await keyGroup.getByRole('button', { name: 'Guardar' }).click();
  await expect(keyGroup.locator('.secret-field__state')).toHaveText(/Guardada en el llavero/);

  // The public address (here the listener itself: the https-less stand-in for a tunnel).
  const hooks = webhookOrigin(recepta);
  await recepta.api('PATCH', '/api/settings', { 'network.publicUrl': hooks });
  await page.reload();
  const url = card.getByLabel('Dirección del webhook');
  await expect(url).toHaveValue(new RegExp(`^${hooks.replace(/[.]/g, '\\.')}/webhooks/ycloud/[\\w-]{20,}$`));
  await card.getByRole('button', { name: 'Copiar' }).click();
  await expect(card.getByRole('button', { name: /Copiada/ })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await url.inputValue());

  // The number's approved templates (read when the card opens), each purpose mapped to one.
  const templates = card.getByRole('region', { name: 'Plantillas aprobadas' });
  await expect(templates.getByText('Hola {{1}}, tu turno es el {{2}} a las {{3}}.')).toBeVisible();
  await expect(templates.getByText('promo_rechazada')).toHaveCount(0);
  await templates
    .getByRole('combobox', { name: 'Recordatorio de turno' })
    .selectOption({ label: 'recordatorio_turno (es_AR)' });
  // Each {{n}} of its body gets what fills it (the usual order first; the clinic changes what differs).
  const reminder = templates.getByRole('group', { name: 'Recordatorio de turno' });
  const fills = reminder.getByRole('combobox', { name: /se completa con/ });
  await expect(fills).toHaveCount(3);
  await expect(fills.nth(0)).toHaveValue('patientFirstName');
  await fills.nth(1).selectOption({ label: 'Fecha (14/05)' });
  await fills.nth(2).selectOption({ label: 'Hora (10:30)' });
  // What one message costs, for the number's country and the template's category.
  await expect(reminder.getByText('≈ US$ 0,03 por mensaje (Argentina, utilidad)')).toBeVisible();
  await templates.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('ycloud-templates.png'), fullPage: false });
  await templates.getByRole('button', { name: 'Guardar plantillas' }).click();
  await expect(templates.getByText('Guardado.')).toBeVisible();
  expect((await channelSettings(recepta, 'ycloud'))?.templates).toEqual({
    reminder: {
      name: 'recordatorio_turno',
      language: 'es_AR',
      variables: ['patientFirstName', 'date', 'time'],
      category: 'UTILITY',
      body: 'Hola {{1}}, tu turno es el {{2}} a las {{3}}.',
    },
    confirmation: null,
    waitlistOffer: null,
  });

  // Probar la dirección through it: Recepta's webhook listener answers.
  await card.getByRole('button', { name: 'Probar la dirección' }).click();
  await expect(card.getByText('Funciona: la dirección llega a Recepta.')).toBeVisible();

  // Webhooks posted to that address show up in the last events: one signed, one forged.
  const good = await fetch(copied, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'ycloud-signature': sign(inbound, SECRET) },
    body: inbound,
  });
  expect(good.status).toBe(200);
  const forged = await fetch(copied, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'ycloud-signature': sign(inbound, 'whsec_not-ours') },
    body: inbound,
  });
  expect(forged.status).toBe(401);
  await card
    .getByRole('region', { name: 'Últimos eventos recibidos' })
    .getByRole('button', { name: 'Actualizar' })
    .click();
  const rows = card.locator('.webhook-events__table tbody tr');
  await expect(rows).toHaveCount(2);
  // A forged delivery's body is never parsed (the signature is checked first), so it names no type.
  await expect(rows.nth(0)).toContainText('Rechazado');
  await expect(rows.nth(0)).toContainText('La firma o el secreto no coinciden');
  await expect(rows.nth(1)).toContainText('whatsapp.inbound_message.received');
  await expect(rows.nth(1)).toContainText('Aceptado');
  await expectAxeClean(page);
  await shotCard(page, testInfo, 'ycloud-card', '2-conectado');

  // Generar una dirección nueva: asks first; the old address then answers 404.
  await card.getByRole('button', { name: 'Generar una dirección nueva' }).click();
  await card.getByRole('button', { name: 'No, dejarla' }).click();
  await expect(url).toHaveValue(copied);
  await card.getByRole('button', { name: 'Generar una dirección nueva' }).click();
  await expect(card.getByText('La dirección actual deja de funcionar en el acto', { exact: false })).toBeVisible();
  await card.getByRole('button', { name: 'Sí, generar una nueva' }).click();
  await expect(card.getByText('Dirección nueva lista.', { exact: false })).toBeVisible();
  await expect(url).not.toHaveValue(copied);
  expect(
    (await fetch(copied, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
  ).toBe(404);
});

test("Probar la dirección in Ajustes: a tunnel pointed at the screen's port is named as such", async ({
  app,
  page,
}, testInfo) => {
  const { recepta } = app;
  // The local API's own address plays a tunnel pointed at the wrong port.
  await recepta.api('PATCH', '/api/settings', { 'network.publicUrl': recepta.origin });
  await app.open('/ajustes');
  const section = page.locator('#direccion-publica');
  await section.getByRole('button', { name: 'Probar la dirección' }).click();
  await expect(section.getByText('Contesta Recepta, pero por el puerto equivocado', { exact: false })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('3-ajustes-puerto-equivocado.png') });

  // Through the webhook listener's address: it works.
  await recepta.api('PATCH', '/api/settings', { 'network.publicUrl': webhookOrigin(recepta) });
  await page.reload();
  await section.getByRole('button', { name: 'Probar la dirección' }).click();
  await expect(section.getByText('Funciona: la dirección llega a Recepta.')).toBeVisible();
});

test('Iniciar un túnel rápido (cloudflared on the PATH): its address becomes the public address, with the warning', async ({
  app,
  page,
}, testInfo) => {
  await app.recepta.api('PATCH', '/api/settings', { 'network.publicUrl': '' });
  await app.open('/ajustes');
  const section = page.locator('#direccion-publica');
  await expect(section.getByText('la dirección de un túnel rápido cambia cada vez', { exact: false })).toBeVisible();
  await section.getByRole('button', { name: 'Iniciar un túnel rápido' }).click();
  await expect(section.getByText('Túnel rápido abierto en https://quiet-harbor-e2e.trycloudflare.com')).toBeVisible();
  await expect(section.getByLabel('Dirección pública', { exact: true })).toHaveValue(
    'https://quiet-harbor-e2e.trycloudflare.com',
  );
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('4-tunel-rapido.png') });
  await section.getByRole('button', { name: 'Cerrar el túnel' }).click();
  await expect(section.getByRole('button', { name: 'Iniciar un túnel rápido' })).toBeVisible();
});
