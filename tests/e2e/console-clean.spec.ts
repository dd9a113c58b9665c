// The console stays clean on every page (issue 15): the shared fixture (tests/e2e/fixtures.ts)
// fails any test on a console error, an uncaught page error or a CSP violation; this spec
// walks every page of the app, each loaded fresh, so nothing it logs goes unseen. The
// first tests prove the guard itself fails a test (expected failures).
import { AppDriver, expect, test } from './fixtures.js';
import { DateTime } from 'luxon';
import {
  book,
  createBookable,
  createPatient,
  instantAt,
  nextWorkday,
  showOnly,
  TZ,
  unique,
} from './agenda-fixtures.js';

test.describe('the console guard fails a test', () => {
  // Each of these must fail in the fixture's teardown; `test.fail` turns that into a pass.
  test.fail();

  test('on a console error', async ({ app, page }) => {
    await app.open('/conversaciones');
    await page.evaluate(() => console.error('something broke'));
  });

  test('on an uncaught page error', async ({ app, page }) => {
    await app.open('/conversaciones');
    await page.evaluate(() =>
      setTimeout(() => {
        throw new Error('boom');
      }, 0),
    );
    await page.waitForTimeout(100);
  });

  test('on a failed request the test did not name (another status)', async ({ app, page, recepta }) => {
    await app.open('/conversaciones');
    app.console.failedRequest(409, /\/api\/conversations\/\d+/, 'only a 409 is expected here');
    // A 404 (the chat does not exist), not the 409 named.
    await page.evaluate(
      (token) => fetch('/api/conversations/987654', { headers: { authorization: `Bearer ${token}` } }),
      recepta.token,
    );
  });

  test('on a CSP violation', async ({ app, page }) => {
    await app.open('/conversaciones');
    // img-src is 'self' data: blob:, so an outside image is refused before any request leaves.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://example.invalid/pixel.png';
      document.body.append(img);
    });
    await page.waitForTimeout(200);
  });
});

test('a failed request the test names on purpose is allowed, and only that one', async ({ app, page, recepta }) => {
  await app.open('/conversaciones');
  app.console.failedRequest(404, /\/api\/conversations\/\d+/, 'asking for a chat that does not exist');
  const status = await page.evaluate(
    async (token) =>
      (await fetch('/api/conversations/987654', { headers: { authorization: `Bearer ${token}` } })).status,
    recepta.token,
  );
  expect(status).toBe(404);
});

test('every page opens with a clean console: no error, no CSP violation', async ({ app, page, recepta }, testInfo) => {
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name: 'Paciente Consola',
    text: 'hola, ¿tienen turno el jueves?',
  });
  // Six appointments on one day overflow the month cell (four shown), so "+2 más" opens the popover.
  const b = await createBookable(recepta);
  const day = await nextWorkday(recepta, 1);
  const patient = await createPatient(recepta, unique('Paciente Consola'));
  for (const hhmm of ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'])
    await book(recepta, b, patient.id, instantAt(day, hhmm));

  const visit = async (path: string, heading: string | RegExp) => {
    await app.open(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  };

  await visit('/conversaciones', 'Conversaciones');
  await visit(`/conversaciones/${conversationId}`, 'Conversaciones');
  await expect(page.getByRole('log')).toContainText('turno el jueves');

  await showOnly(page, recepta, b.practitioner.id, 'dayGridMonth');
  await visit('/agenda', 'Agenda');
  for (const view of ['Día', 'Semana', 'Mes']) {
    await page.getByRole('button', { name: view, exact: true }).click();
    await expect(page.getByRole('button', { name: view, exact: true })).toHaveAttribute('aria-pressed', 'true');
  }
  // The agenda's own arrows are text glyphs, not FullCalendar's icon font: proof they draw.
  const prev = page.getByRole('button', { name: 'Mes anterior' });
  const next = page.getByRole('button', { name: 'Mes siguiente' });
  await prev.screenshot({ path: testInfo.outputPath('agenda-prev.png') });
  await next.screenshot({ path: testInfo.outputPath('agenda-next.png') });
  if (day.month !== DateTime.now().setZone(TZ).month) await next.click();
  await page.locator('.fc-daygrid-more-link').first().click();
  const popover = page.locator('.fc-popover');
  await expect(popover).toBeVisible();
  await expect(popover.locator('.fc-daygrid-event')).toHaveCount(6);
  // The close button draws its × without FullCalendar's data: font (blocked by font-src 'self').
  const close = popover.locator('.fc-popover-close');
  await expect(close).toBeVisible();
  await close.screenshot({ path: testInfo.outputPath('month-popover-close.png') });
  await popover.screenshot({ path: testInfo.outputPath('month-popover.png') });
  await close.click();
  await expect(popover).toHaveCount(0);

  await visit('/pacientes', 'Pacientes');
  await visit(`/pacientes/${patient.id}`, 'Pacientes');
  await expect(page.getByRole('heading', { name: patient.displayName })).toBeVisible();
  await visit('/conocimiento', 'Conocimiento');
  await visit('/canales', 'Canales');

  await visit('/ajustes', 'Ajustes');
  const sections = page.getByRole('group', { name: 'Secciones de ajustes' }).getByRole('link');
  const count = await sections.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) {
    await sections.nth(i).click();
    await expect(sections.nth(i)).toHaveAttribute('aria-current', 'page');
  }

  await visit('/no-existe', 'No encontramos esta página');
});
