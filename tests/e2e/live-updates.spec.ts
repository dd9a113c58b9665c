import { AppDriver, expect, test } from './fixtures.js';

test('while the push channel is down a calm banner says so, and updates resume once it is back', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  // The push channel being down is the point: Chromium logs each refused reconnection.
  app.console.failedRequest('net::ERR_CONNECTION_REFUSED', /\/api\/events/, 'the push channel is down on purpose');
  let offline = true;
  await page.route('**/api/events', (route) => (offline ? route.abort('connectionrefused') : route.continue()));
  await app.open('/conversaciones');
  const banner = page.getByRole('status').filter({ hasText: 'Se perdió la conexión con Recepta' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Reintentando en \d+ s\./);
  await page.screenshot({ path: testInfo.outputPath('sin-conexion.png') });

  const retryNow = banner.getByRole('button', { name: 'Reintentar ahora' });
  await expect(retryNow).toBeVisible();
  offline = false;
  // The banner's own timer may reconnect between these two lines; either way the banner must go.
  await retryNow.click({ timeout: 2_000 }).catch(() => undefined);
  await expect(banner).toHaveCount(0);
  await expect(page.getByText('Al día')).toBeVisible();

  // Back live: a new patient message shows up without touching anything.
  await recepta.api('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name: 'Vuelta Online',
    text: 'sigo acá',
  });
  await expect(
    page.getByRole('list', { name: 'Conversaciones' }).getByRole('link', { name: /Vuelta Online/ }),
  ).toBeVisible();
});

test('in a half-screen window the list and the chat take turns, with a way back', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  await page.setViewportSize({ width: 700, height: 800 });
  // More chats than fit, so the (virtualized) list has to come back at the same place.
  for (let i = 0; i < 8; i++) {
    await recepta.api('POST', '/api/simulator/messages', {
      from: AppDriver.uniqueNumber(),
      name: `Relleno ${i}`,
      text: 'hola',
    });
  }
  await recepta.api('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name: 'Media Pantalla',
    text: 'hola',
  });
  await app.open('/conversaciones');
  const item = page.getByRole('list', { name: 'Conversaciones' }).getByRole('link', { name: /Media Pantalla/ });
  await item.click();
  await expect(page.getByRole('log', { name: 'Mensajes con Media Pantalla' })).toBeVisible();
  await expect(item).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath('media-pantalla-chat.png') });
  await page.getByRole('link', { name: 'Volver a la lista' }).click();
  await expect(item).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('media-pantalla-lista.png') });
});
