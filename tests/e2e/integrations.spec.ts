// Ajustes › Integraciones: Laura adds a Slack channel, an e-mail and a signed webhook (each
// a real receiver on 127.0.0.1: a Slack-shaped one, smtp-server, a webhook that checks the
// signature with the secret the screen showed once), sends each a test, reads the delivery
// log and its attempts, pauses one, and runs an automation now. axe-clean; screenshots at
// both target sizes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { SMTPServer } from 'smtp-server';
import type { NotificationEndpoint } from '../../main/http/notifications-types.js';
import { verifySignature } from '../../main/notifications/signature.js';
import { expect, test } from './fixtures.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function httpReceiver(): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, server };
}

async function smtpReceiver(): Promise<{ port: number; mails: string[]; server: SMTPServer }> {
  const mails: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'recepta' && auth.password === 'smtp-pass-e2e') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        mails.push(data);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, mails, server };
}

function expectNoSeriousAxe(
  violations: Array<{ impact?: string | null; id: string; nodes: Array<{ target: unknown[] }> }>,
) {
  expect(
    violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) })),
  ).toEqual([]);
}

test('Ajustes › Integraciones: Slack, correo and webhook get a test, the log shows it, one is paused', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  test.setTimeout(120_000);
  const slack = await httpReceiver();
  const hook = await httpReceiver();
  const smtp = await smtpReceiver();
  try {
    await app.open('/ajustes');
    await page
      .getByRole('group', { name: 'Secciones de ajustes' })
      .getByRole('link', { name: 'Integraciones' })
      .click();
    await expect(page.getByRole('heading', { level: 2, name: 'Integraciones' })).toBeVisible();
    await expect(page.getByText('Todavía no hay destinos')).toBeVisible();

    // Slack: only new appointments and chats left waiting.
    await page.getByRole('button', { name: 'Agregar destino' }).click();
    await page.getByLabel('Nombre').fill('Slack de recepción');
    await page.getByLabel('Dirección (URL)').fill(slack.url);
    await page.getByRole('checkbox', { name: 'Turno nuevo' }).check();
    await page.getByRole('checkbox', { name: 'Un chat espera más de lo acordado' }).check();
    await page.getByRole('form', { name: 'Nuevo destino' }).getByRole('button', { name: 'Guardar' }).click();
    const rows = page.getByTestId('integration-endpoint');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('2 eventos');

    // E-mail through a real SMTP server; the password goes to the keychain.
    await page.getByRole('button', { name: 'Agregar destino' }).click();
    await page.getByLabel('Tipo').selectOption({ label: 'Correo' });
    await page.getByLabel('Nombre').fill('Correo de la dueña');
    await page.getByLabel('Servidor SMTP').fill('127.0.0.1');
    await page.getByLabel('Puerto').fill(String(smtp.port));
    await page.getByLabel('Seguridad').selectOption('none');
    await page.getByLabel('Usuario (opcional)').fill('recepta');
    await page.getByLabel('Contraseña').fill('smtp-pass-e2e');
    await page.getByLabel('Remitente').fill('recepta@clinica.test');
    await page.getByLabel('Destinatarios').fill('duena@clinica.test, recepcion@clinica.test');
    await page.getByRole('form', { name: 'Nuevo destino' }).getByRole('button', { name: 'Guardar' }).click();
    await expect(rows).toHaveCount(2);

    // Webhook: its signing secret is made here and shown once.
    await page.getByRole('button', { name: 'Agregar destino' }).click();
    await page.getByLabel('Tipo').selectOption({ label: 'Webhook' });
    await page.getByLabel('Nombre').fill('CRM');
    await page.getByLabel('Dirección (URL)').fill(hook.url);
    await page.getByRole('form', { name: 'Nuevo destino' }).getByRole('button', { name: 'Guardar' }).click();
    await expect(rows).toHaveCount(3);
    const secretBox = page.getByTestId('signing-secret');
    await expect(secretBox).toContainText('README');
    const secret = (await secretBox.locator('code').textContent())!.trim();
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.screenshot({ path: testInfo.outputPath('integraciones-secreto.png'), fullPage: true });
    await page.getByRole('button', { name: 'Listo, ya lo copié' }).click();
    await expect(secretBox).toHaveCount(0);

    // No secret is ever answered by the API.
    const endpoints = await recepta.api<NotificationEndpoint[]>('GET', '/api/notifications/endpoints');
    expect(JSON.stringify(endpoints)).not.toContain(secret);
    expect(JSON.stringify(endpoints)).not.toContain('smtp-pass-e2e');
    expect(endpoints.map((e) => [e.kind, e.hasSecret])).toEqual([
      ['slack', false],
      ['email', true],
      ['webhook', true],
    ]);

    // A test each, with its outcome on the row.
    for (let i = 0; i < 3; i++) {
      const row = rows.nth(i);
      await row.getByRole('button', { name: 'Enviar prueba' }).click();
      await expect(row.getByTestId('test-result')).toContainText('Prueba entregada', { timeout: 30_000 });
    }
    expect(JSON.parse(slack.got[0]!.body).text).toContain('Prueba de notificación de Recepta');
    expect(smtp.mails[0]).toContain('Prueba de notificaci');
    const signed = hook.got[0]!;
    const header = String(signed.headers['x-recepta-signature']);
    const t = Number(/t=(\d+)/.exec(header)![1]);
    expect(verifySignature(secret, signed.body, header, t)).toBe(true);
    expect(JSON.parse(signed.body)).toMatchObject({ type: 'test.ping' });

    // The log: three tests sent; filtered by endpoint, one; its attempt with status and duration.
    const log = page.getByTestId('delivery-log');
    await page.getByRole('button', { name: 'Actualizar' }).click();
    await expect(log.getByRole('listitem').filter({ hasText: 'Enviado' })).toHaveCount(3);
    await page.getByLabel('Destino').selectOption({ label: 'Slack de recepción' });
    await expect(log.locator(':scope > li')).toHaveCount(1);
    await log.getByRole('button', { name: 'Ver intentos (1)' }).click();
    await expect(log).toContainText(/Intento 1: OK 200 · \d+ ms/);
    await page.getByLabel('Destino').selectOption({ label: 'Todos' });
    await page.getByLabel('Estado').selectOption({ label: 'Falló' });
    await expect(page.getByText('No hay envíos con estos filtros.')).toBeVisible();
    await page.getByLabel('Estado').selectOption({ label: 'Todos' });
    await page.getByLabel('Evento').selectOption({ label: 'Prueba' });
    await expect(log.locator(':scope > li')).toHaveCount(3);

    // Pause the Slack one.
    await page.getByRole('button', { name: 'Pausar: Slack de recepción' }).click();
    await expect(rows.first()).toContainText('Pausado');
    const after = await recepta.api<NotificationEndpoint[]>('GET', '/api/notifications/endpoints');
    expect(after.find((e) => e.kind === 'slack')!.enabled).toBe(false);

    // Editing the e-mail: the password is not shown, only that it is kept.
    await page.getByRole('button', { name: 'Editar: Correo de la dueña' }).click();
    await expect(page.getByText('Guardada en el llavero. Escribí otra para cambiarla.')).toBeVisible();
    await expect(page.getByLabel('Contraseña')).toHaveValue('');
    await page.getByRole('button', { name: 'Cancelar' }).click();

    // Automatizaciones: the SLA watch runs now and shows its run.
    const automations = page.getByTestId('automations');
    await automations.getByRole('button', { name: 'Ejecutar ahora: Chats que esperan' }).click();
    await expect(automations).toContainText('Última vez:');

    expectNoSeriousAxe((await new AxeBuilder({ page }).analyze()).violations);
    await page.screenshot({ path: testInfo.outputPath('integraciones-1366.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: testInfo.outputPath('integraciones-1024.png'), fullPage: true });
  } finally {
    await new Promise((resolve) => slack.server.close(resolve));
    await new Promise((resolve) => hook.server.close(resolve));
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  }
});
