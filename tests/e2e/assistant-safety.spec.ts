// The clinic's emergency number in Ajustes › Clínica, and the alert Laura gets when the
// model stops answering: one desktop notification and a banner for the outage (however
// many chats meet it), gone when the model answers again.
import type { ClinicProfile } from '../../main/http/agenda-types.js';
import { echoScript } from '../fakes/fake-openai.js';
import { seriousViolations } from './agenda-fixtures.js';
import { expect, test } from './fixtures.js';

test('the emergency number is edited in Ajustes › Clínica, checked by the core and kept', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  // The core refusing a bad number is the point: it answers 400 and Chromium logs it.
  app.console.failedRequest(400, /\/api\/clinic/, 'an invalid emergency number is refused');
  const before = await recepta.api<ClinicProfile>('GET', '/api/clinic');
  expect(before.emergencyNumber).toBe('107');
  await app.open('/ajustes');
  await page
    .getByRole('group', { name: 'Secciones de ajustes' })
    .getByRole('link', { name: 'Clínica', exact: true })
    .click();
  const field = page.getByLabel('Número de emergencias');
  await expect(field).toHaveValue('107');
  await expect(page.getByText('El asistente lo da ante síntomas urgentes')).toBeVisible();
  await field.fill('911');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByText('Guardado')).toBeVisible();
  expect((await recepta.api<ClinicProfile>('GET', '/api/clinic')).emergencyNumber).toBe('911');
  expect(await seriousViolations(page)).toEqual([]);
  await field.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('ajustes-clinica-emergencias.png') });
  // Letters are refused by the core, with the field named.
  await field.fill('llamar al SAME');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByRole('alert')).toContainText('Número de emergencias');
  expect((await recepta.api<ClinicProfile>('GET', '/api/clinic')).emergencyNumber).toBe('911');
  // Any other field the core refuses is named too (not a generic "check the form").
  await field.fill('107');
  await page.getByLabel('E-mail').fill('esto no es un mail');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByRole('alert')).toContainText('Revisá «E-mail»');
  await recepta.api('PUT', '/api/clinic', { ...before, emergencyNumber: '107' });
});

test('one notification and a banner while the model is down; the banner goes when it answers again', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  // Record desktop notifications instead of showing them.
  await page.addInitScript(() => {
    const shown: Array<{ title: string; body: string; tag: string }> = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body: string; tag: string }) {
        shown.push({ title, body: options.body, tag: options.tag });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
  });
  const settings = await recepta.api<Record<string, unknown>>('GET', '/api/settings');
  await recepta.api('PATCH', '/api/settings', { 'ai.retryDelayMs': 600_000, 'pipeline.debounceMs': 0 });
  try {
    // Start from a model that answers (an earlier test of this worker may have left an outage open).
    recepta.llm.setFallback({ reply: 'Hola, ¿en qué te ayudo?' });
    const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: '+5491164000000',
      text: 'hola',
    });
    await expect
      .poll(async () =>
        (await recepta.api<Array<{ role: string }>>('GET', `/api/conversations/${conversationId}/messages`)).some(
          (m) => m.role === 'assistant',
        ),
      )
      .toBe(true);
    await app.open('/conversaciones');
    recepta.llm.setFallback({ status: 503 });
    for (const from of ['+5491164000001', '+5491164000002', '+5491164000003']) {
      await recepta.api('POST', '/api/simulator/messages', { from, text: '¿tienen turno mañana?' });
    }
    const banner = page.getByTestId('assistant-outage');
    await expect(banner).toContainText('El asistente no puede responder: el modelo devolvió un error.');
    await expect(banner.getByRole('link', { name: 'Revisar Ajustes › Asistente' })).toBeVisible();
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications.length),
      )
      .toBe(1);
    const [notice] = await page.evaluate(
      () => (window as unknown as { shownNotifications: Array<{ title: string; tag: string }> }).shownNotifications,
    );
    expect(notice).toMatchObject({ title: 'El asistente no responde', tag: 'recepta-assistant-outage' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('assistant-outage-banner.png') });
    // Opened again mid-outage (a reload, the app restarted): the banner is back from /api/health, without a second notification.
    await page.reload();
    await expect(page.getByTestId('assistant-outage')).toContainText('el modelo devolvió un error');
    expect(
      await page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications.length),
    ).toBe(0);
    // The model answers again: the banner goes, and no new notification.
    recepta.llm.setFallback({ reply: 'Sí, mañana hay turnos.' });
    await recepta.api('POST', '/api/simulator/messages', { from: '+5491164000004', text: 'hola' });
    await expect(page.getByTestId('assistant-outage')).toHaveCount(0);
    expect(
      await page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications.length),
    ).toBe(0);
  } finally {
    // The worker's other tests expect the scripted model's default (it echoes) and the settings as they were.
    recepta.llm.setFallback(echoScript);
    await recepta.api('PATCH', '/api/settings', {
      'ai.retryDelayMs': settings['ai.retryDelayMs'],
      'pipeline.debounceMs': settings['pipeline.debounceMs'],
    });
  }
});
