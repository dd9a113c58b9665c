// Ajustes › Asistente as the clinic's owner sets it up: the AI provider tested against a
// scripted OpenAI-compatible server on 127.0.0.1 (models listed, one chosen with a click,
// every failure said in plain Spanish, progress while it waits), and how the assistant
// talks saved and read back. Axe and screenshots.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

const result = (page: Page) => page.getByTestId('connection-result');

test('Probar conexión lists the models, picks one, and explains each failure', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  // Each failure explained is the point: the core answers 409 and Chromium logs it.
  app.console.failedRequest(409, /\/api\/assistant\/test-connection/, 'a failing connection test is explained');
  recepta.llm.setModels({ models: ['fake-model', 'llama3.1:8b'] });
  try {
    await app.open('/ajustes');
    const provider = page.getByRole('group', { name: 'Proveedor' });
    // The core was started with OPENAI_BASE_URL pointing at the scripted server: "otro compatible".
    await expect(provider.getByRole('radio', { name: 'Otro compatible con OpenAI' })).toBeChecked();
    await expect(page.getByLabel('URL base', { exact: true })).toHaveValue(recepta.llm.baseUrl);

    await page.getByRole('button', { name: 'Probar conexión' }).click();
    await expect(result(page)).toContainText(
      'No se pudo conectar: El servidor funciona, pero no ofrece el modelo «gpt-4o-mini».',
    );
    await page.getByRole('button', { name: 'Usar el modelo fake-model' }).click();
    await expect(page.getByLabel('Modelo', { exact: true })).toHaveValue('fake-model');
    await page.getByRole('button', { name: 'Probar conexión' }).click();
    await expect(result(page)).toContainText(
      'Conectado ✓ 2 modelos disponibles. El modelo «fake-model» está disponible.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page
      .getByRole('region', { name: 'Proveedor de IA' })
      .screenshot({ path: testInfo.outputPath('asistente-conectado.png') });

    // A rejected key: said plainly, with the status, and the key itself nowhere.
    recepta.llm.setModels({ status: 401, message: `Incorrect API key provided: ${recepta.apiKey}` });
    await page.getByRole('button', { name: 'Probar conexión' }).click();
    await expect(result(page)).toContainText('El proveedor rechazó la clave de API');
    await expect(result(page)).toContainText('(respuesta HTTP 401)');
    expect(await page.content()).not.toContain(recepta.apiKey);
    await result(page).screenshot({ path: testInfo.outputPath('asistente-clave-rechazada.png') });

    // Slow: progress is visible while it waits, then the timeout is explained.
    recepta.llm.setModels({ hang: true });
    await page.getByRole('button', { name: 'Probar conexión' }).click();
    await expect(page.getByText(`Probando la conexión con ${new URL(recepta.llm.baseUrl).host}…`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Probar conexión' })).toBeDisabled();
    await expect(result(page)).toContainText('El servidor no respondió a tiempo', { timeout: 20_000 });

    // A preset fills the address; nothing listens there in the test machine.
    await provider.getByRole('radio', { name: 'LM Studio (en esta PC)' }).check();
    await expect(page.getByLabel('URL base', { exact: true })).toHaveValue('http://127.0.0.1:1234/v1');
    await page.getByLabel('URL base', { exact: true }).fill('http://127.0.0.1:9/v1');
    await page.getByRole('button', { name: 'Probar conexión' }).click();
    // The saved key belongs to the first server: this one is tested with a key typed for it.
    await page.getByLabel('Clave de 127.0.0.1:9').fill('sk-typed-for-this-server');
    await page.getByRole('button', { name: 'Probar con esta clave' }).click();
    await expect(result(page)).toContainText('No hay nada respondiendo en esa dirección.');
    // Nothing was saved by testing: discarding goes back to the saved address.
    await page.getByRole('button', { name: 'Descartar cambios' }).last().click();
    await expect(page.getByLabel('URL base', { exact: true })).toHaveValue(recepta.llm.baseUrl);
    expect((await recepta.api<Record<string, unknown>>('GET', '/api/settings'))['ai.baseUrl']).toBe(
      recepta.llm.baseUrl,
    );
  } finally {
    recepta.llm.setModels({ models: ['fake-model'] });
  }
});

test('how the assistant talks and when it answers are saved and read back', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const before = await recepta.api<Record<string, unknown>>('GET', '/api/settings');
  try {
    await app.open('/ajustes');
    await expect(page.getByRole('radio', { name: /Voseo rioplatense/ })).toBeChecked();
    await expect(page.getByRole('radio', { name: /^Siempre/ })).toBeChecked();
    await expect(page.getByLabel('Nunca debe…')).toHaveValue(/Recetar o recomendar medicamentos\./);

    await page.getByRole('radio', { name: /^Usted/ }).check();
    await page.getByRole('radio', { name: /Formal y sobrio/ }).check();
    await page.getByRole('radio', { name: /Solo fuera del horario de atención/ }).check();
    await page.getByLabel('Idioma de las respuestas').selectOption('es');
    await page.getByLabel('Creatividad (temperatura)').fill('0,5');
    const wait = page.getByLabel('Espera por la transcripción (segundos)');
    await expect(wait).toHaveValue('20');
    await wait.fill('8');
    await wait.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: testInfo.outputPath('asistente-imagenes-y-audios.png') });
    await page.getByLabel('Instrucciones propias').fill('Ofrecé primero los turnos de la mañana.');
    await page.getByLabel('Nunca debe…').press('End');
    await page.getByLabel('Nunca debe…').press('Control+End');
    await page.keyboard.type('\nPrometer resultados de un tratamiento.');
    await expect(page.getByText('Tenés cambios sin guardar en el asistente.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('asistente-trato.png'), fullPage: true });
    await page.getByRole('button', { name: 'Guardar el asistente' }).click();
    await expect(page.getByText('Ajustes del asistente guardados.')).toBeVisible();

    const saved = await recepta.api<Record<string, unknown>>('GET', '/api/settings');
    expect(saved).toMatchObject({
      'assistant.tone': 'usted',
      'assistant.register': 'formal',
      'assistant.mode': 'outside_hours',
      'assistant.replyLanguage': 'es',
      'ai.temperature': 0.5,
      'ai.voiceNoteWaitMs': 8_000,
      'assistant.customInstructions': 'Ofrecé primero los turnos de la mañana.',
    });
    expect(saved['assistant.neverDo']).toHaveLength(4);
    expect((saved['assistant.neverDo'] as string[]).at(-1)).toBe('Prometer resultados de un tratamiento.');

    // After a reload the form shows what was saved.
    await page.reload();
    await expect(page.getByRole('radio', { name: /^Usted/ })).toBeChecked();
    await expect(page.getByLabel('Creatividad (temperatura)')).toHaveValue('0.5');
    await expect(page.getByLabel('Espera por la transcripción (segundos)')).toHaveValue('8');
  } finally {
    const keys = [
      'assistant.tone',
      'assistant.register',
      'assistant.mode',
      'assistant.replyLanguage',
      'ai.temperature',
      'ai.voiceNoteWaitMs',
      'assistant.customInstructions',
      'assistant.neverDo',
    ];
    await recepta.api('PATCH', '/api/settings', Object.fromEntries(keys.map((k) => [k, before[k]])));
  }
});
