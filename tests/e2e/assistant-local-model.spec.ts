// Ajustes › Asistente with a local model: a preset fills a tool-calling model, a longer
// timeout and turns voice notes off; "Probar conexión" on a model whose server refuses
// tools says so plainly (the assistant will still work, in the simple mode). Screenshot.
import { AxeBuilder } from '@axe-core/playwright';
import { echoScript } from '../fakes/fake-openai.js';
import { expect, test } from './fixtures.js';

test('a local preset, and a model without tools said plainly by Probar conexión', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  recepta.llm.setModels({ models: ['gemma:2b', 'fake-model'] });
  // As Ollama answers for gemma:2b (ollama/ollama#6027). Only this model is refused: the others keep their tools.
  recepta.llm.setFallback((req) =>
    req.body.tools && req.body.model === 'gemma:2b'
      ? { status: 400, message: 'registry.ollama.ai/library/gemma:2b does not support tools' }
      : { reply: 'ok' },
  );
  try {
    await app.open('/ajustes');
    const provider = page.getByRole('group', { name: 'Proveedor' });
    await provider.getByRole('radio', { name: 'Ollama (en esta PC)' }).check();
    await expect(page.getByLabel('URL base', { exact: true })).toHaveValue('http://127.0.0.1:11434/v1');
    await expect(page.getByLabel('Modelo', { exact: true })).toHaveValue('qwen2.5:7b-instruct');
    await expect(page.getByLabel('Tiempo máximo de respuesta (segundos)')).toHaveValue('90');
    await expect(
      page.getByRole('group', { name: 'Transcribir las notas de voz' }).getByRole('radio', { name: /^No/ }),
    ).toBeChecked();
    await page.getByRole('button', { name: 'Descartar cambios' }).last().click();

    await page.getByLabel('Modelo', { exact: true }).fill('gemma:2b');
    await page.getByRole('button', { name: 'Probar conexión' }).click();
    const warning = page.getByTestId('connection-no-tools');
    await expect(warning).toContainText('Este modelo no acepta herramientas');
    await expect(warning).toContainText('qwen2.5:7b-instruct');
    const results = await new AxeBuilder({ page }).include('.connection-test').analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page
      .getByRole('region', { name: 'Proveedor de IA' })
      .screenshot({ path: testInfo.outputPath('asistente-modelo-sin-herramientas.png') });

    await page.getByLabel('Modelo', { exact: true }).fill('fake-model');
    await page.getByRole('button', { name: 'Probar conexión' }).click();
    await expect(page.getByTestId('connection-result')).toContainText('Acepta herramientas');
    await expect(page.getByTestId('connection-no-tools')).toHaveCount(0);
    await page.getByRole('button', { name: 'Descartar cambios' }).last().click();
  } finally {
    recepta.llm.setModels({ models: ['fake-model'] });
    recepta.llm.setFallback(echoScript);
  }
});
