// Reminders as the clinic sets them up (issue 17): Ajustes › Recordatorios turned on with
// the main reminder moved to 96 h before (so the next open weekday is in reach on any pinned
// date), the text's preview, "Ejecutar ahora" with its result, the reminder in the patient's
// chat, and the agenda's "Confirmaciones". Axe and screenshots.
import { AppDriver, expect, test } from './fixtures.js';
import { book, createBookable, instantAt, nextWorkday, seriousViolations, unique } from './agenda-fixtures.js';

test('the owner turns reminders on, runs them now, and sees the reminder in the chat and the confirmation report', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const name = unique('Rita Recordada');
  recepta.llm.enqueue({ reply: '¡Hola Rita! ¿En qué te ayudo?' });
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name,
    text: 'hola, quería consultar por un turno',
  });
  const [patient] = await recepta.api<Array<{ id: number }>>('GET', `/api/patients?q=${encodeURIComponent(name)}`);
  const desk = await createBookable(recepta);
  const day = await nextWorkday(recepta);
  await book(recepta, desk, patient!.id, instantAt(day, '09:00'));
  const before = await recepta.api<Record<string, unknown>>('GET', '/api/settings');

  try {
    await app.open('/ajustes');
    await page
      .getByRole('group', { name: 'Secciones de ajustes' })
      .getByRole('link', { name: 'Recordatorios' })
      .click();
    await expect(page.getByRole('heading', { name: 'Recordatorios', level: 2 })).toBeVisible();
    // Off by default: "Ejecutar ahora" says why it cannot run yet.
    await expect(page.getByRole('button', { name: 'Ejecutar ahora' })).toBeDisabled();
    await page.getByRole('checkbox', { name: 'Enviar recordatorios' }).check();
    const main = page.getByRole('group', { name: 'Recordatorio principal (pide confirmar)' });
    await main.getByLabel('Horas antes del turno').fill('96');
    await expect(page.getByTestId('reminder-preview-main')).toHaveText(
      '¿Confirmás tu turno del jueves 14 de mayo a las 10:30 con Dra. Pérez? Respondé 1 para confirmar o 2 para cancelar.',
    );
    await expect(page.getByRole('checkbox', { name: /solo a pacientes que ya escribieron/ })).toBeChecked();
    // «Si un recordatorio no llega» and Inasistencias, below, each have a "Guardar" of its own.
    await page.locator('form.reminders-settings').getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByText('Guardado.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('heading', { name: 'Cuándo' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('reminders-settings.png') });

    await page.getByRole('button', { name: 'Ejecutar ahora' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Listo: \d+ recordatorios? decidido/ })).toBeVisible({
      timeout: 20_000,
    });
    await page.getByRole('button', { name: 'Ejecutar ahora' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('reminders-run.png') });

    // The reminder is a message in Rita's chat, with her visit's day and hour.
    const when = day.setLocale('es').toFormat("cccc d 'de' LLLL");
    await app.open(`/conversaciones/${conversationId}`);
    await expect(
      page.locator('.thread').getByText(`¿Confirmás tu turno del ${when} a las 09:00 con ${desk.practitioner.name}?`),
    ).toBeVisible({
      timeout: 20_000,
    });
    await page.screenshot({ path: testInfo.outputPath('reminders-chat.png') });

    // The agenda's "Confirmaciones": Rita's visit, reminded, not answered yet.
    await app.open('/agenda');
    await page.getByRole('button', { name: 'Confirmaciones' }).click();
    const panel = page.locator('.confirmations');
    const rita = panel.getByRole('listitem').filter({ hasText: name });
    await expect(rita).toBeVisible();
    await expect(rita).toContainText(/Sin respuesta|Sin recordatorio aún/);
    await expect(panel.getByRole('heading', { name: 'Últimos 7 días por profesional' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('reminders-confirmations.png') });
  } finally {
    await recepta.api('PATCH', '/api/settings', {
      'reminders.enabled': before['reminders.enabled'] ?? null,
      'reminders.main.offsetHours': before['reminders.main.offsetHours'] ?? null,
    });
  }
});
