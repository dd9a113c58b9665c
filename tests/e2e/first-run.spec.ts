// Journey 1 (PRODUCT.md): the first run. A core on an empty data folder opens the guided
// setup; every step is gone through to the first simulated answer. And the demo: loaded
// from the welcome screen, shown as the demo, left with "Empezar de cero".
import { startFakeOpenAI, echoScript, type FakeOpenAI } from '../fakes/fake-openai.js';
import { AxeBuilder } from '@axe-core/playwright';
import { AppDriver, expect, startCore, test, type Recepta } from './fixtures.js';

type Core = Awaited<ReturnType<typeof startCore>>;

let llm: FakeOpenAI;
let core: Core | null = null;
test.beforeEach(async () => {
  llm = await startFakeOpenAI();
  llm.setFallback(echoScript);
  // An empty data folder: no --demo.
  core = await startCore(llm, {}, []);
  await core.recepta.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 200 });
});
test.afterEach(async () => {
  await core?.stop();
  await llm.close();
});

async function openEmpty(page: import('@playwright/test').Page, recepta: Omit<Recepta, 'llm'>) {
  await page.goto(recepta.openUrl);
  return page.getByRole('dialog', { name: 'Configurá Recepta' });
}

test('first-run setup from an empty folder to the first simulated answer', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  const recepta = core!.recepta;
  const wizard = await openEmpty(page, recepta);
  await expect(wizard.getByRole('heading', { name: 'Te damos la bienvenida' })).toBeVisible();
  await expect(wizard.getByRole('button', { name: 'Probar con datos de ejemplo' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('1-bienvenida.png') });
  await wizard.getByRole('button', { name: 'Empezar' }).click();

  const next = () => wizard.getByRole('button', { name: 'Guardar y seguir' }).click();
  const step = (n: number, title: string) =>
    expect(wizard.getByText(`Paso ${n} de 8`))
      .toBeVisible()
      .then(() => expect(wizard.getByRole('heading', { name: title })).toBeVisible());

  await step(1, 'La clínica');
  await wizard.getByLabel('Nombre de la clínica').fill('Consultorio Norte');
  await wizard.getByLabel('Zona horaria').selectOption({ label: 'Uruguay' });
  await page.screenshot({ path: testInfo.outputPath('2-clinica.png') });
  await next();

  await step(2, 'Horarios');
  await page.screenshot({ path: testInfo.outputPath('3-horarios.png') });
  await next();

  await step(3, 'Un profesional');
  await wizard.getByLabel('Nombre', { exact: true }).fill('Dra. Laura Gómez');
  await wizard.getByLabel('Especialidad').fill('Odontología');
  await next();

  await step(4, 'Un servicio');
  await wizard.getByLabel('Nombre del servicio').fill('Consulta');
  await wizard.getByLabel('Duración').selectOption('30');
  await wizard.getByLabel(/Precio/).fill('20000');
  await next();

  await step(5, 'Cómo habla el asistente');
  await wizard.getByLabel(/Tuteo/).check();
  await next();

  await step(6, 'Inteligencia artificial');
  // The core already has a model from its environment; nothing runs on Ollama's or LM Studio's port here.
  await expect(wizard.getByText(/No encontramos Ollama ni LM Studio/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('4-inteligencia-artificial.png') });
  await wizard.getByRole('button', { name: 'Omitir este paso' }).click();

  await step(7, 'Siempre encendido');
  await expect(wizard.getByLabel(/Abrir Recepta al encender la PC/)).toBeChecked();
  await expect(wizard.getByLabel(/Evitar que la PC se duerma/)).toBeChecked();
  await next();

  await step(8, 'Vincular WhatsApp');
  await expect(wizard.locator('.setup-body').getByRole('button', { name: 'Vincular WhatsApp' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('5-whatsapp.png') });
  await wizard.getByRole('button', { name: 'Terminar' }).click();

  await expect(wizard).toBeHidden();
  await expect(page).toHaveURL(/\/conversaciones$/);
  const status = await recepta.api<{ steps: Array<{ id: string; done: boolean }>; missing: string[]; open: boolean }>(
    'GET',
    '/api/setup',
  );
  expect(status.missing).toEqual([]);
  expect(status.open).toBe(false);
  expect(status.steps.filter((s) => s.done).map((s) => s.id)).toEqual([
    'clinic',
    'hours',
    'practitioner',
    'service',
    'tone',
    'ai',
    'alwaysOn',
  ]);
  const settings = await recepta.api<Record<string, unknown>>('GET', '/api/settings');
  expect(settings).toMatchObject({
    'clinic.name': 'Consultorio Norte',
    'clinic.timeZone': 'America/Montevideo',
    'clinic.currency': 'UYU',
    'assistant.tone': 'tu',
  });
  await expect(page.getByRole('banner').getByText('Consultorio Norte')).toBeVisible();

  // The first simulated answer.
  const simulator = page.getByRole('region', { name: 'Probar el asistente' });
  const toggle = simulator.getByRole('button', { name: 'Probar el asistente' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await simulator.getByLabel('Número del paciente').fill(AppDriver.uniqueNumber());
  await simulator.getByLabel('Nombre').fill('Primera Paciente');
  await simulator.getByLabel('Mensaje del paciente').fill('hola, ¿tienen turno mañana?');
  await simulator.getByRole('button', { name: 'Enviar como paciente' }).click();
  const log = page.getByRole('log', { name: 'Mensajes con Primera Paciente' });
  await expect(log.locator('[data-role="assistant"]')).toContainText('Respuesta a: hola, ¿tienen turno mañana?', {
    timeout: 20_000,
  });
  const prompt = JSON.stringify(llm.chatRequests().at(-1)?.body.messages ?? []);
  expect(prompt).toContain('Consultorio Norte');
  await page.screenshot({ path: testInfo.outputPath('6-primera-respuesta.png') });
});

test('the setup fits at 1024×700, and until hours and a service are saved a banner says so', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const wizard = await openEmpty(page, core!.recepta);
  await wizard.getByRole('button', { name: 'Empezar' }).click();
  await wizard.getByRole('button', { name: /Horarios/ }).click();
  await expect(wizard.getByText('Paso 2 de 8')).toBeVisible();
  await expect(wizard.getByRole('button', { name: 'Guardar y seguir' })).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('horarios-1024.png') });
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await wizard.getByRole('button', { name: 'Cerrar' }).click();
  await expect(wizard).toBeHidden();
  const banner = page.getByText(/El asistente todavía no les responde a pacientes en WhatsApp/);
  await expect(banner).toContainText('guardar los horarios y cargar al menos un servicio');
  await page.getByRole('link', { name: 'Completar' }).click();
  await expect(page).toHaveURL(/\/ajustes\?seccion=clinica$/);
  await page.screenshot({ path: testInfo.outputPath('banner-1024.png') });
});

test('demo loaded from the UI, shown as the demo, and left with "Empezar de cero"', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  const recepta = core!.recepta;
  const wizard = await openEmpty(page, recepta);
  await wizard.getByRole('button', { name: 'Probar con datos de ejemplo' }).click();
  await expect(wizard).toBeHidden({ timeout: 15_000 });
  const demoMark = page.getByRole('banner').getByRole('link', { name: 'Datos de ejemplo' });
  await expect(demoMark).toBeVisible();
  await expect(page.getByRole('banner').getByText('Clínica Demo Palermo')).toBeVisible();
  expect((await recepta.api<unknown[]>('GET', '/api/services')).length).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('1-demo-cargada.png') });

  await demoMark.click();
  await expect(page).toHaveURL(/\/ajustes$/);
  await expect(page.getByText(/Estás usando los datos de ejemplo/)).toBeVisible();
  await page.getByRole('button', { name: 'Empezar de cero' }).click();
  const confirm = page.getByRole('dialog', { name: '¿Borrar los datos de ejemplo?' });
  await page.screenshot({ path: testInfo.outputPath('2-empezar-de-cero.png') });
  await confirm.getByRole('button', { name: 'Sí, empezar de cero' }).click();

  // The core clears the demo and restarts; the page reloads on an empty clinic, and the setup opens again.
  await expect(page.getByRole('dialog', { name: 'Configurá Recepta' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('banner').getByRole('link', { name: 'Datos de ejemplo' })).toBeHidden();
  expect(await recepta.api<unknown[]>('GET', '/api/services')).toEqual([]);
  expect(await recepta.api<unknown[]>('GET', '/api/conversations')).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('3-de-cero.png') });
});
