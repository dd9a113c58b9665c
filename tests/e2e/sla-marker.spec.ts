// The handoff SLA in the inbox (issue 17): a chat left waiting past the clinic's threshold
// turns solid red, live, in the list and the thread's header; a staff reply clears it.
// The threshold is set to its minimum (1 minute) so the test waits one real minute.
import type { Page } from '@playwright/test';
import { seriousViolations, unique } from './agenda-fixtures.js';
import { AppDriver, expect, test } from './fixtures.js';

const list = (page: Page) => page.getByRole('list', { name: 'Conversaciones' });
const row = (page: Page, name: string) => list(page).getByRole('link', { name: new RegExp(name) });

test('a chat waiting past the SLA is marked red in the list and the header, and a staff reply clears it', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  test.setTimeout(150_000);
  await recepta.api('PATCH', '/api/settings', { 'sla.thresholdMinutes': 1, 'sla.onlyOpeningHours': false });
  const name = unique('Marta Espera');
  const from = AppDriver.uniqueNumber();
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from,
    name,
    text: 'hola',
  });
  // Laura takes the chat, then the patient writes again: a person owes her an answer.
  await recepta.api('POST', `/api/conversations/${conversationId}/takeover`, { enabled: true });
  await recepta.api('POST', '/api/simulator/messages', { from, name, text: '¿me confirmás el horario?' });
  await page.setViewportSize({ width: 1366, height: 800 });
  await app.open(`/conversaciones/${conversationId}`);
  const header = page.locator('.thread__head');
  await expect(row(page, name).getByTestId('waiting-for')).toBeVisible();
  await expect(row(page, name).getByTestId('waiting-for')).not.toHaveAttribute('data-late', 'true');

  // Once a minute has passed the watch breaches it (run here as its timer would): red, without a reload.
  const late = row(page, name).getByTestId('waiting-for');
  await expect
    .poll(
      async () => {
        await recepta.api('POST', '/api/jobs/sla-watch/run', {});
        return late.getAttribute('data-late');
      },
      { timeout: 100_000, intervals: [5_000] },
    )
    .toBe('true');
  await expect(row(page, name)).toContainText(/esperando hace \d+ min/);
  await expect(row(page, name)).toContainText('Sin respuesta a tiempo');
  await expect(header.getByTestId('waiting-for')).toHaveAttribute('data-late', 'true');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('sla-marcado.png') });

  // Laura answers: the marker goes at once.
  await recepta.api('POST', `/api/conversations/${conversationId}/messages`, { text: 'Sí, te espero a las 10.' });
  await expect(row(page, name).getByTestId('waiting-for')).toHaveCount(0);
  await expect(header.getByTestId('waiting-for')).toHaveCount(0);
});
