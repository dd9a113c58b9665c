import { echoScript } from '../fakes/fake-openai.js';
import { AppDriver, expect, test } from './fixtures.js';

test('a message typed in "Probar el asistente" and the assistant reply appear live, without a reload', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const listRequests: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/conversations') listRequests.push(r.url());
  });
  await app.open('/');
  await app.nav('Conversaciones').click();
  await expect(page).toHaveURL(/\/conversaciones$/);
  await page.evaluate(() => {
    (window as unknown as { __marker?: string }).__marker = 'same-page';
  });

  const simulator = page.getByRole('region', { name: 'Probar el asistente' });
  const toggle = simulator.getByRole('button', { name: 'Probar el asistente' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await simulator.getByLabel('Número del paciente').fill(AppDriver.uniqueNumber());
  await simulator.getByLabel('Nombre').fill('Marta Prueba');
  const text = 'hola, tenés turno para limpieza el jueves?';
  await simulator.getByLabel('Mensaje del paciente').fill(text);
  await simulator.getByRole('button', { name: 'Enviar como paciente' }).click();

  // The new conversation opens by itself; her message, then the assistant's reply, arrive through the push channel.
  const log = page.getByRole('log', { name: 'Mensajes con Marta Prueba' });
  await expect(log.locator('[data-role="patient"]')).toContainText(text);
  const reply = log.locator('[data-role="assistant"]');
  await expect(reply).toContainText(`Respuesta a: ${text}`, { timeout: 20_000 });
  await expect(reply).toContainText('Asistente');
  await expect(reply).toContainText('Enviado');
  await expect(
    page.getByRole('list', { name: 'Conversaciones' }).getByRole('link', { name: /Marta Prueba/ }),
  ).toBeVisible();

  expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('same-page');
  expect(recepta.llm.chatRequests().some((r) => JSON.stringify(r.body.messages).includes('limpieza el jueves'))).toBe(
    true,
  );
  // Live, not polled: the list was asked for at load and once when the push channel opened.
  expect(listRequests.length).toBeLessThanOrEqual(3);

  await page.screenshot({ path: testInfo.outputPath('conversaciones.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: testInfo.outputPath('conversaciones-oscuro.png') });
});

test('a staff reply hands the chat to a human, and "Devolver al asistente" gives it back', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name: 'Jorge Mostrador',
    text: 'quiero hablar con una persona',
  });
  await app.open('/conversaciones');
  const item = page.getByRole('list', { name: 'Conversaciones' }).getByRole('link', { name: /Jorge Mostrador/ });
  await item.click();
  await expect(page).toHaveURL(new RegExp(`/conversaciones/${conversationId}$`));

  const composer = page.getByRole('textbox', { name: 'Respuesta para Jorge Mostrador' });
  await expect(composer).toBeFocused();
  await composer.fill('Hola Jorge, soy Laura.');
  await composer.press('Shift+Enter');
  await composer.pressSequentially('Te llamo en un rato.');
  await composer.press('Enter');

  const log = page.getByRole('log', { name: 'Mensajes con Jorge Mostrador' });
  const staff = log.locator('[data-role="staff"]');
  await expect(staff).toContainText('Equipo');
  await expect(staff.locator('.msg__text')).toHaveText('Hola Jorge, soy Laura.\nTe llamo en un rato.');
  await expect(staff).toContainText('Enviado');
  await expect(composer).toHaveValue('');

  // Replying paused the assistant: visible in the chat and in the list, with the time left.
  await expect(item).toContainText('Atendido por humano');
  await expect(page.getByText(/Vuelve solo en (24 h|23 h \d+ min)\./)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('atendido-por-humano.png') });

  await page.getByRole('button', { name: 'Devolver al asistente' }).click();
  await expect(item).not.toContainText('Atendido por humano');
  await expect(page.getByRole('button', { name: 'Lo atiendo yo' })).toBeVisible();
  expect(
    (await recepta.api<{ humanOverrideUntil: string | null }>('GET', `/api/conversations/${conversationId}`))
      .humanOverrideUntil,
  ).toBeNull();

  await page.getByRole('button', { name: 'Lo atiendo yo' }).click();
  await expect(item).toContainText('Atendido por humano');
  await expect(composer).toBeFocused();
  await expect(page.getByRole('button', { name: 'Devolver al asistente' })).toBeVisible();
  expect(
    (await recepta.api<{ humanOverrideUntil: string | null }>('GET', `/api/conversations/${conversationId}`))
      .humanOverrideUntil,
  ).not.toBeNull();
});

test('a draft survives switching chats', async ({ app, page, recepta }) => {
  for (const name of ['Draft Uno', 'Draft Dos']) {
    await recepta.api('POST', '/api/simulator/messages', {
      from: AppDriver.uniqueNumber(),
      name,
      text: `hola, soy ${name}`,
    });
  }
  await app.open('/conversaciones');
  const list = page.getByRole('list', { name: 'Conversaciones' });
  await list.getByRole('link', { name: /Draft Uno/ }).click();
  await page.getByRole('textbox', { name: 'Respuesta para Draft Uno' }).fill('borrador a medio escribir');
  await list.getByRole('link', { name: /Draft Dos/ }).click();
  await expect(page.getByRole('textbox', { name: 'Respuesta para Draft Dos' })).toHaveValue('');
  await list.getByRole('link', { name: /Draft Uno/ }).click();
  await expect(page.getByRole('textbox', { name: 'Respuesta para Draft Uno' })).toHaveValue(
    'borrador a medio escribir',
  );
});

test('a message arriving in another chat shows up in the list while Laura reads this one', async ({
  app,
  page,
  recepta,
}) => {
  const from = AppDriver.uniqueNumber();
  await recepta.api('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name: 'Lectora Actual',
    text: 'hola',
  });
  await app.open('/conversaciones');
  await page
    .getByRole('list', { name: 'Conversaciones' })
    .getByRole('link', { name: /Lectora Actual/ })
    .click();
  await recepta.api('POST', '/api/simulator/messages', { from, name: 'Nueva Paciente', text: 'llego tarde al turno' });
  const item = page.getByRole('list', { name: 'Conversaciones' }).getByRole('link', { name: /Nueva Paciente/ });
  await expect(item).toContainText(/llego tarde al turno|Respuesta a: llego tarde/);
  await expect(item).toContainText(/sin leer/);
});

test('when the AI rejects the key the numbered menu answers, with a small note that says why', async ({
  app,
  page,
  recepta,
}) => {
  recepta.llm.setFallback({ status: 401, message: 'Incorrect API key provided' });
  try {
    const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: AppDriver.uniqueNumber(),
      name: 'Sin IA',
      text: 'hola, ¿hay alguien?',
    });
    await app.open(`/conversaciones/${conversationId}`);
    const reply = page.getByRole('log', { name: 'Mensajes con Sin IA' }).locator('[data-role="assistant"]');
    await expect(reply).toContainText('1. Pedir un turno', { timeout: 20_000 });
    await expect(reply).toContainText('Menú automático: el proveedor de IA rechazó la clave. Revisala en Ajustes.');
  } finally {
    recepta.llm.setFallback(echoScript);
  }
});
