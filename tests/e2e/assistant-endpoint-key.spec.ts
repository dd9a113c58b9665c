// Ajustes › Asistente when the receptionist points the assistant at another server. The
// key typed in Ajustes belongs to the server it was saved for and is never sent anywhere
// else: testing another address asks for that server's key, and saving it asks for the
// new key or for the saved one to be forgotten. Two scripted OpenAI-compatible servers on
// 127.0.0.1 record every Authorization header they receive.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { AppDriver, expect, startCore, type Recepta } from './fixtures.js';
import { test as base } from './pinned-clock.js';

const STORED = 'sk-e2e-home-key-51c0d2';
const TYPED = 'sk-e2e-other-key-a7e913';

interface Servers {
  recepta: Recepta;
  other: FakeOpenAI;
}

// A core of its own, whose key is typed in the UI (not given by the environment).
const test = base.extend<{ app: AppDriver }, { servers: Servers }>({
  servers: [
    async ({}, use) => {
      const [home, other] = await Promise.all([startFakeOpenAI(), startFakeOpenAI()]);
      const core = await startCore(home, { OPENAI_API_KEY: '' });
      try {
        await core.recepta.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0, 'ai.model': 'fake-model' });
        await use({ recepta: { ...core.recepta, llm: home }, other });
      } finally {
        await core.stop();
        await Promise.all([home.close(), other.close()]);
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  baseURL: async ({ servers }, use) => use(servers.recepta.origin),
  app: async ({ page, servers }, use) => use(new AppDriver(page, servers.recepta)),
});

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

const baseUrlField = (page: Page) => page.getByLabel('URL base', { exact: true });
/** The keys a server was sent, once each, in order (Probar conexión also asks for the model's tools and context). */
const authorizations = (server: FakeOpenAI) => [
  ...new Set(server.requests.map((r) => r.authorization ?? '').filter(Boolean)),
];

test("changing the endpoint asks for the new server's key and never sends it the saved one", async ({
  app,
  page,
  servers,
}, testInfo) => {
  const { recepta, other } = servers;
  const home = recepta.llm;
  const otherHost = new URL(other.baseUrl).host;
  await app.open('/ajustes');

  // The key is typed once, for the server in use.
  const keySection = page.getByRole('region', { name: 'Clave de API de OpenAI' });
  await keySection.getByLabel('Nueva clave').fill(STORED);
  await keySection.getByRole('button', { name: 'Guardar clave' }).click();
  await expect(keySection.getByTestId('api-key-status')).toHaveText('Configurada');

  // Testing another address: the saved key stays home, and the form asks for that server's key.
  const provider = page.getByRole('region', { name: 'Proveedor de IA' });
  await baseUrlField(page).fill(other.baseUrl);
  await provider.getByRole('button', { name: 'Probar conexión' }).click();
  await expect(provider.getByRole('alert')).toContainText(`Para probar ${otherHost}, ingresá su clave`);
  expect(other.requests).toHaveLength(0);
  expect(await seriousViolations(page)).toEqual([]);
  await provider
    .getByRole('group', { name: /ingresá su clave/ })
    .evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await provider
    .getByRole('group', { name: /ingresá su clave/ })
    .screenshot({ path: testInfo.outputPath('asistente-probar-otro-servidor.png') });
  // A local server needs no key: tested without one.
  await provider.getByRole('button', { name: 'Probar sin clave' }).click();
  await expect(page.getByTestId('connection-result')).toContainText('Conectado ✓');
  expect(authorizations(other)).toEqual(['Bearer not-needed']);
  // Or with the key typed for it.
  await provider.getByRole('button', { name: 'Probar conexión' }).click();
  await provider.getByLabel(`Clave de ${otherHost}`).fill(TYPED);
  await provider.getByRole('button', { name: 'Probar con esta clave' }).click();
  await expect(page.getByTestId('connection-result')).toContainText('Conectado ✓');
  expect(authorizations(other)).toEqual(['Bearer not-needed', `Bearer ${TYPED}`]);

  // Saving it: a dialog asks for the new server's key, or to forget the saved one.
  await page.getByRole('button', { name: 'Guardar el asistente' }).click();
  const dialog = page.getByRole('dialog', { name: 'Este servidor es distinto: ingresá su clave' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`La clave guardada es para ${new URL(home.baseUrl).host}`);
  await expect(dialog.getByLabel(`Clave de ${otherHost}`)).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.screenshot({ path: testInfo.outputPath('asistente-servidor-distinto.png') });
  // Cancel changes nothing.
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect(dialog).toBeHidden();
  expect((await recepta.api<Record<string, unknown>>('GET', '/api/settings'))['ai.baseUrl']).toBe(home.baseUrl);

  await page.getByRole('button', { name: 'Guardar el asistente' }).click();
  await dialog.getByLabel(`Clave de ${otherHost}`).fill(TYPED);
  await dialog.getByRole('button', { name: 'Guardar con esta clave' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Ajustes del asistente guardados.')).toBeVisible();
  expect((await recepta.api<Record<string, unknown>>('GET', '/api/settings'))['ai.baseUrl']).toBe(other.baseUrl);
  await expect(keySection.getByTestId('api-key-status')).toHaveText('Configurada');

  // A patient writes: the new server gets the new key; the old one went nowhere new.
  await recepta.api('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    text: 'hola, ¿atienden hoy?',
  });
  await expect.poll(() => other.chatRequests().length).toBeGreaterThan(0);
  expect(other.chatRequests().at(-1)?.authorization).toBe(`Bearer ${TYPED}`);

  // Back to the first server, forgetting the key: nothing is sent with a key until one is typed.
  await baseUrlField(page).fill(home.baseUrl);
  await page.getByRole('button', { name: 'Guardar el asistente' }).click();
  await dialog.getByRole('button', { name: 'Olvidar la clave guardada y cambiar' }).click();
  await expect(dialog).toBeHidden();
  await expect(keySection.getByTestId('api-key-status')).toHaveText('Sin configurar');
  await keySection.screenshot({ path: testInfo.outputPath('asistente-clave-olvidada.png') });

  expect(authorizations(other).filter((a) => a.includes(STORED))).toEqual([]);
  expect(await page.content()).not.toContain(STORED);
  expect(await page.content()).not.toContain(TYPED);
});
