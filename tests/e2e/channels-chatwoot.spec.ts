// The Chatwoot card on Canales, on a core of its own (its settings — a public address, a
// Chatwoot account — would change what other specs see on a shared one), pointed at the fake
// Chatwoot through the card's own "Dirección de Chatwoot".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeChatwoot } from '../fakes/fake-chatwoot.js';
import { expect } from './fixtures.js';
import { chatwootSigned, postWebhook, webhookCardTest } from './webhook-card-fixtures.js';
import { channelSettings, copyWebhookUrl, expectAxeClean, shotCard } from './webhook-card-steps.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECRET = 'cw-webhook-secret-e2e';

/** Chatwoot's reference incoming message as a fresh text message (id and time of its own). */
function incoming(id: number): string {
  const event = JSON.parse(
    readFileSync(path.join(here, '../fixtures/chatwoot/message_created_incoming_whatsapp_image.json'), 'utf8'),
  ) as Record<string, unknown>;
  delete event.attachments;
  return JSON.stringify({
    ...event,
    id,
    content: 'Hola, ¿tienen turno el jueves?',
    source_id: `wamid.e2e-${id}`,
    created_at: new Date().toISOString(),
  });
}

const test = webhookCardTest(startFakeChatwoot);

test('Chatwoot card: set it up, Probar against the fake Chatwoot, signed webhooks accepted, forged and unsigned refused, Exigir firma off', async ({
  app,
  page,
  fake: cw,
  context,
}, testInfo) => {
  const { recepta } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: recepta.origin });
  await recepta.api('PATCH', '/api/settings', { 'network.publicUrl': '' });
  await app.open('/canales');
  const card = page.getByTestId('chatwoot-card');
  await expect(card.getByRole('heading', { name: 'Instagram, Facebook y más (Chatwoot)' })).toBeVisible();
  await expect(card.getByText('Sin configurar', { exact: true })).toBeVisible();
  await expect(card.getByRole('heading', { name: 'Falta la dirección pública' })).toBeVisible();
  // The console's steps name the events to tick and the token to prefer.
  await expect(card.getByText('conversation_status_changed')).toBeVisible();
  await expect(card.getByText('Recomendado: el token de un Agent Bot', { exact: false })).toBeVisible();
  await expect(card.getByText('Las versiones viejas de Chatwoot', { exact: false })).toBeVisible();
  await expectAxeClean(page);
  await shotCard(page, testInfo, 'chatwoot-card', '1-sin-configurar');

  // Where the clinic's Chatwoot is (here the fake) and its account; a bad account is said so.
  await card.getByLabel('Dirección de Chatwoot').fill(cw.baseUrl);
  await card.getByLabel('Número de cuenta').fill('uno');
  await expect(card.getByText('Escribí solo el número de la cuenta', { exact: false })).toBeVisible();
  await card.getByLabel('Número de cuenta').fill('1');
  await expect(card.getByLabel('Exigir firma')).toBeChecked();
  await card.locator('form.webhook-settings').getByRole('button', { name: 'Guardar', exact: true }).click();
  await expect(card.getByText('Guardado.')).toBeVisible();
  expect(await channelSettings(recepta, 'chatwoot')).toMatchObject({
    apiBaseUrl: cw.baseUrl,
    accountId: 1,
    requireSignature: true,
  });

  // The token and the secret (both masculine: "Guardado en el llavero"): written, never shown back.
  const tokenGroup = card.getByRole('group', { name: 'Token de la API' });
  await tokenGroup.getByLabel('Token de la API').fill(cw.token);
  await tokenGroup.getByRole('button', { name: 'Guardar' }).click();
  await expect(tokenGroup.locator('.secret-field__state')).toHaveText(/Guardado en el llavero/);
  await expect(tokenGroup.locator('input')).toHaveCount(0);
  const secretGroup = card.getByRole('group', { name: 'Secreto del webhook' });
  await secretGroup.getByLabel('Secreto del webhook').fill(SECRET);
  await secretGroup.getByRole('button', { name: 'Guardar' }).click();
  await expect(secretGroup.locator('.secret-field__state')).toHaveText(/Guardado en el llavero/);
  expect(JSON.stringify(await recepta.api('GET', '/api/secrets'))).not.toContain(cw.token);

  // Probar: the fake Chatwoot is asked with the token, on the account.
  await card.getByRole('button', { name: 'Probar', exact: true }).click();
  await expect(card.getByText('Funciona.')).toBeVisible();
  expect(
    cw.requests.some((r) => r.path === '/api/v1/accounts/1/inboxes' && r.headers.api_access_token === cw.token),
  ).toBe(true);
  await expect(card.getByText('Conectado', { exact: true })).toBeVisible();

  // The public address (here the listener itself: the https-less stand-in for a tunnel), copied.
  const copied = await copyWebhookUrl(page, recepta, card, 'chatwoot');

  // Deliveries to that address: signed → accepted; forged and (Exigir firma) unsigned → refused.
  const post = (body: string, headers: Record<string, string> = {}) => postWebhook(copied, body, headers);
  const good = incoming(880_001);
  expect((await post(good, chatwootSigned(good, SECRET))).status).toBe(200);
  const forged = incoming(880_002);
  expect((await post(forged, chatwootSigned(forged, 'not-our-secret'))).status).toBe(401);
  expect((await post(incoming(880_003))).status).toBe(401);
  const events = card.getByRole('region', { name: 'Últimos eventos recibidos' });
  await events.getByRole('button', { name: 'Actualizar' }).click();
  const rows = card.locator('.webhook-events__table tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toContainText('message_created');
  await expect(rows.nth(2)).toContainText('Aceptado');
  // Why, in Spanish (the core's English detail is not shown): forged, then unsigned.
  await expect(rows.nth(1)).toContainText('Rechazado');
  await expect(rows.nth(1)).toContainText('La firma o el secreto no coinciden');
  await expect(rows.nth(0)).toContainText('Rechazado');
  await expect(rows.nth(0)).toContainText('Llegó sin firma ni secreto.');
  await expect(rows.nth(0)).not.toContainText('signature');
  await expectAxeClean(page);
  await shotCard(page, testInfo, 'chatwoot-card', '2-conectado');

  // Exigir firma off (an older Chatwoot that signs nothing): an unsigned delivery is taken.
  await card.getByLabel('Exigir firma').uncheck();
  await card.locator('form.webhook-settings').getByRole('button', { name: 'Guardar', exact: true }).click();
  await expect(card.getByText('Guardado.')).toBeVisible();
  expect(await channelSettings(recepta, 'chatwoot')).toMatchObject({ requireSignature: false });
  expect((await post(incoming(880_004))).status).toBe(200);
  await events.getByRole('button', { name: 'Actualizar' }).click();
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('Aceptado');

  // Avanzado: the signature's age, the late-message hours and the channel of an inbox whose type does not say it.
  await card.locator('form.webhook-settings summary', { hasText: 'Avanzado' }).click();
  await card.getByLabel('Antigüedad máxima de la firma (segundos)').fill('10');
  await expect(card.getByText('Entre 30 y 86400 segundos.')).toBeVisible();
  await card.getByLabel('Antigüedad máxima de la firma (segundos)').fill('600');
  await card.getByLabel('Mensajes atrasados (horas)').fill('24');
  await card.getByRole('button', { name: 'Agregar una bandeja' }).click();
  await card.getByLabel('Número de la bandeja 1').fill('7');
  await card.getByLabel('Canal de la bandeja 1').selectOption('facebook');
  await expectAxeClean(page);
  await card.locator('form.webhook-settings').getByRole('button', { name: 'Guardar', exact: true }).click();
  await expect(card.getByText('Guardado.')).toBeVisible();
  expect(await channelSettings(recepta, 'chatwoot')).toMatchObject({
    signatureToleranceSeconds: 600,
    backlogMaxAgeHours: 24,
    inboxChannels: { '7': 'facebook' },
  });
  await card.getByRole('button', { name: 'Quitar la bandeja 1' }).click();
  await card.locator('form.webhook-settings').getByRole('button', { name: 'Guardar', exact: true }).click();
  await expect(card.getByText('Guardado.')).toBeVisible();
  expect((await channelSettings(recepta, 'chatwoot'))?.inboxChannels).toEqual({});

  // Generar una dirección nueva: asks first; the old address then answers 404.
  await card.getByRole('button', { name: 'Generar una dirección nueva' }).click();
  await card.getByRole('button', { name: 'Sí, generar una nueva' }).click();
  await expect(card.getByText('Dirección nueva lista.', { exact: false })).toBeVisible();
  const url = card.getByLabel('Dirección del webhook');
  await expect(url).not.toHaveValue(copied);
  await expect(url).toHaveValue(/\/webhooks\/chatwoot\/[\w-]{20,}$/);
  expect((await post('{}')).status).toBe(404);
});
