// The Evolution API card on Canales, on a core of its own (its settings — a public address,
// an Evolution server — would change what other specs see on a shared one), pointed at the
// fake Evolution server through the card's own "Dirección del servidor de Evolution".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAKE_EVOLUTION_INSTANCE, FAKE_EVOLUTION_KEY, startFakeEvolution } from '../fakes/fake-evolution.js';
import { expect } from './fixtures.js';
import { postWebhook, webhookCardTest } from './webhook-card-fixtures.js';
import { channelSettings, copyWebhookUrl, expectAxeClean, shotCard } from './webhook-card-steps.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECRET = 'evo-webhook-secret-e2e-0123456789';
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(here, `../fixtures/evolution/${name}.json`), 'utf8')) as Record<string, unknown>;

/** Evolution's reference incoming text as a fresh message (id and time of its own), for `instance`. */
function incoming(id: string, instance = FAKE_EVOLUTION_INSTANCE): string {
  const event = fixture('messages_upsert_text_incoming') as { data: Record<string, unknown> };
  const data = {
    ...event.data,
    key: { ...(event.data.key as object), id },
    messageTimestamp: Math.floor(Date.now() / 1000),
  };
  return JSON.stringify({
    ...event,
    instance,
    data: { ...data, message: { conversation: 'Hola, ¿hay turno el jueves?' } },
  });
}

const test = webhookCardTest(startFakeEvolution);

test('Evolution card: set it up, Probar against the fake Evolution, deliveries with the secret accepted, without it refused, connection.update on the card', async ({
  app,
  page,
  fake: evo,
  context,
}, testInfo) => {
  const { recepta } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: recepta.origin });
  await recepta.api('PATCH', '/api/settings', { 'network.publicUrl': '' });
  await app.open('/canales');
  const card = page.getByTestId('evolution-card');
  await expect(card.getByRole('heading', { name: 'WhatsApp por Evolution API' })).toBeVisible();
  await expect(card.getByText('Sin configurar', { exact: true })).toBeVisible();
  await expect(card.getByRole('heading', { name: 'Falta la dirección pública' })).toBeVisible();
  // The steps name the events to enable, Base64 off and the secret's header.
  await expect(card.getByText('CONNECTION_UPDATE')).toBeVisible();
  await expect(card.getByText('«Webhook Base64»', { exact: false })).toBeVisible();
  await expect(card.getByText('{"x-clinic-webhook-token": "tu secreto"}')).toBeVisible();
  await expectAxeClean(page);
  await shotCard(page, testInfo, 'evolution-card', '1-sin-configurar');

  // Where the server is (here the fake) and the instance; a name with "/" is said so.
  await card.getByLabel('Dirección del servidor de Evolution').fill(evo.baseUrl);
  await card.getByLabel('Nombre de la instancia').fill('clinica/sorriso');
  await expect(card.getByText('El nombre no puede tener', { exact: false })).toBeVisible();
  await card.getByLabel('Nombre de la instancia').fill(FAKE_EVOLUTION_INSTANCE);
  await card.locator('form.webhook-settings').getByRole('button', { name: 'Guardar', exact: true }).click();
  await expect(card.getByText('Guardado.')).toBeVisible();
  expect(await channelSettings(recepta, 'evolution')).toMatchObject({
    apiBaseUrl: evo.baseUrl,
    instance: FAKE_EVOLUTION_INSTANCE,
    authHeader: 'x-clinic-webhook-token',
  });

  // The key (la clave: "Guardada") and the secret (el secreto: "Guardado"): written, never shown back.
  const keyGroup = card.getByRole('group', { name: 'Clave de API' });
  await keyGroup.getByLabel('Clave de API').fill(FAKE_EVOLUTION_KEY);
  await keyGroup.getByRole('button', { name: 'Guardar' }).click();
  await expect(keyGroup.locator('.secret-field__state')).toHaveText(/Guardada en el llavero/);
  await expect(keyGroup.locator('input')).toHaveCount(0);
  const secretGroup = card.getByRole('group', { name: 'Secreto del webhook' });
  await secretGroup.getByLabel('Secreto del webhook').fill(SECRET);
  await secretGroup.getByRole('button', { name: 'Guardar' }).click();
  await expect(secretGroup.locator('.secret-field__state')).toHaveText(/Guardado en el llavero/);
  await expect(secretGroup.getByText('Secreto del webhook: guardado en el llavero.')).toBeVisible();
  expect(JSON.stringify(await recepta.api('GET', '/api/secrets'))).not.toContain(SECRET);

  // Probar: the fake is asked for the instance's state with the key; linked → Conectado.
  await card.getByRole('button', { name: 'Probar', exact: true }).click();
  await expect(card.getByText('Funciona.')).toBeVisible();
  expect(
    evo.requests.some(
      (r) =>
        r.path === `/instance/connectionState/${FAKE_EVOLUTION_INSTANCE}` && r.headers.apikey === FAKE_EVOLUTION_KEY,
    ),
  ).toBe(true);
  await expect(card.getByText('Conectado', { exact: true })).toBeVisible();

  // The public address (here the listener itself: the https-less stand-in for a tunnel), copied.
  const copied = await copyWebhookUrl(page, recepta, card, 'evolution');

  // Deliveries: with the secret → accepted; a wrong one → refused; another instance → ignored.
  const post = (body: string, secret?: string) =>
    postWebhook(copied, body, secret ? { 'x-clinic-webhook-token': secret } : {});
  expect((await post(incoming('3EB0E2E000001'), SECRET)).status).toBe(200);
  expect(await post(incoming('3EB0E2E000002'), 'not-our-secret')).toHaveProperty('status', 401);
  expect((await post(incoming('3EB0E2E000003', 'otra-instancia'), SECRET)).status).toBe(200);
  const events = card.getByRole('region', { name: 'Últimos eventos recibidos' });
  await events.getByRole('button', { name: 'Actualizar' }).click();
  const rows = card.locator('.webhook-events__table tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toContainText('messages.upsert');
  await expect(rows.nth(2)).toContainText('Aceptado');
  await expect(rows.nth(1)).toContainText('Rechazado');
  await expect(rows.nth(1)).toContainText('La firma o el secreto no coinciden');
  await expect(rows.nth(0)).toContainText('Ignorado');
  await expect(rows.nth(0)).toContainText('Es de otra instancia');

  // connection.update reaches the card as it happens: a logout asks for the QR again; open is Conectado.
  const close = JSON.stringify(fixture('connection_update_close_logged_out'));
  expect((await post(close, SECRET)).status).toBe(200);
  await expect(card.getByText('Con problemas', { exact: true })).toBeVisible();
  await expect(card.getByText('WhatsApp cerró la sesión de la instancia', { exact: false })).toBeVisible();
  await expectAxeClean(page);
  await shotCard(page, testInfo, 'evolution-card', '2-sesion-cerrada');
  expect((await post(JSON.stringify(fixture('connection_update_open')), SECRET)).status).toBe(200);
  await expect(card.getByText('Conectado', { exact: true })).toBeVisible();

  // Generar una dirección nueva: asks first; the old address then answers 404.
  await card.getByRole('button', { name: 'Generar una dirección nueva' }).click();
  await card.getByRole('button', { name: 'Sí, generar una nueva' }).click();
  await expect(card.getByText('Dirección nueva lista.', { exact: false })).toBeVisible();
  const url = card.getByLabel('Dirección del webhook');
  await expect(url).not.toHaveValue(copied);
  await expect(url).toHaveValue(/\/webhooks\/evolution\/[\w-]{20,}$/);
  expect((await post('{}', SECRET)).status).toBe(404);
});
