// The front desk's day on the agenda (issue 15): booking on the first click, a toast near
// the event with "Deshacer", "Avisar al paciente", a readable month view, and "No llegó" /
// "Completado" only once the appointment has started. Dates come from the pinned clock.
import type { Locator, Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { Appointment, Patient, Practitioner, Service } from '../../main/http/agenda-types.js';
import {
  book,
  createBookable,
  createPatient,
  instantAt,
  nextWorkday,
  seriousViolations,
  showOnly,
  showPractitioners,
  TZ,
  unique,
} from './agenda-fixtures.js';
import { clickSlot, dragTo, goToDay, lane } from './agenda-steps.js';
import { AppDriver, expect, test, type Recepta } from './fixtures.js';

const SMALL = { width: 1024, height: 700 };
const LARGE = { width: 1366, height: 800 };

const appointment = (recepta: Recepta, id: number) => recepta.api<Appointment>('GET', `/api/appointments/${id}`);

/** A patient who wrote on the simulator: they have a chat to be told in. */
async function patientWithChat(recepta: Recepta, name: string): Promise<{ patient: Patient; conversationId: number }> {
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name,
    text: 'Hola, tengo turno la semana que viene',
  });
  let patient: Patient | undefined;
  await expect
    .poll(async () => {
      patient = (await recepta.api<Patient[]>('GET', `/api/patients?q=${encodeURIComponent(name)}`))[0];
      return patient?.displayName;
    })
    .toBe(name);
  return { patient: patient!, conversationId };
}

/**
 * A patient with a chat and a visit at 10:00 on the next workday, with its practitioner the
 * only one shown in the day view (the page is not opened yet: a test may route requests first).
 */
async function visitTomorrowAtTen(page: Page, recepta: Recepta, name: string) {
  const b = await createBookable(recepta);
  const day = await nextWorkday(recepta, 1);
  const { patient, conversationId } = await patientWithChat(recepta, name);
  const booked = await book(recepta, b, patient.id, instantAt(day, '10:00'));
  await showOnly(page, recepta, b.practitioner.id, 'timeGridDay');
  return { b, day, conversationId, booked };
}

/** The agenda opened on `day`, and the patient's event there, drawn at 10:00. */
async function openOnItsDay(app: AppDriver, page: Page, day: DateTime, name: string): Promise<Locator> {
  await app.open('/agenda');
  await goToDay(page, day);
  const event = page.locator('.fc-event.appt', { hasText: name });
  await expect(event).toContainText('10:00');
  return event;
}

/** The toast sits next to the event it talks about (within a few rows of it). */
async function expectNear(toast: Locator, event: Locator) {
  // Measured again until it holds: a live refetch (the move's own push event) may redraw the
  // event between the two measures, and a detached element has no box.
  await expect(async () => {
    const [a, b] = [await toast.boundingBox(), await event.boundingBox()];
    expect(a && b, 'toast and event on screen').toBeTruthy();
    const gap = Math.max(a!.y - (b!.y + b!.height), b!.y - (a!.y + a!.height), 0);
    expect(gap).toBeLessThan(40);
  }).toPass({ timeout: 5_000 });
}

/** A second practitioner who also performs the service, on the same hours. */
async function addSecondPractitioner(recepta: Parameters<typeof createBookable>[0], service: Service) {
  const second = await recepta.api<Practitioner>('POST', '/api/practitioners', {
    name: unique('Dr. Segundo'),
    color: '#b5466b',
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
  });
  await recepta.api('PATCH', `/api/services/${service.id}`, {
    practitionerIds: [...service.practitionerIds, second.id],
  });
  return second;
}

const shot = (page: Page, path: string) => page.screenshot({ path });

test.describe('at 1024×700', () => {
  test.use({ viewport: SMALL });

  test('desk booking on the first click: the free hour pre-selected is the choice', async ({
    app,
    page,
    recepta,
  }, testInfo) => {
    const b = await createBookable(recepta);
    const second = await addSecondPractitioner(recepta, b.service);
    const day = await nextWorkday(recepta, 1);
    const name = unique('Lucía Primera');
    await createPatient(recepta, name);
    // Two practitioners on screen: the click does not say whose hour it is.
    await showPractitioners(page, recepta, [b.practitioner.id, second.id], 'timeGridDay');
    await app.open('/agenda');
    await goToDay(page, day);
    await expect(page.locator('.fc-bg-event.agenda-open').first()).toBeAttached();

    await clickSlot(page, '10:00');
    const dialog = page.getByRole('dialog', { name: 'Nuevo turno' });
    await dialog.getByRole('combobox', { name: 'Paciente' }).fill(name.split(' ').slice(0, 2).join(' '));
    await dialog.getByRole('option', { name: new RegExp(name) }).click();
    await dialog.getByLabel('Servicio').selectOption({ label: `${b.service.name} (30 min)` });
    await expect(dialog.getByLabel('Profesional')).toHaveValue(''); // "Cualquiera disponible"
    const chosen = dialog.locator('.slots__list').getByRole('button', { pressed: true });
    await expect(chosen).toHaveCount(1);
    await expect(chosen).toContainText('10:00');
    await expect(dialog.getByText('Horario libre.')).toBeVisible();
    const who = (await chosen.locator('.slot__who').textContent())?.trim();
    await shot(page, testInfo.outputPath('first-click-dialog.png'));

    await dialog.getByRole('button', { name: 'Agendar turno' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Turno agendado' })).toContainText(name);
    const booked = (await recepta.api<Appointment[]>('GET', `/api/appointments?from=${instantAt(day, '00:00')}`)).find(
      (a) => a.patientName === name,
    );
    expect(booked?.start).toBe(instantAt(day, '10:00'));
    expect(booked?.practitionerName).toBe(who);
    await shot(page, testInfo.outputPath('first-click-booked.png'));
  });
});

test.describe('at 1366×800', () => {
  test.use({ viewport: LARGE });

  test('"Avisar al paciente" says before sending when WhatsApp takes only the confirmation template, or nothing', async ({
    app,
    page,
    recepta,
  }, testInfo) => {
    // The core's decision (a YCloud chat quiet for over 24 hours, the template chosen or not) is
    // tested against the fake YCloud in tests/integration/ycloud-confirmation.test.ts; here the
    // dialog is given each answer of GET …/outgoing-preview and must show it, and send the
    // template's words, not hers.
    const name = unique('Vera Plantilla');
    const { day, conversationId } = await visitTomorrowAtTen(page, recepta, name);
    const words = 'Hola Vera, tu turno quedó para el 24/11 a las 11:00 con Dra. Prueba.';
    let answer = { goesAs: 'template', template: 'turno_confirmado', text: words };
    await page.route(`**/api/conversations/${conversationId}/outgoing-preview**`, (route) =>
      route.fulfill({ json: answer }),
    );
    const event = await openOnItsDay(app, page, day, name);
    await dragTo(page, event, '11:00');
    const toast = page.getByRole('status').filter({ hasText: 'movido' });
    await toast.getByRole('button', { name: 'Avisar al paciente' }).click();
    const notify = page.getByRole('dialog', { name: `Avisar a ${name}` });
    await expect(notify.getByTestId('notify-template')).toContainText(
      'sale la plantilla de confirmación «turno_confirmado»',
    );
    await expect(notify.getByTestId('notify-template')).toContainText(words);
    await expect(notify.getByLabel('Mensaje')).toHaveCount(0); // nothing to edit: her words would not go
    expect(await seriousViolations(page)).toEqual([]);
    await notify.screenshot({ path: testInfo.outputPath('notify-as-template.png') });
    await notify.getByRole('button', { name: 'Enviar la plantilla' }).click();
    await expect(notify).toHaveCount(0);
    const sent = await recepta.api<Array<{ text: string }>>('GET', `/api/conversations/${conversationId}/messages`);
    expect(sent.at(-1)?.text).toBe(words);

    // Nothing can go (no template chosen): said before, and "Enviar" stays off.
    answer = { goesAs: 'refused', template: null, text: null } as unknown as typeof answer;
    await dragTo(page, event, '12:00');
    await page
      .getByRole('status')
      .filter({ hasText: 'movido' })
      .getByRole('button', { name: 'Avisar al paciente' })
      .click();
    await expect(notify.getByTestId('notify-refused')).toContainText(
      'Elegí una plantilla de confirmación en Canales › YCloud',
    );
    await expect(notify.getByRole('button', { name: 'Enviar mensaje' })).toBeDisabled();
    await notify.screenshot({ path: testInfo.outputPath('notify-refused.png') });
    await notify.getByRole('button', { name: 'Cancelar' }).click();
    expect(await recepta.api<unknown[]>('GET', `/api/conversations/${conversationId}/messages`)).toHaveLength(
      sent.length,
    );
  });

  test('toast next to the event, "Deshacer" for a move and a cancellation, "Avisar al paciente"', async ({
    app,
    page,
    recepta,
  }, testInfo) => {
    const name = unique('Lucía Aviso');
    const { b, day, conversationId, booked } = await visitTomorrowAtTen(page, recepta, name);
    const event = await openOnItsDay(app, page, day, name);

    // The toolbar stays put while the grid scrolls.
    const toolbar = page.getByRole('button', { name: 'Nuevo turno' });
    const before = await toolbar.boundingBox();
    await lane(page, '18:00').scrollIntoViewIfNeeded();
    expect((await toolbar.boundingBox())?.y).toBe(before?.y);
    await expect(toolbar).toBeInViewport();

    // A drag: the toast by the event; Ctrl+Z takes it back, through the API.
    await dragTo(page, event, '11:00');
    const moved = page.getByRole('status').filter({ hasText: 'movido' });
    await expect(moved).toContainText(name);
    await expectNear(moved, event);
    await expect(moved.getByRole('button', { name: 'Avisar al paciente' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('toast-moved.png') });
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('status').filter({ hasText: 'volvió a como estaba' })).toBeVisible();
    await expect(event).toContainText('10:00');
    expect((await appointment(recepta, booked.id)).start).toBe(instantAt(day, '10:00'));

    // Move again and tell the patient: the message comes prefilled, editable, and goes to their chat.
    await dragTo(page, event, '11:00');
    await page
      .getByRole('status')
      .filter({ hasText: 'movido' })
      .getByRole('button', { name: 'Avisar al paciente' })
      .click();
    const notify = page.getByRole('dialog', { name: `Avisar a ${name}` });
    const text = notify.getByLabel('Mensaje');
    await expect(text).toHaveValue(new RegExp(`^Hola Lucía, .*ahora es el .*11:00`));
    await text.press('Control+End');
    await text.pressSequentially(' ¡Te esperamos!');
    await page.screenshot({ path: testInfo.outputPath('notify-dialog.png') });
    await notify.getByRole('button', { name: 'Enviar mensaje' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Mensaje enviado a Lucía' })).toBeVisible();
    const messages = await recepta.api<Array<{ text: string; direction: string }>>(
      'GET',
      `/api/conversations/${conversationId}/messages`,
    );
    expect(messages.some((m) => m.text.includes('ahora es el') && m.text.endsWith('¡Te esperamos!'))).toBe(true);

    // A cancellation from the dialog: the focus lands on "Deshacer"; Enter brings the appointment back.
    await event.click();
    const detail = page.getByRole('dialog', { name: `Turno de ${name}` });
    await detail.getByRole('button', { name: 'Cancelar turno' }).click();
    await detail.getByLabel('Motivo de la cancelación').fill('Se confundió de día');
    await detail.getByLabel('Motivo de la cancelación').press('Enter');
    const cancelled = page.getByRole('status').filter({ hasText: 'turno cancelado' });
    await expect(cancelled.getByRole('button', { name: 'Deshacer' })).toBeFocused();
    await expect(event).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('toast-cancelled.png') });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'volvió a como estaba' })).toBeVisible();
    // The focus goes back to the calendar, not to the top of the page.
    await expect(page.getByRole('region', { name: 'Calendario de turnos' })).toBeFocused();
    await expect(event).toContainText('11:00');
    expect(await appointment(recepta, booked.id)).toMatchObject({ status: 'scheduled', cancelReason: null });

    // Cancelled again, and someone takes the time meanwhile: the undo is refused, and says why.
    app.console.failedRequest(409, /\/api\/appointments\/\d+\/undo/, 'the undo of a time someone took is refused');
    await event.click();
    await detail.getByRole('button', { name: 'Cancelar turno' }).click();
    await detail.getByLabel('Motivo de la cancelación').fill('No puede venir');
    await detail.getByLabel('Motivo de la cancelación').press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'turno cancelado' })).toBeVisible();
    const other = await createPatient(recepta, unique('Otra Paciente'));
    await book(recepta, b, other.id, instantAt(day, '11:00'));
    await page
      .getByRole('status')
      .filter({ hasText: 'turno cancelado' })
      .getByRole('button', { name: 'Deshacer' })
      .click();
    const refused = page.getByRole('alert').filter({ hasText: 'No se pudo deshacer' });
    await expect(refused).toContainText('Ese horario ya lo ocupó otro turno');
    expect((await appointment(recepta, booked.id)).status).toBe('cancelled');
    await page.screenshot({ path: testInfo.outputPath('toast-undo-refused.png') });
    expect(await seriousViolations(page)).toEqual([]);
  });
});

for (const viewport of [LARGE, SMALL]) {
  test(`month view reads "9:30 Lucía F." and the assistant's mark leaves the name whole (${viewport.width}×${viewport.height})`, async ({
    app,
    page,
    recepta,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    // The demo clinic: Lucía Fernández at 9:30 and Jorge Benítez at 11:00 (booked by the assistant) with Dra. Ana Pérez.
    const ana = (await recepta.api<Practitioner[]>('GET', '/api/practitioners')).find(
      (p) => p.name === 'Dra. Ana Pérez',
    )!;
    const mine = await recepta.api<Appointment[]>('GET', `/api/appointments?practitionerId=${ana.id}`);
    const lucia = mine.find((a) => a.patientName === 'Lucía Fernández' && a.status !== 'cancelled')!;
    const jorge = mine.find((a) => a.patientName === 'Jorge Benítez' && a.source === 'assistant')!;
    await showPractitioners(page, recepta, [ana.id], 'dayGridMonth');
    await app.open('/agenda');
    const months = Math.round(
      DateTime.fromISO(lucia.start)
        .setZone(TZ)
        .startOf('month')
        .diff(DateTime.now().setZone(TZ).startOf('month'), 'months').months,
    );
    for (let i = 0; i < months; i++) await page.getByRole('button', { name: 'Mes siguiente' }).click();

    const luciaEvent = page.locator(`.fc-event[data-appointment-id="${lucia.id}"]`);
    await expect(luciaEvent).toHaveText(/^\s*9:30\s*Lucía F\.\s*$/);
    const jorgeEvent = page.locator(`.fc-event[data-appointment-id="${jorge.id}"]`);
    await expect(jorgeEvent).toContainText('11:00');
    await expect(jorgeEvent.locator('.appt__mark svg')).toBeVisible();
    const nameEl = jorgeEvent.locator('.appt__name');
    await expect(nameEl).toHaveText('Jorge B.');
    // Not cut: the name's text fits its box.
    expect(await nameEl.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: testInfo.outputPath('month.png') });
  });
}

test('at 1024×700 the day view shows at least 6 hours, and "No llegó" / "Completado" wait for the start', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  await page.setViewportSize(SMALL);
  const b = await createBookable(recepta);
  const day = await nextWorkday(recepta, 1);
  const name = unique('Pedro Futuro');
  const patient = await createPatient(recepta, name);
  await book(recepta, b, patient.id, instantAt(day, '09:00'));
  await showOnly(page, recepta, b.practitioner.id, 'timeGridDay');
  await app.open('/agenda');
  await goToDay(page, day);
  const event = page.locator('.fc-event.appt', { hasText: name });
  await expect(event).toBeVisible();

  // Scrolled to 9:00, the pane shows 15:00 too.
  const pane = page.getByRole('region', { name: 'Calendario de turnos' });
  await lane(page, '09:00').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const paneBox = (await pane.boundingBox())!;
  const nine = (await lane(page, '09:00').boundingBox())!;
  const three = (await lane(page, '15:00').boundingBox())!;
  expect(three.y - nine.y, 'six hours of rows').toBeGreaterThan(0);
  expect(three.y + three.height).toBeLessThanOrEqual(paneBox.y + paneBox.height + 1);
  await page.screenshot({ path: testInfo.outputPath('day-1024.png') });

  await event.click();
  const detail = page.getByRole('dialog', { name: `Turno de ${name}` });
  await expect(detail.getByRole('button', { name: 'Confirmar' })).toBeEnabled();
  for (const label of ['No llegó', 'Completado']) {
    const button = detail.getByRole('button', { name: label, exact: true });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(/se pueden marcar desde la hora del turno \(09:00\)/);
  }
  await page.screenshot({ path: testInfo.outputPath('not-started.png') });
});

test('the calendar link is built from the public address set in Ajustes, and says so while there is none', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  await page.setViewportSize(SMALL);
  await app.open('/agenda');
  await page.getByRole('button', { name: 'Exportar' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Exportar la agenda' });
  await expect(exportDialog.getByRole('note')).toContainText('necesita su dirección pública');
  await expect(exportDialog.getByText('127.0.0.1')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('feed-no-address.png') });
  await page.keyboard.press('Escape');
  try {
    await app.nav('Ajustes').click();
    const field = page.getByRole('textbox', { name: 'Dirección pública' });
    await field.fill('https://recepcion-prueba.trycloudflare.com/');
    await page.getByRole('button', { name: 'Guardar dirección' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Dirección guardada.' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('settings-public-address.png') });
    await app.nav('Agenda').click();
    await page.getByRole('button', { name: 'Exportar' }).click();
    await expect(exportDialog.getByLabel('Enlace del calendario')).toHaveValue(
      /^https:\/\/recepcion-prueba\.trycloudflare\.com\/calendar\/[A-Za-z0-9_-]{43}\.ics$/,
    );
    await expect(exportDialog.getByRole('note')).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await recepta.api('PATCH', '/api/settings', { 'network.publicUrl': null });
  }
});
