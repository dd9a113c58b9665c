// Conocimiento, the way Dr. Pérez (or Laura) uses it: find an article, write a new one,
// edit without losing anything, import the clinic's FAQ file, and check what the
// assistant would find for a patient's question. Axe on every panel, screenshots kept.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface ListBody {
  total: number;
  articles: Array<{ id: number; title: string }>;
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

const list = (page: Page) => page.getByRole('list', { name: 'Artículos' });

test('search the demo articles, write a new one, edit it without losing changes, delete it', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  await app.open('/conocimiento');
  await expect(page.getByRole('heading', { level: 1, name: 'Conocimiento' })).toBeVisible();
  await expect(list(page).getByRole('button', { name: /^Estacionamiento/ })).toBeVisible();
  await expect(page.getByText(/\d+ artículos/)).toBeVisible();

  // Search: accents and plurals do not matter, the matching words are marked.
  await page.getByRole('searchbox', { name: 'Buscar en el conocimiento' }).fill('obras sociales');
  await expect(list(page).getByRole('button').first()).toContainText('Obras sociales y prepagas');
  await expect(list(page).locator('mark').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('conocimiento-busqueda.png') });
  await page.getByRole('searchbox', { name: 'Buscar en el conocimiento' }).fill('');

  // A new article.
  await page.getByRole('button', { name: 'Nuevo artículo' }).click();
  await expect(page.getByLabel('Título')).toBeFocused();
  await page.getByLabel('Título').fill('Implantes dentales');
  await page
    .getByLabel('Contenido')
    .fill('Hacemos implantes con la Dra. Pérez. La primera consulta incluye la evaluación y el presupuesto.');
  await page.getByLabel('Palabras clave').fill('implante, cirugía');
  await page.getByRole('button', { name: 'Crear artículo' }).click();
  await expect(page.getByText('Artículo creado.')).toBeVisible();
  const item = list(page).getByRole('button', { name: /^Implantes dentales/ });
  await expect(item).toHaveAttribute('aria-current', 'true');
  const created = (await recepta.api<ListBody>('GET', '/api/knowledge?q=implantes')).articles.find(
    (a) => a.title === 'Implantes dentales',
  );
  expect(created).toBeDefined();

  // Unsaved changes: leaving asks first; "Seguir editando" keeps them; Ctrl+S saves.
  await page.getByLabel('Contenido').fill('Hacemos implantes de titanio. Consultá por financiación.');
  await expect(page.getByText('Tenés cambios sin guardar.')).toBeVisible();
  await list(page)
    .getByRole('button', { name: /^Estacionamiento/ })
    .click();
  const prompt = page.getByRole('alertdialog');
  await expect(prompt).toContainText('Tenés cambios sin guardar en «Implantes dentales».');
  await expect(prompt).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('conocimiento-cambios-sin-guardar.png') });
  await prompt.getByRole('button', { name: 'Seguir editando' }).click();
  await expect(page.getByLabel('Contenido')).toHaveValue('Hacemos implantes de titanio. Consultá por financiación.');
  await page.getByLabel('Contenido').press('Control+s');
  await expect(page.getByText('Cambios guardados.')).toBeVisible();
  const saved = await recepta.api<{ body: string; tags: string[] }>('GET', `/api/knowledge/${created!.id}`);
  expect(saved).toMatchObject({
    body: 'Hacemos implantes de titanio. Consultá por financiación.',
    tags: ['implante', 'cirugía'],
  });

  // "Guardar y seguir" from the prompt saves, then goes where she clicked.
  await page.getByLabel('Título').fill('Implantes');
  await list(page)
    .getByRole('button', { name: /^Estacionamiento/ })
    .click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Guardar y seguir' }).click();
  await expect(page.getByLabel('Título')).toHaveValue('Estacionamiento');
  expect((await recepta.api<{ title: string }>('GET', `/api/knowledge/${created!.id}`)).title).toBe('Implantes');

  // A change made elsewhere shows up without reloading.
  await recepta.api('POST', '/api/knowledge', {
    title: 'Radiografías',
    body: 'Hacemos radiografías panorámicas en el consultorio.',
    tags: [],
  });
  await expect(list(page).getByRole('button', { name: /^Radiografías/ })).toBeVisible();

  // Delete, with a confirmation.
  await list(page)
    .getByRole('button', { name: /^Implantes/ })
    .click();
  await expect(page.getByLabel('Título')).toHaveValue('Implantes');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('conocimiento-editor.png') });
  await page.getByRole('button', { name: 'Borrar' }).click();
  await expect(page.getByText('¿Borrar «Implantes»? El asistente deja de usarlo enseguida.')).toBeVisible();
  await page.getByRole('button', { name: 'Sí, borrar' }).click();
  await expect(page.getByText('Artículo borrado.')).toBeVisible();
  await expect(list(page).getByRole('button', { name: /^Implantes/ })).toHaveCount(0);
});

test('import a .md file: preview of the articles it creates, then the import', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  await app.open('/conocimiento');
  await page.getByRole('button', { name: 'Importar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Importar artículos' })).toBeVisible();
  const md =
    '# Preguntas frecuentes\n\n## Mascotas\nNo se permiten mascotas en la sala de espera, salvo perros de asistencia.\n\n## Wifi para pacientes\nLa red es «Clinica-Pacientes» y no tiene clave.\n\n## Sin texto\n';
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'preguntas-frecuentes.md', mimeType: 'text/markdown', buffer: Buffer.from(md) });
  await expect(page.getByText('Archivo elegido: preguntas-frecuentes.md')).toBeVisible();
  const preview = page.getByRole('region', { name: 'Vista previa de la importación' });
  await expect(preview).toContainText('Se van a crear 2 artículos:');
  await expect(preview.getByRole('listitem')).toHaveText([/^Mascotas/, /^Wifi para pacientes/]);
  await expect(preview).toContainText('Títulos sin texto, que no se importan: Sin texto.');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('conocimiento-importar.png') });

  const before = (await recepta.api<ListBody>('GET', '/api/knowledge')).total;
  await page.getByRole('button', { name: 'Importar 2 artículos' }).click();
  await expect(page.getByText('Listo: se importaron 2 artículos.')).toBeVisible();
  await expect(list(page).getByRole('button', { name: /^Mascotas/ })).toBeVisible();
  expect((await recepta.api<ListBody>('GET', '/api/knowledge')).total).toBe(before + 2);

  // A .txt saved by an older Windows editor (Windows-1252, not UTF-8) keeps its accents.
  await page.locator('input[type="file"]').setInputFiles({
    name: 'horarios.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Atención en enero:\r\nDe lunes a viernes, también feriados puente.', 'latin1'),
  });
  await expect(preview.getByRole('listitem')).toHaveText([
    /^Atención en enero\s*De lunes a viernes, también feriados puente\.$/,
  ]);

  // A file that is not text is refused before anything is sent.
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff]) });
  await expect(page.getByRole('alert')).toHaveText('Elegí un archivo de texto: .txt o .md.');
});

test('Probar una pregunta shows what the assistant would retrieve, matches marked', async ({ app, page }, testInfo) => {
  await app.open('/conocimiento');
  await page.getByRole('button', { name: 'Probar una pregunta' }).click();
  const question = page.getByLabel('Pregunta del paciente');
  await expect(question).toBeFocused();
  await question.fill('¿Aceptan OSDE?');
  await page.getByRole('button', { name: 'Probar', exact: true }).click();
  const results = page.getByRole('list', { name: 'Lo que encontraría el asistente' });
  await expect(results.getByRole('heading').first()).toHaveText('Obras sociales y prepagas');
  await expect(results.locator('mark', { hasText: 'OSDE' }).first()).toBeVisible();
  await expect(page.getByText('Palabras buscadas: aceptan, osde')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('conocimiento-probar.png'), fullPage: true });
  // Marked matches stay readable in the evening's dark mode too.
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('conocimiento-probar-oscuro.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  await question.fill('cuanto sale la limpieza');
  await question.press('Enter');
  await expect(results.getByRole('heading')).toContainText(['Precios y presupuestos']);

  await results.getByRole('button', { name: 'Abrir «Precios y presupuestos»' }).click();
  await expect(page.getByLabel('Título')).toHaveValue('Precios y presupuestos');

  // Nothing to search for: said plainly.
  await page.getByRole('button', { name: 'Probar una pregunta' }).click();
  await expect(question).toHaveValue('cuanto sale la limpieza');
  await question.fill('hola, buenas');
  await question.press('Enter');
  await expect(page.getByText('La pregunta no tiene palabras para buscar')).toBeVisible();
});

test('an empty knowledge base says what to add, light and dark', async ({ app, page, recepta }, testInfo) => {
  const all = await recepta.api<ListBody>('GET', '/api/knowledge');
  for (const a of all.articles) await recepta.api('DELETE', `/api/knowledge/${a.id}`);
  try {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await app.open('/conocimiento');
      await expect(page.getByRole('heading', { name: 'Todavía no hay artículos' })).toBeVisible();
      await expect(
        page.getByText(/Agregá lo que tus pacientes preguntan siempre: horarios, cómo llegar, obras sociales/),
      ).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`conocimiento-vacio-${scheme}.png`) });
    }
    await page.locator('.kb-idle').getByRole('button', { name: 'Nuevo artículo' }).click();
    await expect(page.getByLabel('Título')).toBeFocused();
  } finally {
    // Put the demo articles back for the other tests of this worker.
    const demo = JSON.parse(readFileSync(path.join(ROOT, 'resources', 'demo-knowledge.json'), 'utf8')) as Array<{
      title: string;
      body: string;
      tags: string[];
    }>;
    for (const a of demo) await recepta.api('POST', '/api/knowledge', a);
  }
});
