// The front desk's inbox (issue 15): a hand-back that never drops a question, the chats
// that need a person pinned on top of compact rows, a search that jumps to the message,
// a sent file scrolled into view, and the dark theme.
import type { Page } from '@playwright/test';
import { seriousViolations, unique } from './agenda-fixtures.js';
import { AppDriver, expect, test } from './fixtures.js';
import { answersOnlyWhatFollowsItsReply, echoScript } from '../fakes/fake-openai.js';
import { pngBytes } from './media-files.js';

const list = (page: Page) => page.getByRole('list', { name: 'Conversaciones' });
const row = (page: Page, name: string) => list(page).getByRole('link', { name: new RegExp(name) });

async function newChat(recepta: AppDriver['recepta'], name: string, text: string, from = AppDriver.uniqueNumber()) {
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from,
    name,
    text,
  });
  return { conversationId, from };
}

/** Waits until the assistant answered a chat (through the API, so no page needs to be open). */
async function answered(recepta: AppDriver['recepta'], id: number) {
  await expect
    .poll(
      async () =>
        (await recepta.api<Array<{ role: string }>>('GET', `/api/conversations/${id}/messages`)).some(
          (m) => m.role === 'assistant',
        ),
      { timeout: 45_000 },
    )
    .toBe(true);
}

test('hand-back: what the patient wrote during the pause is answered at once, and the chat looks urgent until then', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  recepta.llm.setFallback((req) => ({ reply: answersOnlyWhatFollowsItsReply(req) }));
  try {
    await page.setViewportSize({ width: 1366, height: 800 });
    const name = unique('Lucía Devuelta');
    const chat = await newChat(recepta, name, 'hola');
    await answered(recepta, chat.conversationId);
    await app.open(`/conversaciones/${chat.conversationId}`);
    const takeover = page.getByTestId('takeover');
    await takeover.getByRole('button', { name: 'Lo atiendo yo' }).click();
    await expect(takeover).toContainText('Atendido por humano');

    // The patient writes twice while Laura has the chat (through "Probar el asistente", as a patient would).
    const simulator = page.locator('.simulator');
    if (!(await simulator.getByLabel('Mensaje del paciente').isVisible()))
      await simulator.getByRole('button', { name: 'Probar el asistente' }).click();
    await simulator.getByLabel('Número del paciente').fill(chat.from);
    await simulator.getByLabel('Nombre').fill(name);
    for (const text of ['¿atienden el sábado?', '¿y a qué hora?']) {
      await simulator.getByLabel('Mensaje del paciente').fill(text);
      await simulator.getByRole('button', { name: 'Enviar como paciente' }).click();
      // Paused: the simulator does not promise an answer from the assistant.
      await expect(simulator).toContainText('El asistente está pausado en este chat');
      await expect(simulator).not.toContainText('El asistente responde en unos segundos');
    }
    await expect(row(page, name)).toContainText('Necesita atención');
    await expect(row(page, name)).toContainText(/esperando hace \d+ min/);
    await expect(takeover).toContainText('El paciente está esperando una respuesta.');

    // "Devolver al asistente" asks what becomes of the two messages; the assistant answering is the default.
    await takeover.getByRole('button', { name: 'Devolver al asistente' }).click();
    const dialog = page.getByRole('dialog', { name: 'Devolver al asistente' });
    await expect(dialog).toContainText('El paciente escribió 2 mensajes que nadie respondió todavía.');
    await expect(dialog.getByRole('button', { name: 'Que los responda el asistente ahora' })).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('devolver-al-asistente.png') });
    await page.keyboard.press('Enter');

    const log = page.getByRole('log', { name: `Mensajes con ${name}` });
    await expect(log.locator('[data-role="assistant"]').last()).toHaveText(
      /re: ¿atienden el sábado\?\s*re: ¿y a qué hora\?/,
      { timeout: 20_000 },
    );
    await expect(takeover).toContainText('El asistente está atendiendo este chat.');
    await expect(row(page, name)).not.toContainText('Necesita atención');
    await page.screenshot({ path: testInfo.outputPath('devuelto-y-respondido.png') });
  } finally {
    recepta.llm.setFallback(echoScript);
  }
});

test('"Ya lo respondí": the hand-back records that she answered, and no reply goes out', async ({
  app,
  page,
  recepta,
}) => {
  const name = unique('Mario Respondido');
  const chat = await newChat(recepta, name, 'hola');
  await answered(recepta, chat.conversationId);
  await recepta.api('POST', `/api/conversations/${chat.conversationId}/takeover`, { enabled: true });
  await newChat(recepta, name, '¿me pasás la dirección?', chat.from);
  await app.open(`/conversaciones/${chat.conversationId}`);
  const takeover = page.getByTestId('takeover');
  await expect(row(page, name)).toContainText('Necesita atención');
  const calls = recepta.llm.chatRequests().length;
  await takeover.getByRole('button', { name: 'Devolver al asistente' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Ya lo respondí' }).click();
  await expect(takeover).toContainText('El asistente está atendiendo este chat.');
  const log = page.getByRole('log', { name: `Mensajes con ${name}` });
  await expect(log.locator('[data-role="system"]').last()).toContainText('ya respondió');
  await expect(row(page, name)).not.toContainText('Necesita atención');
  expect(recepta.llm.chatRequests().length).toBe(calls);
});

test('compact rows, and the chats that need a person pinned on top, the one waiting longest first', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  // Two chats that will need her, written first (so by activity they would sink below the newer ones).
  const first = unique('Ana Primera');
  const second = unique('Beto Segundo');
  const waiting = [];
  for (const name of [first, second]) {
    const chat = await newChat(recepta, name, 'hola');
    await answered(recepta, chat.conversationId);
    await recepta.api('POST', `/api/conversations/${chat.conversationId}/takeover`, { enabled: true });
    await newChat(recepta, name, '¿me llaman?', chat.from);
    waiting.push(chat);
  }
  // Newer chats, answered by the assistant.
  for (let i = 0; i < 12; i++) await newChat(recepta, unique(`Paciente Nuevo ${i}`), 'hola');
  await app.open('/conversaciones');
  await expect(list(page).getByRole('link')).not.toHaveCount(0);
  // The desktop notifications offer is answered on the first day; it is not part of her every day.
  await page.getByRole('button', { name: 'Ahora no' }).click();

  const group = page.getByRole('heading', { name: /^Necesita atención · \d+ chats?$/ });
  await expect(group).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Todas las conversaciones' })).toBeVisible();
  // Pinned rows come first, oldest waiting on top; both ours are in the group, in that order.
  const pinned = list(page).locator('.conv-list__row--pinned');
  const pinnedNames = await pinned.locator('.conv__name').allTextContents();
  expect(pinnedNames.indexOf(first)).toBeGreaterThanOrEqual(0);
  expect(pinnedNames.indexOf(first)).toBeLessThan(pinnedNames.indexOf(second));
  await expect(row(page, first)).toContainText(/esperando hace \d+ min/);

  // At 1366×800 about eight chats fit without scrolling, like a phone's chat list.
  const scroller = page.getByTestId('conversation-scroller');
  const visible = await scroller.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return [...el.querySelectorAll('.conv-list__row')].filter((li) => {
      const r = li.getBoundingClientRect();
      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    }).length;
  });
  expect(visible).toBeGreaterThanOrEqual(8);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('necesita-atencion-arriba.png') });

  // Answered, a chat leaves the group at once.
  await recepta.api('POST', `/api/conversations/${waiting[0]!.conversationId}/messages`, { text: 'Sí, ya te llamo.' });
  await expect(list(page).locator('.conv-list__row--pinned').filter({ hasText: first })).toHaveCount(0);
  await expect(list(page).locator('.conv-list__row--pinned').filter({ hasText: second })).toHaveCount(1);
  for (const chat of waiting)
    await recepta.api('POST', `/api/conversations/${chat.conversationId}/takeover`, {
      enabled: false,
      pending: 'answered',
    });
});

test('search shows the message that matched, and opening it jumps back to that message, loading older pages', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  const name = unique('Rita Buscada');
  const word = `zirconio${Date.now() % 100_000}`;
  const chat = await newChat(recepta, name, `hola, ¿hacen coronas de ${word} o solo de porcelana?`);
  await answered(recepta, chat.conversationId);
  // A long chat since (a person holds it, so no reply is owed): the match is far above the first page.
  await recepta.api('POST', `/api/conversations/${chat.conversationId}/takeover`, { enabled: true });
  for (let i = 1; i <= 70; i++) await newChat(recepta, name, `otro mensaje ${i}`, chat.from);
  await recepta.api('POST', `/api/conversations/${chat.conversationId}/takeover`, {
    enabled: false,
    pending: 'answered',
  });

  await app.open('/conversaciones');
  await page.getByRole('searchbox', { name: 'Buscar por nombre, número o mensaje' }).fill(word);
  const result = row(page, name);
  await expect(result.getByTestId('search-snippet')).toContainText('coronas de');
  await expect(result.locator('mark')).toHaveText(word);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('busqueda-con-el-mensaje.png') });

  await result.click();
  await expect(page).toHaveURL(/mensaje=\d+/);
  const log = page.getByRole('log', { name: `Mensajes con ${name}` });
  const found = log.locator('[data-found="true"]');
  await expect(found).toContainText(word, { timeout: 15_000 });
  await expect(found).toBeInViewport();
  // The result keeps showing the message it matched while the chat is open.
  await expect(result.locator('mark')).toHaveText(word);
  await page.screenshot({ path: testInfo.outputPath('salto-al-mensaje.png') });
});

test('dark mode: chosen in Ajustes, applied everywhere at once, remembered, and "Como el sistema" follows the OS live', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const LIGHT = 'rgb(244, 246, 245)';
  const DARK = 'rgb(17, 23, 21)';
  try {
    await app.open('/ajustes');
    const appearance = page.getByRole('group', { name: 'Apariencia' });
    await expect(appearance.getByRole('radio', { name: 'Como el sistema' })).toBeChecked();
    expect(await background()).toBe(LIGHT);

    await appearance.getByRole('radio', { name: 'Oscuro' }).check();
    await expect(page.getByText('Apariencia guardada.')).toBeVisible();
    expect(await background()).toBe(DARK);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('ajustes-oscuro.png') });

    // Remembered: a new start opens dark, whatever the OS says; the inbox passes axe in it too.
    const chat = await newChat(recepta, unique('Noche Oscura'), 'hola, ¿atienden mañana?');
    await answered(recepta, chat.conversationId);
    await app.open(`/conversaciones/${chat.conversationId}`);
    expect(await background()).toBe(DARK);
    expect((await recepta.api<Record<string, unknown>>('GET', '/api/settings'))['ui.theme']).toBe('dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('conversaciones-oscuro.png') });

    // "Como el sistema": the OS decides, and a change there shows at once.
    await app.nav('Ajustes').click();
    await page.getByRole('group', { name: 'Apariencia' }).getByRole('radio', { name: 'Como el sistema' }).check();
    await expect(page.getByText('Apariencia guardada.')).toBeVisible();
    expect(await background()).toBe(LIGHT);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).toBe(DARK);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(background).toBe(LIGHT);
  } finally {
    await recepta.api('PATCH', '/api/settings', { 'ui.theme': null });
  }
});

test('a file she sends scrolls into view, whole, even in a long chat', async ({ app, page, recepta }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const name = unique('Irene Larga');
  const chat = await newChat(recepta, name, 'hola, ¿me mandás la orden?');
  await answered(recepta, chat.conversationId);
  await recepta.api('POST', `/api/conversations/${chat.conversationId}/takeover`, { enabled: true });
  for (let i = 1; i <= 15; i++) await newChat(recepta, name, `y otra cosa más ${i}`, chat.from);
  await app.open(`/conversaciones/${chat.conversationId}`);
  const log = page.getByRole('log', { name: `Mensajes con ${name}` });
  await expect(log).toContainText('y otra cosa más 15');
  // She had scrolled up to reread the start of the chat.
  await page.getByTestId('message-scroller').evaluate((el) => (el.scrollTop = 0));

  await page
    .locator('form.composer input[type="file"]')
    .setInputFiles({ name: 'orden.png', mimeType: 'image/png', buffer: pngBytes(640, 960) });
  const composer = page.getByRole('textbox', { name: `Respuesta para ${name}` });
  await composer.fill('Acá va la orden, con las indicaciones para el estudio.');
  await composer.press('Enter');
  const sent = log.locator('[data-role="staff"]').last();
  const img = sent.getByRole('button', { name: /^Ver en grande/ }).locator('img');
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
  await expect(sent).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: testInfo.outputPath('adjunto-a-la-vista.png') });
});

test('pauses and hand-backs one after another read as one line in the thread', async ({ app, page, recepta }) => {
  const name = unique('Nora Notas');
  const chat = await newChat(recepta, name, 'hola');
  await answered(recepta, chat.conversationId);
  for (let i = 0; i < 3; i++) {
    await recepta.api('POST', `/api/conversations/${chat.conversationId}/takeover`, { enabled: true });
    await recepta.api('POST', `/api/conversations/${chat.conversationId}/takeover`, { enabled: false });
  }
  await app.open(`/conversaciones/${chat.conversationId}`);
  const log = page.getByRole('log', { name: `Mensajes con ${name}` });
  const notes = log.locator('[data-role="system"]');
  await expect(notes).toHaveCount(1);
  await expect(notes).toContainText('Asistente reactivado por el equipo.');
  // The five earlier changes are one click away.
  await notes.getByText('5 cambios antes').click();
  await expect(notes.locator('li')).toHaveCount(5);
  await expect(notes.locator('li').first()).toContainText('Asistente pausado');
});
