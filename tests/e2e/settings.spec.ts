import { expect, test } from './fixtures.js';

test('Ajustes says the key comes from the environment and never shows it', async ({ app, page, recepta }, testInfo) => {
  await app.open('/');
  await app.nav('Ajustes').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible();
  await expect(page.getByTestId('api-key-status')).toHaveText('Definida por variable de entorno');
  // Nothing to type into: an environment key is changed where Recepta starts.
  await expect(page.locator('input[type="password"]')).toHaveCount(0);

  const html = await page.content();
  expect(html).not.toContain(recepta.apiKey);
  expect(html).not.toContain('sk-e2e-');
  const values = await page
    .locator('input, textarea')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(values.join('\n')).not.toContain('sk-e2e-');
  await page.screenshot({ path: testInfo.outputPath('ajustes.png'), fullPage: true });
});

test('the clinic name has one home, Ajustes › Clínica: saving it there shows progress and success, the API and the sidebar follow', async ({
  app,
  page,
  recepta,
}) => {
  await app.open('/ajustes');
  // General keeps only what the assistant reads about the clinic, and points to where the rest is edited.
  await expect(page.getByLabel('Nombre de la clínica')).toHaveCount(0);
  await expect(page.getByLabel('Perfil de la clínica')).toBeVisible();
  await page.getByRole('link', { name: 'Ajustes › Clínica' }).click();
  const name = page.getByLabel('Nombre de la clínica');
  await expect(name).toHaveValue('Clínica Demo Palermo');
  try {
    await name.fill('Clínica Demo Belgrano');
    await expect(page.getByText('Tenés cambios sin guardar.')).toBeVisible();
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await expect(page.getByText('Cambios guardados.')).toBeVisible();
    const settings = await recepta.api<Record<string, unknown>>('GET', '/api/settings');
    expect(settings['clinic.name']).toBe('Clínica Demo Belgrano');
    // The sidebar follows at once.
    await expect(page.getByRole('banner')).toContainText('Clínica Demo Belgrano');
  } finally {
    await recepta.api('PATCH', '/api/settings', { 'clinic.name': 'Clínica Demo Palermo' });
  }
  await expect(page.getByRole('banner')).toContainText('Clínica Demo Palermo');
});

test('the clinic profile the assistant reads is saved from Ajustes', async ({ app, page, recepta }) => {
  const before = (await recepta.api<Record<string, unknown>>('GET', '/api/settings'))['clinic.profile'];
  try {
    await app.open('/ajustes');
    const profile = page.getByLabel('Perfil de la clínica');
    await profile.fill('Atendemos de lunes a viernes de 9 a 18. Limpieza dental: $ 35.000.');
    await page.getByRole('button', { name: 'Guardar cambios' }).first().click();
    await expect(page.getByText('Cambios guardados.')).toBeVisible();
    expect((await recepta.api<Record<string, unknown>>('GET', '/api/settings'))['clinic.profile']).toBe(
      'Atendemos de lunes a viernes de 9 a 18. Limpieza dental: $ 35.000.',
    );
  } finally {
    await recepta.api('PATCH', '/api/settings', { 'clinic.profile': before });
  }
});

test('the language switch turns the interface to English and back', async ({ app, page, recepta }) => {
  try {
    await app.open('/ajustes');
    await page.getByLabel('Idioma de la interfaz').selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(app.nav('Conversations')).toBeVisible();
    await expect(page.getByText('Language saved.')).toBeVisible();
    expect((await recepta.api<Record<string, unknown>>('GET', '/api/settings'))['ui.language']).toBe('en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByLabel('Interface language').selectOption('es');
    await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible();
  } finally {
    await recepta.api('PATCH', '/api/settings', { 'ui.language': 'es' });
  }
});
