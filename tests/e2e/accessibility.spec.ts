import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AppDriver, expect, test } from './fixtures.js';

const PAGES = [
  { path: '/conversaciones', heading: 'Conversaciones' },
  { path: '/agenda', heading: 'Agenda' },
  { path: '/pacientes', heading: 'Pacientes' },
  { path: '/para-llamar', heading: 'Para llamar' },
  { path: '/canales', heading: 'Canales' },
  { path: '/conocimiento', heading: 'Conocimiento' },
  { path: '/ajustes', heading: 'Ajustes' },
];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every page of the shell passes axe (no serious or critical issues), ${scheme} mode`, async ({
    app,
    page,
    recepta,
  }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: AppDriver.uniqueNumber(),
      name: 'Paciente Accesible',
      text: 'hola, ¿atienden los sábados?',
    });
    // A paused chat whose patient wrote again: "Necesita atención", the takeover band and the filter tabs.
    const waitingFrom = AppDriver.uniqueNumber();
    const waiting = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: waitingFrom,
      name: `Paciente En Pausa ${scheme}`,
      text: 'hola',
    });
    await recepta.api('POST', `/api/conversations/${waiting.conversationId}/takeover`, { enabled: true, hours: 4 });
    await recepta.api('POST', '/api/simulator/messages', { from: waitingFrom, text: '¿me atiende una persona?' });
    await app.open('/');
    const found: Record<string, unknown> = {};
    for (const p of [
      ...PAGES,
      { path: `/conversaciones/${conversationId}`, heading: 'Conversaciones' },
      { path: '/conversaciones?filtro=humano', heading: 'Conversaciones' },
      { path: `/conversaciones/${waiting.conversationId}?filtro=humano`, heading: 'Conversaciones' },
    ]) {
      // Navigate the way a user does (no reload), then let the page settle.
      await page.evaluate((path) => {
        window.history.pushState(null, '', path);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, p.path);
      await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
      if (p.path === `/conversaciones/${conversationId}`)
        await expect(page.getByRole('log')).toContainText('atienden los sábados');
      if (p.path === '/conversaciones?filtro=humano')
        await expect(page.getByRole('link', { name: new RegExp(`Paciente En Pausa ${scheme}`) })).toContainText(
          'Necesita atención',
        );
      if (p.path.startsWith(`/conversaciones/${waiting.conversationId}`))
        await expect(page.getByTestId('takeover')).toContainText('Devolver al asistente');
      if (p.path === '/ajustes') await expect(page.getByTestId('api-key-status')).not.toHaveText(/Cargando/);
      const violations = await seriousViolations(page);
      if (violations.length) found[p.path] = violations;
      await page.screenshot({
        path: testInfo.outputPath(
          `${p.path
            .replace(/\?.*$/, (q) => q.replace(/[?=&]/g, '-'))
            .split('/')
            .filter(Boolean)
            .join('-')}-${scheme}.png`,
        ),
        fullPage: true,
      });
    }
    expect(found).toEqual({});
  });
}

test('the screen shown without a session token passes axe too', async ({ page }) => {
  await page.goto('/conversaciones');
  await expect(page.getByRole('heading', { level: 1, name: 'Abrí Recepta desde su enlace' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
