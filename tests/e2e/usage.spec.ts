// Ajustes › Asistente › Uso y costo as the clinic's owner checks it: what the assistant
// answered and what it cost after a few simulated turns (scripted token counts), a price
// edited and the cost recomputed, the empty state of a quiet period, and the discreet
// line in the conversation that updates when a new reply arrives. Axe and screenshots.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AppDriver, expect, test } from './fixtures.js';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

/** "US$ 0,07" → 0.07 */
const dollars = (text: string) => Number(text.replace(/[^\d,]/g, '').replace(',', '.'));

interface Thread {
  role: string;
}

test('the owner sees what the assistant did and cost, edits a price and sees the cost change; the thread shows its own line', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const before = await recepta.api<Record<string, unknown>>('GET', '/api/settings');
  const from = AppDriver.uniqueNumber();
  // Two replies the model "spent" on: 200 k prompt tokens (half cached) and 20 k completion each.
  const usage = { prompt: 200_000, completion: 20_000, cached: 100_000 };
  recepta.llm.enqueue(
    { reply: '¡Hola! Sí, tenemos turnos esta semana.', usage },
    { reply: 'Perfecto, te espero el jueves.', usage },
  );
  const replies = async (conversationId: number) =>
    (await recepta.api<Thread[]>('GET', `/api/conversations/${conversationId}/messages`)).filter(
      (m) => m.role === 'assistant',
    ).length;
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from,
    text: 'hola, ¿tienen turno esta semana?',
  });
  await expect.poll(() => replies(conversationId)).toBe(1);
  await recepta.api('POST', '/api/simulator/messages', { from, text: 'dale, el jueves' });
  await expect.poll(() => replies(conversationId)).toBe(2);

  try {
    await app.open('/ajustes');
    const section = page.getByRole('region', { name: 'Uso y costo' });
    await section.scrollIntoViewIfNeeded();
    await section.getByRole('radio', { name: 'Hoy' }).check();
    const cost = section.locator('.usage__stat--cost .usage__value');
    await expect(section.getByText('Respuestas del asistente')).toBeVisible();
    await expect(section.getByRole('row', { name: /gpt-4o-mini/ })).toBeVisible();
    await expect(cost).toContainText('US$');
    const costBefore = dollars(await cost.innerText());
    // At the reference price (0,15 / 0,075 cached / 0,60 per million), these two turns alone are US$ 0,069.
    expect(costBefore).toBeGreaterThanOrEqual(0.07);
    // This chat was answered by the assistant with no person needed: it counts as resolved in the week.
    const resolution = section.locator('.usage__stat', { hasText: 'Resueltas por el asistente (7 días)' });
    await expect(resolution).toContainText(/\d+ %/);
    await expect(resolution).toContainText(/[1-9]\d* de \d+ conversaciones/);
    expect(await seriousViolations(page)).toEqual([]);
    await section.screenshot({ path: testInfo.outputPath('uso-y-costo.png') });

    // A price corrected today prices the past: input 0,15 → 1,50 per million.
    const prices = page.getByRole('region', { name: 'Precios por modelo' });
    const input = prices.getByLabel('Entrada de gpt-4o-mini (US$ por millón de tokens)');
    await expect(input).toHaveValue('0,15');
    await input.fill('1,50');
    await expect(page.getByText('Hay cambios sin guardar.')).toBeVisible();
    await page.getByRole('button', { name: 'Guardar precios' }).click();
    await expect(page.getByText('Precios guardados. Los costos ya se recalcularon.')).toBeVisible();
    // Those two turns now cost 2 × (100 k × 1,50 + 100 k × 0,075 + 20 k × 0,60) / 1 M = US$ 0,339 more or less.
    await expect.poll(async () => dollars(await cost.innerText())).toBeGreaterThanOrEqual(costBefore + 0.26);
    await expect(input).toHaveValue('1,5');

    // A bad price is refused before saving, and says which model.
    await input.fill('-2');
    await page.getByRole('button', { name: 'Guardar precios' }).click();
    await expect(prices.getByRole('alert')).toContainText('Revisá los precios de «gpt-4o-mini»');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Descartar cambios' }).last().click();
    await expect(input).toHaveValue('1,5');
    await prices.screenshot({ path: testInfo.outputPath('precios.png') });

    // A quiet period says so, and what to do.
    await section.getByRole('radio', { name: 'Elegir fechas' }).check();
    await expect(section.getByText(/Elegí desde qué día querés ver el uso/)).toBeVisible();
    await section.getByLabel('Desde').fill('2020-01-01');
    await section.getByLabel('Hasta').fill('2020-01-31');
    await expect(section.getByText('Todavía no hay uso registrado en este período')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await section.screenshot({ path: testInfo.outputPath('uso-vacio.png') });

    // The conversation: one discreet line, updated live when the next reply arrives.
    await app.open(`/conversaciones/${conversationId}`);
    const line = page.locator('.thread__usage');
    await expect(line).toHaveText(/^Asistente: 2 respuestas · 440 k tokens · US\$\s0,34$/);
    recepta.llm.enqueue({ reply: 'De nada, ¡nos vemos!', usage: { prompt: 1_000, completion: 100 } });
    await recepta.api('POST', '/api/simulator/messages', { from, text: 'gracias!' });
    await expect(line).toHaveText(/^Asistente: 3 respuestas · 441 k tokens · US\$\s0,34$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('.thread__head').screenshot({ path: testInfo.outputPath('hilo-uso.png') });
  } finally {
    await recepta.api('PATCH', '/api/settings', { 'ai.prices': before['ai.prices'] });
  }
});

test('a model used before and no longer priced shows "sin precio", and "Agregar precio" adds it to the table', async ({
  app,
  page,
  recepta,
}) => {
  const before = await recepta.api<Record<string, unknown>>('GET', '/api/settings');
  const from = AppDriver.uniqueNumber();
  try {
    // A model the table does not list answers one turn, then the clinic goes back to gpt-4o-mini.
    await recepta.api('PATCH', '/api/settings', { 'ai.model': 'modelo-viejo' });
    recepta.llm.enqueue({ reply: 'Hola, te ayudo.', usage: { prompt: 500_000, completion: 50_000 } });
    const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from,
      text: 'hola',
    });
    await expect
      .poll(async () =>
        (await recepta.api<Thread[]>('GET', `/api/conversations/${conversationId}/messages`)).some(
          (m) => m.role === 'assistant',
        ),
      )
      .toBe(true);
    await recepta.api('PATCH', '/api/settings', { 'ai.model': before['ai.model'] });

    await app.open('/ajustes');
    const section = page.getByRole('region', { name: 'Uso y costo' });
    await section.getByRole('radio', { name: 'Hoy' }).check();
    const row = section.getByRole('row', { name: /modelo-viejo/ });
    await expect(row).toContainText('sin precio');
    await expect(section.getByText(/No incluye modelo-viejo: no tiene precio en la tabla\./)).toBeVisible();

    await row.getByRole('button', { name: 'Agregar un precio para modelo-viejo' }).click();
    const prices = page.getByRole('region', { name: 'Precios por modelo' });
    const input = prices.getByLabel('Entrada de modelo-viejo (US$ por millón de tokens)');
    // The new row arrives named, with the cursor in its first price.
    await expect(input).toBeFocused();
    await input.fill('1');
    await prices.getByLabel('Salida de modelo-viejo (US$ por millón de tokens)').fill('2');
    await page.getByRole('button', { name: 'Guardar precios' }).click();
    await expect(page.getByText('Precios guardados. Los costos ya se recalcularon.')).toBeVisible();
    // 500 k × 1 + 50 k × 2 per million = US$ 0,60.
    await expect(row).toContainText(/US\$\s0,60/);
    await expect(section.getByText(/No incluye modelo-viejo/)).toHaveCount(0);

    // While the page is open, a new reply shows up in the totals by itself.
    const replies = section
      .locator('.usage__stat')
      .filter({ hasText: 'Respuestas del asistente' })
      .locator('.usage__value');
    const count = Number(await replies.innerText());
    await recepta.api('POST', '/api/simulator/messages', { from, text: 'gracias' });
    await expect.poll(async () => Number(await replies.innerText()), { timeout: 15_000 }).toBe(count + 1);
  } finally {
    await recepta.api('PATCH', '/api/settings', { 'ai.model': before['ai.model'], 'ai.prices': before['ai.prices'] });
  }
});
