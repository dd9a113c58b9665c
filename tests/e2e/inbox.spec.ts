// The receptionist's inbox: taking a chat over (and for how long), the markers in the
// list, filters and search in the address, desktop notifications, and lists that stay
// light with thousands of chats or messages.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Route } from '@playwright/test';
import { DateTime } from 'luxon';
import { TZ, book, createBookable, instantAt, nextWorkday, seriousViolations, unique } from './agenda-fixtures.js';
import { AppDriver, expect, test } from './fixtures.js';

interface ApiConversation {
  id: number;
  humanOverrideUntil: string | null;
  humanOverrideIndefinite: boolean;
  humanOverrideReason: string | null;
  needsAttention: boolean;
}

const list = (page: Page) => page.getByRole('list', { name: 'Conversaciones' });
const row = (page: Page, name: string | RegExp) =>
  list(page).getByRole('link', { name: typeof name === 'string' ? new RegExp(name) : name });

async function newChat(
  recepta: { api: AppDriver['recepta']['api'] },
  name: string,
  text: string,
  from = AppDriver.uniqueNumber(),
) {
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from,
    name,
    text,
  });
  return { conversationId, from };
}

test('in the morning each chat says how it went: answered by the assistant, booked (then confirmed), or waiting for her; live', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const answered = unique('Ana Respondida');
  const booked = unique('Berta Agendada');
  const waiting = unique('Carla Espera');
  await newChat(recepta, answered, 'hola, ¿a qué hora abren el sábado?');
  await newChat(recepta, booked, 'quiero turno para una limpieza');
  const carla = await newChat(recepta, waiting, 'hola');
  await recepta.api('POST', `/api/conversations/${carla.conversationId}/takeover`, { enabled: true });
  await newChat(recepta, waiting, '¿me llaman cuando puedan?', carla.from);

  await app.open('/conversaciones');
  await expect(row(page, answered)).toContainText('Respondió el asistente', { timeout: 20_000 });
  await expect(row(page, waiting)).toContainText('Necesita atención');
  await expect(row(page, waiting)).not.toContainText('Respondió el asistente');

  // A visit booked for Berta (from the agenda, or by the assistant) shows in her row at once.
  await expect(row(page, booked)).toContainText('Respondió el asistente', { timeout: 20_000 });
  const desk = await createBookable(recepta);
  const [patient] = await recepta.api<Array<{ id: number }>>('GET', `/api/patients?q=${encodeURIComponent(booked)}`);
  // The first open weekday from tomorrow on: "mañana" in most weeks, a date when tomorrow is a holiday.
  const day = await nextWorkday(recepta);
  const isTomorrow = day.hasSame(DateTime.now().setZone(TZ).plus({ days: 1 }), 'day');
  const when = isTomorrow
    ? 'Turno mañana 10:00'
    : `Turno ${day.setLocale('es').toFormat('ccc').replace(/\.$/, '')} ${day.toFormat('d/M')} 10:00`;
  const visit = await book(recepta, desk, patient!.id, instantAt(day, '10:00'));
  await expect(row(page, booked)).toContainText(when);
  await expect(row(page, booked)).not.toContainText('Respondió el asistente');
  await recepta.api('PATCH', `/api/appointments/${visit.id}`, { status: 'confirmed' });
  await expect(row(page, booked)).toContainText(`${when}, confirmado`);
  // Opened, the chat says when, in full: the answer to "¿a qué hora era mi turno?".
  await row(page, booked).click();
  await expect(page.locator('.thread__visit')).toHaveText(
    `Próximo turno: ${day.setLocale('es').toFormat("cccc d 'de' LLLL")}, 10:00 · confirmado`,
  );

  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('lista-de-la-manana.png') });

  // Cancelled, the visit leaves the row.
  await recepta.api('PATCH', `/api/appointments/${visit.id}`, { status: 'cancelled', cancelReason: 'no puede venir' });
  await expect(row(page, booked)).not.toContainText('Turno');
  await expect(page.locator('.thread__visit')).toHaveCount(0);
  await expect(row(page, booked)).toContainText('Respondió el asistente');
});

test('Laura takes a chat over for 4 hours, answers, sees the marker and the countdown, and hands it back', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const { conversationId } = await newChat(recepta, 'Rosa Pausa', 'necesito hablar con alguien del consultorio');
  await app.open('/conversaciones');
  await row(page, 'Rosa Pausa').click();
  const log = page.getByRole('log', { name: 'Mensajes con Rosa Pausa' });
  await expect(log.locator('[data-role="assistant"]')).toContainText('Respuesta a:', { timeout: 20_000 });

  // The assistant is on; she picks a duration and steps in.
  const takeover = page.getByTestId('takeover');
  await expect(takeover).toContainText('El asistente está atendiendo este chat.');
  const duration = takeover.getByLabel('Pausar el asistente');
  await expect(duration).toHaveValue('24');
  await expect(duration.locator('option')).toHaveText(['1 hora', '4 horas', '24 horas', 'Hasta que lo devuelva']);
  await duration.selectOption({ label: '4 horas' });
  const before = Date.now();
  await takeover.getByRole('button', { name: 'Lo atiendo yo' }).click();

  const composer = page.getByRole('textbox', { name: 'Respuesta para Rosa Pausa' });
  await expect(composer).toBeFocused();
  await expect(takeover).toContainText(/Vuelve solo en (4 h|3 h 59 min)\./);
  await expect(takeover).toContainText('Pausado desde Recepta con «Lo atiendo yo».');
  await expect(row(page, 'Rosa Pausa')).toContainText(/Atendido por humano · [34] h/);
  const paused = await recepta.api<ApiConversation>('GET', `/api/conversations/${conversationId}`);
  const hoursLeft = (Date.parse(paused.humanOverrideUntil ?? '') - before) / 3_600_000;
  expect(hoursLeft).toBeGreaterThan(3.95);
  expect(hoursLeft).toBeLessThan(4.05);
  expect(paused.humanOverrideReason).toBe('manual');
  // The thread says so too, as a quiet centred note.
  await expect(log.locator('[data-role="system"]').first()).toContainText('Asistente pausado');

  // Her reply goes out, and answering extends the pause to the usual 24 h, with its reason.
  await composer.fill('Hola Rosa, soy Laura. ¿En qué te ayudo?');
  await composer.press('Enter');
  await expect(log.locator('[data-role="staff"]')).toContainText('Hola Rosa, soy Laura.');
  await expect(log.locator('[data-role="staff"]')).toContainText(/Enviado|Entregado|Leído/);
  await expect(takeover).toContainText('Pausado porque respondiste desde Recepta.');
  await expect(takeover).toContainText(/Vuelve solo en (24 h|23 h 59 min)\./);
  await expect(row(page, 'Rosa Pausa')).toContainText(/Atendido por humano · 2[34] h/);
  await page.screenshot({ path: testInfo.outputPath('chat-pausado.png') });

  // One click gives it back.
  await takeover.getByRole('button', { name: 'Devolver al asistente' }).click();
  await expect(takeover).toContainText('El asistente está atendiendo este chat.');
  await expect(row(page, 'Rosa Pausa')).not.toContainText('Atendido por humano');
  await expect(log.locator('[data-role="system"]').last()).toContainText('Asistente reactivado');
  expect(
    (await recepta.api<ApiConversation>('GET', `/api/conversations/${conversationId}`)).humanOverrideUntil,
  ).toBeNull();
});

test('"Hasta que lo devuelva" pauses without an end time until she hands it back', async ({ app, page, recepta }) => {
  const { conversationId } = await newChat(recepta, 'Tomás Sinfin', 'hola');
  await app.open(`/conversaciones/${conversationId}`);
  const takeover = page.getByTestId('takeover');
  await takeover.getByLabel('Pausar el asistente').selectOption({ label: 'Hasta que lo devuelva' });
  await takeover.getByRole('button', { name: 'Lo atiendo yo' }).click();
  await expect(takeover).toContainText('El asistente está en pausa en este chat hasta que lo devuelvas.');
  await expect(takeover).not.toContainText('Vuelve solo en');
  await expect(row(page, 'Tomás Sinfin')).toContainText('Atendido por humano');
  await expect(row(page, 'Tomás Sinfin')).not.toContainText(/Atendido por humano ·/);
  const c = await recepta.api<ApiConversation>('GET', `/api/conversations/${conversationId}`);
  expect(c.humanOverrideIndefinite).toBe(true);

  await takeover.getByRole('button', { name: 'Devolver al asistente' }).click();
  await expect(takeover).toContainText('El asistente está atendiendo este chat.');
  expect(
    (await recepta.api<ApiConversation>('GET', `/api/conversations/${conversationId}`)).humanOverrideIndefinite,
  ).toBe(false);
});

test('the filter tabs narrow the list, live, and live in the address', async ({ app, page, recepta }, testInfo) => {
  const a = await newChat(recepta, 'Filtro Pausado', 'hola, quiero hablar con una persona');
  await newChat(recepta, 'Filtro Asistente', 'hola, ¿qué horarios tienen?');
  await recepta.api('POST', `/api/conversations/${a.conversationId}/takeover`, { enabled: true, hours: 2 });
  // She writes again while a person holds the chat: nobody has answered that yet.
  await newChat(recepta, 'Filtro Pausado', '¿hay alguien?', a.from);
  await app.open('/conversaciones');

  const tabs = page.getByRole('tablist', { name: 'Mostrar' });
  await expect(tabs.getByRole('tab')).toHaveText(['Todos', 'WhatsApp', 'Instagram', 'Facebook', 'Necesita humano']);
  await expect(tabs.getByRole('tab', { name: 'Todos' })).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, 'Filtro Pausado')).toBeVisible();
  await expect(row(page, 'Filtro Asistente')).toBeVisible();

  await tabs.getByRole('tab', { name: 'Necesita humano' }).click();
  await expect(page).toHaveURL(/\/conversaciones\?filtro=humano$/);
  await expect(tabs.getByRole('tab', { name: 'Necesita humano' })).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, 'Filtro Pausado')).toBeVisible();
  // Paused with a message nobody answered: it waits for a person.
  await expect(row(page, 'Filtro Pausado')).toContainText('Necesita atención');
  await expect(row(page, 'Filtro Asistente')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('filtro-necesita-humano.png') });

  // A chat paused elsewhere joins this view live.
  const c = await newChat(recepta, 'Filtro Tarde', 'hola');
  await expect(row(page, 'Filtro Tarde')).toHaveCount(0);
  await recepta.api('POST', `/api/conversations/${c.conversationId}/takeover`, { enabled: true });
  await expect(row(page, 'Filtro Tarde')).toBeVisible();

  // Opening a chat keeps the filter; so does a reload.
  await row(page, 'Filtro Pausado').click();
  await expect(page).toHaveURL(new RegExp(`/conversaciones/${a.conversationId}\\?filtro=humano$`));
  await page.reload();
  await expect(tabs.getByRole('tab', { name: 'Necesita humano' })).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, 'Filtro Asistente')).toHaveCount(0);
  await expect(row(page, 'Filtro Pausado')).toBeVisible();

  // Arrow keys move between tabs; the simulator chats are not WhatsApp ones.
  await tabs.getByRole('tab', { name: 'Necesita humano' }).focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.getByRole('tab', { name: 'WhatsApp' })).toBeFocused();
  await expect(page).toHaveURL(/filtro=whatsapp/);
  await expect(page.getByText('No hay conversaciones de WhatsApp.')).toBeVisible();
  await expect(list(page).getByRole('link')).toHaveCount(0);
  await page.keyboard.press('Home');
  await expect(tabs.getByRole('tab', { name: 'Todos' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(new RegExp(`/conversaciones/${a.conversationId}$`));
  await expect(row(page, 'Filtro Asistente')).toBeVisible();
});

test('the search finds chats by name (accents or not), number and message text, as she types', async ({
  app,
  page,
  recepta,
}) => {
  const tag = String(Date.now()).slice(-5);
  const nunez = await newChat(recepta, `Begoña Núñez ${tag}`, `me duele la muela del juicio ${tag}`);
  await recepta.api('POST', '/api/simulator/messages', { from: nunez.from, text: 'gracias, espero' });
  await newChat(recepta, `Otro Paciente ${tag}`, 'hola, ¿atienden obra social?');
  // Every search is held back 150 ms on its way, as on a slow PC, so keys land while one runs.
  const searches: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  await page.route(/\/api\/conversations\?.*\bq=/, async (route) => {
    searches.push(new URL(route.request().url()).searchParams.get('q') ?? '');
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await route.fulfill({ response: await route.fetch() });
    inFlight -= 1;
  });
  await app.open('/conversaciones');
  const box = page.getByRole('searchbox', { name: 'Buscar por nombre, número o mensaje' });

  // Typed letter by letter: the first key searches at once; keys typed while a search runs go
  // as one search when it answers. Never two at a time, never one per key; each search is what
  // she had typed by then, and the last one all of it.
  const typed = `Otro Paciente ${tag}`;
  await box.pressSequentially(typed, { delay: 20 });
  await expect(page).toHaveURL(new RegExp(`\\?q=Otro\\+Paciente\\+${tag}$`));
  await expect.poll(() => searches.at(-1)).toBe(typed);
  await expect(row(page, typed)).toBeVisible();
  await expect(row(page, `Begoña Núñez ${tag}`)).toHaveCount(0);
  expect(mostInFlight).toBe(1);
  expect(searches.length).toBeLessThan(typed.length / 2);
  for (const q of searches) expect(typed.startsWith(q), `«${q}» is what she had typed`).toBe(true);

  // Without accents, by a word of an earlier message (not the last one), by number.
  for (const q of [`begona nunez ${tag}`, `muela del juicio ${tag}`, nunez.from.slice(-8)]) {
    await box.fill(q);
    await expect(row(page, `Begoña Núñez ${tag}`), `search «${q}»`).toBeVisible();
    await expect(row(page, `Otro Paciente ${tag}`), `search «${q}»`).toHaveCount(0);
  }

  await box.fill(`zzz-nadie-${tag}`);
  await expect(page.getByText(`Ninguna conversación coincide con «zzz-nadie-${tag}».`)).toBeVisible();
  await box.press('Escape');
  await expect(row(page, `Otro Paciente ${tag}`)).toBeVisible();
  await expect(page).toHaveURL(/\/conversaciones$/);
  await page.unrouteAll({ behavior: 'wait' });
});

test('a chat that needs a person raises a desktop notification, the badge and the title (permission asked only from the button)', async ({
  app,
  page,
  recepta,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const shown: Array<{ title: string; body?: string; tag?: string }> = [];
    let asked = 0;
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static async requestPermission() {
        asked += 1;
        FakeNotification.permission = 'granted';
        return 'granted' as const;
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body?: string; tag?: string } = {}) {
        shown.push({ title, body: options.body, tag: options.tag });
      }
      close() {}
    }
    w.Notification = FakeNotification;
    w.__notifications = shown;
    w.__asked = () => asked;
    w.__badge = null;
    Object.assign(navigator, {
      setAppBadge: async (n?: number) => void (w.__badge = n ?? 0),
      clearAppBadge: async () => void (w.__badge = 0),
    });
  });
  const waiting = await newChat(recepta, 'Aviso Espera', 'hola');
  await newChat(recepta, 'Aviso Otra', 'hola');
  await app.open('/conversaciones');
  // She has read the first chat; now she is in another one.
  await row(page, 'Aviso Espera').click();
  await expect(
    page.getByRole('log', { name: 'Mensajes con Aviso Espera' }).locator('[data-role="assistant"]'),
  ).toContainText('Respuesta a: hola', { timeout: 20_000 });
  await expect(row(page, 'Aviso Espera')).not.toContainText('sin leer');
  await row(page, 'Aviso Otra').click();
  expect(await page.evaluate(() => (window as unknown as { __asked: () => number }).__asked())).toBe(0);

  await page.getByRole('button', { name: 'Activar avisos' }).click();
  await expect(page.getByRole('button', { name: 'Activar avisos' })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __asked: () => number }).__asked())).toBe(1);

  // Paused (nothing waiting yet), and the patient writes again: now it needs a person.
  await recepta.api('POST', `/api/conversations/${waiting.conversationId}/takeover`, { enabled: true });
  await expect(row(page, 'Aviso Espera')).toContainText('Atendido por humano');
  expect(
    (await recepta.api<ApiConversation>('GET', `/api/conversations/${waiting.conversationId}`)).needsAttention,
  ).toBe(false);
  await recepta.api('POST', '/api/simulator/messages', { from: waiting.from, text: '¿hay alguien ahí?' });
  await expect(row(page, 'Aviso Espera')).toContainText('Necesita atención');
  await expect
    .poll(() =>
      page.evaluate(
        () => (window as unknown as { __notifications: Array<{ title: string; body?: string }> }).__notifications,
      ),
    )
    .toEqual([
      expect.objectContaining({
        title: 'Aviso Espera necesita atención',
        body: expect.stringContaining('¿hay alguien ahí?'),
      }),
    ]);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __badge: number | null }).__badge))
    .toBeGreaterThanOrEqual(1);
  await expect(page).toHaveTitle(/^⚠ \d+ /);

  // Opening it reads it, but reading is not answering: the patient still waits for her.
  await row(page, 'Aviso Espera').click();
  await expect(page.getByTestId('takeover')).toContainText('Atendido por humano');
  await expect(row(page, 'Aviso Espera')).not.toContainText('sin leer');
  await expect(row(page, 'Aviso Espera')).toContainText('Necesita atención');
  // She answers: the marker and the flag go away.
  const composer = page.getByRole('textbox', { name: 'Respuesta para Aviso Espera' });
  await composer.fill('Sí, acá estoy.');
  await composer.press('Enter');
  await expect(row(page, 'Aviso Espera')).not.toContainText('Necesita atención');
  await expect(row(page, 'Aviso Espera')).toContainText('Atendido por humano');
  const c = await recepta.api<ApiConversation>('GET', `/api/conversations/${waiting.conversationId}`);
  expect(c.needsAttention).toBe(false);

  // Ajustes tells the state of the notifications.
  await app.nav('Ajustes').click();
  await expect(page.getByTestId('notification-status')).toHaveText(/Activados/);
});

// --- Big lists, served by a stand-in API so the numbers are exact ---

function fakeConversation(i: number) {
  return {
    id: 900_000 + i,
    channel: i % 3 === 0 ? 'instagram' : 'whatsapp',
    provider: 'simulator',
    displayName: `Paciente ${i}`,
    externalUserId: `+549110000${String(i).padStart(4, '0')}`,
    phone: `+549110000${String(i).padStart(4, '0')}`,
    lastMessageAt: new Date(Date.now() - i * 60_000).toISOString(),
    lastMessagePreview: `Último mensaje de ${i}`,
    unread: i % 7 === 0 ? 2 : 0,
    humanOverrideUntil: null,
    humanOverrideIndefinite: false,
    humanOverrideReason: null,
    needsAttention: false,
  };
}

test('ten thousand chats: only a window of rows is in the page, and scrolling loads older pages down to the last one', async ({
  app,
  page,
}, testInfo) => {
  const all = Array.from({ length: 10_000 }, (_, i) => fakeConversation(i + 1));
  const requested: string[] = [];
  // The core's paging contract: `limit` chats after the cursor (newest activity first).
  await page.route(
    (url) => url.pathname === '/api/conversations',
    (route) => {
      const url = new URL(route.request().url());
      requested.push(url.search);
      const limit = Number(url.searchParams.get('limit') ?? 200);
      const afterId = Number(url.searchParams.get('afterId') ?? 0);
      const start = afterId ? all.findIndex((c) => c.id === afterId) + 1 : 0;
      return route.fulfill({ json: all.slice(start, start + limit) });
    },
  );
  // None of the stand-in chats waits for a person (the real core's would be pinned above them).
  await page.route(
    (url) => url.pathname === '/api/conversations/waiting',
    (route) => route.fulfill({ json: [] }),
  );
  await app.open('/conversaciones');
  await expect(row(page, /^Paciente 1\b/).first()).toBeVisible();
  const rows = list(page).locator('[data-conversation-id]');
  expect(await rows.count()).toBeLessThan(60);
  // Until the last page has arrived, screen readers hear "size unknown" rather than a wrong count.
  await expect(list(page).locator('li').first()).toHaveAttribute('aria-setsize', '-1');

  const scroller = page.getByTestId('conversation-scroller');
  const last = row(page, 'Paciente 10000');
  const started = Date.now();
  while (!(await last.isVisible())) {
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.evaluate(() => new Promise(requestAnimationFrame));
    expect(Date.now() - started, 'scrolled to the end within a minute').toBeLessThan(60_000);
  }
  expect(await rows.count()).toBeLessThan(60);
  await expect(list(page).locator('li').first()).toHaveAttribute('aria-setsize', '10000');
  // One request per page, each asking for the chats after the last one shown.
  const pages = requested.filter((q) => q.includes('afterId='));
  expect(pages[0]).toContain(`afterId=${all[199]!.id}`);
  expect(new Set(pages).size).toBe(pages.length); // no page asked for twice
  expect(pages.length).toBe(50); // 49 more pages of 200, then the empty answer that says "no more"
  await page.screenshot({ path: testInfo.outputPath('lista-10000.png') });
});

test('a long thread is virtualized too, and loading older messages keeps what she is reading in place', async ({
  app,
  page,
}) => {
  const id = 990_001;
  const total = 400;
  const start = Date.now() - total * 3_600_000;
  const messages = Array.from({ length: total }, (_, i) => ({
    id: i + 1,
    conversationId: id,
    role: i % 2 === 0 ? 'patient' : 'assistant',
    text: `Mensaje ${i + 1}${i % 5 === 0 ? ' — con un texto bastante más largo para que la burbuja ocupe dos o tres líneas en la pantalla de la recepción' : ''}`,
    media: null,
    createdAt: new Date(start + i * 3_600_000).toISOString(),
    status: i % 2 === 0 ? 'received' : 'read',
    answeredBy: i % 2 === 0 ? null : 'llm',
    failureReason: null,
    fallbackReason: null,
  }));
  const conversation = {
    ...fakeConversation(1),
    id,
    displayName: 'Hilo Largo',
    lastMessageAt: messages[total - 1]!.createdAt,
  };
  const pages: string[] = [];
  await page.route(
    (url) => url.pathname.startsWith(`/api/conversations/${id}`),
    async (route: Route) => {
      const url = new URL(route.request().url());
      if (url.pathname.endsWith('/messages')) {
        const before = Number(url.searchParams.get('before') ?? total + 1);
        const limit = Number(url.searchParams.get('limit') ?? 50);
        pages.push(url.search);
        const older = messages.filter((m) => m.id < before);
        return route.fulfill({ json: older.slice(Math.max(0, older.length - limit)) });
      }
      return route.fulfill({ json: conversation });
    },
  );
  await app.open(`/conversaciones/${id}`);
  const log = page.getByRole('log', { name: 'Mensajes con Hilo Largo' });
  await expect(log.getByText(`Mensaje ${total}`, { exact: true })).toBeInViewport();
  const rendered = log.locator('[data-message-id]');
  expect(await rendered.count()).toBeLessThan(60);

  // To the top of what is loaded: the next page comes, and the view does not jump to it.
  const scroller = page.getByTestId('message-scroller');
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await expect.poll(() => pages.some((p) => p.includes('before=351'))).toBe(true);
  await expect(log.locator('[data-message-id="351"]')).toBeInViewport();
  await expect(log.locator('[data-message-id="320"]')).not.toBeInViewport();

  // All the way back to the first message, a page at a time.
  for (let i = 0; i < 20 && !(await log.locator('[data-message-id="1"]').isVisible()); i++) {
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(150);
  }
  await expect(log.locator('[data-message-id="1"]')).toBeInViewport();
  expect(await rendered.count()).toBeLessThan(60);
});

test('a reply the channel refused says why, and "Reintentar" sends it', async ({ app, page, recepta }, testInfo) => {
  // The simulated patient's phone: refuses deliveries until told otherwise.
  let accept = false;
  const delivered: string[] = [];
  const phone = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (!accept) return void res.writeHead(503).end('phone off');
      delivered.push(body);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => phone.listen(0, '127.0.0.1', resolve));
  const { port } = phone.address() as AddressInfo;
  const { conversationId } = await newChat(recepta, 'Reintento Real', 'hola, ¿me confirman el turno?');
  try {
    await app.open(`/conversaciones/${conversationId}`);
    const log = page.getByRole('log', { name: 'Mensajes con Reintento Real' });
    await expect(log.locator('[data-role="assistant"]')).toContainText('Respuesta a:', { timeout: 20_000 });
    await recepta.api('PATCH', '/api/settings', {
      'simulator.deliveryUrl': `http://127.0.0.1:${port}/entregar`,
      'outbox.maxAttempts': 1,
    });

    const composer = page.getByRole('textbox', { name: 'Respuesta para Reintento Real' });
    await composer.fill('Sí, te esperamos el jueves a las 10:30.');
    await composer.press('Enter');
    const staff = log.locator('[data-role="staff"]');
    await expect(staff).toContainText('No se pudo enviar: simulator delivery answered HTTP 503', { timeout: 20_000 });
    await expect(staff.locator('.msg__status')).toHaveAttribute('title', 'No se pudo enviar');
    // The list says it too, live: the chat whose reply did not go out.
    await expect(row(page, 'Reintento Real')).toContainText('No se pudo enviar');
    await page.screenshot({ path: testInfo.outputPath('respuesta-fallida.png') });

    accept = true;
    await staff.getByRole('button', { name: 'Reintentar' }).click();
    await expect(staff.locator('.msg__status')).toHaveAttribute('title', /Enviado|Entregado|Leído/, {
      timeout: 20_000,
    });
    await expect(staff).not.toContainText('No se pudo enviar');
    await expect(staff.getByRole('button', { name: 'Reintentar' })).toHaveCount(0);
    await expect(row(page, 'Reintento Real')).not.toContainText('No se pudo enviar');
    await expect(row(page, 'Reintento Real')).toContainText('Atendido por humano');
    expect(delivered.some((b) => b.includes('te esperamos el jueves'))).toBe(true);
  } finally {
    await recepta.api('PATCH', '/api/settings', { 'simulator.deliveryUrl': '', 'outbox.maxAttempts': 3 });
    await new Promise<void>((resolve) => phone.close(() => resolve()));
  }
});
