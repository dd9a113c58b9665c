// Ajustes › Asistente › "Evaluar mi modelo" as the clinic's owner uses it: against the
// scripted OpenAI-compatible server (here a model that only ever greets), the short run
// shows its progress and ends with a scorecard — what the model did apart from what
// Recepta guarantees (the emergency), and why each conversation failed. Screenshot.
import { echoScript } from '../fakes/fake-openai.js';
import { expect, test } from './fixtures.js';

test('Evaluar mi modelo runs the short suite with progress and shows a scorecard', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  test.setTimeout(240_000);
  recepta.llm.setFallback({ reply: 'Hola, ¿en qué te ayudo?' });
  // The worker's core is shared with other specs: the model is put back afterwards.
  const saved = (await recepta.api<Record<string, unknown>>('GET', '/api/settings'))['ai.model'];
  await recepta.api('PATCH', '/api/settings', { 'ai.model': 'fake-model' });
  try {
    await app.open('/ajustes');
    const card = page.getByRole('region', { name: 'Proveedor de IA' });
    await card.getByRole('button', { name: 'Evaluar mi modelo' }).click();

    // Progress: "Evaluando fake-model… n de 6", with a progress bar, while it runs.
    await expect(card.getByRole('status').filter({ hasText: 'Evaluando fake-model…' })).toContainText(/\d de 6/, {
      timeout: 60_000,
    });
    await expect(card.getByRole('button', { name: 'Evaluar mi modelo' })).toBeDisabled();

    const scorecard = card.getByRole('region', { name: 'Evaluar mi modelo' });
    await expect(scorecard).toBeVisible({ timeout: 180_000 });
    await expect(scorecard).toContainText('No aprobado');
    await expect(scorecard.getByRole('table').first()).toContainText('Lo que hace el modelo');
    await expect(scorecard).toContainText('Red de seguridad (la garantiza Recepta)');
    // The greeting model booked nothing; the emergency is still handled by Recepta's own check.
    const book = scorecard.getByRole('row', { name: /Pide un turno de limpieza/ });
    await expect(book).toContainText('Falló');
    await expect(book).toContainText('no llegó a reservar Limpieza dental');
    await expect(scorecard.getByRole('row', { name: /Síntomas urgentes/ })).toContainText('Bien');
    await expect(card.getByRole('button', { name: 'Evaluar mi modelo' })).toBeEnabled();
    await scorecard.scrollIntoViewIfNeeded();
    await scorecard.screenshot({ path: testInfo.outputPath('evaluar-mi-modelo.png') });
  } finally {
    await recepta.api('PATCH', '/api/settings', { 'ai.model': saved });
    recepta.llm.setFallback(echoScript);
  }
});
