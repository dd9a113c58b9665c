import { DateTime } from 'luxon';
import type { Appointment, Closure } from '../../main/http/agenda-types.js';
import {
  book,
  closedOn,
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
import { clickSlot, dragTo, goToDay } from './agenda-steps.js';
import { expect, test } from './fixtures.js';

test('book from the calendar, drag to reschedule, a refused drop snaps back with the reason, then cancel', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  // The refused drop is the point: the core answers 409 and Chromium logs it.
  app.console.failedRequest(409, /\/api\/appointments\/\d+/, 'the drop onto a taken hour is refused');
  const b = await createBookable(recepta);
  const day = await nextWorkday(recepta, 1);
  const name = unique('Rosa Agenda');
  await createPatient(recepta, name, '11 5555-0142');
  const other = await createPatient(recepta, unique('Otro Paciente'));
  await showOnly(page, recepta, b.practitioner.id, 'timeGridDay');
  await app.open('/agenda');
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
  await goToDay(page, day);
  await expect(page.locator('.fc-bg-event.agenda-open').first()).toBeAttached();

  // Book: select 10:00, find the patient as she types, pick the service.
  await clickSlot(page, '10:00');
  const dialog = page.getByRole('dialog', { name: 'Nuevo turno' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Hora', { exact: true })).toHaveValue('10:00');
  await dialog.getByRole('combobox', { name: 'Paciente' }).fill(name.split(' ').slice(0, 2).join(' '));
  await dialog.getByRole('option', { name: new RegExp(name) }).click();
  await dialog.getByLabel('Servicio').selectOption({ label: `${b.service.name} (30 min)` });
  await dialog.getByLabel('Profesional').selectOption({ label: b.practitioner.name });
  await expect(dialog.getByText('Horario libre.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Agendar turno' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Turno agendado' })).toContainText(name);
  const event = page.locator('.fc-event.appt', { hasText: name });
  await expect(event).toContainText('10:00');
  const booked = (
    await recepta.api<Appointment[]>('GET', `/api/appointments?practitionerId=${b.practitioner.id}`)
  ).find((a) => a.patientName === name);
  expect(booked?.start).toBe(instantAt(day, '10:00'));
  expect(booked?.source).toBe('staff');
  await page.screenshot({ path: testInfo.outputPath('agenda-day.png') });

  // Drag to 11:00: saved on the server.
  await dragTo(page, event, '11:00');
  await expect(page.getByRole('status').filter({ hasText: 'movido' })).toContainText(name);
  await expect(event).toContainText('11:00');
  expect(
    (await recepta.api<Appointment[]>('GET', `/api/appointments?practitionerId=${b.practitioner.id}`)).find(
      (a) => a.id === booked?.id,
    )?.start,
  ).toBe(instantAt(day, '11:00'));

  // Someone else is at 12:00: the drop is refused, the event goes back, the reason shows.
  await book(recepta, b, other.id, instantAt(day, '12:00'));
  await expect(page.locator('.fc-event.appt', { hasText: other.displayName })).toBeVisible(); // arrived live
  await dragTo(page, event, '12:00');
  const refusal = page.getByRole('alert').filter({ hasText: 'No se movió el turno' });
  await expect(refusal).toBeVisible();
  await expect(event).toContainText('11:00');
  expect(
    (await recepta.api<Appointment[]>('GET', `/api/appointments?practitionerId=${b.practitioner.id}`)).find(
      (a) => a.id === booked?.id,
    )?.start,
  ).toBe(instantAt(day, '11:00'));
  await page.screenshot({ path: testInfo.outputPath('agenda-day-refused.png') });

  // Confirm, then cancel with a reason (required).
  await event.click();
  const detail = page.getByRole('dialog', { name: `Turno de ${name}` });
  await detail.getByRole('button', { name: 'Confirmar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'turno confirmado' })).toBeVisible();
  await expect(event).toContainText('Confirmado');
  await event.click();
  await detail.getByRole('button', { name: 'Notas', exact: true }).click();
  await detail.getByLabel('Notas').fill('Trae estudios previos');
  await detail.getByRole('button', { name: 'Guardar notas' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'notas guardadas' })).toBeVisible();
  expect(
    (await recepta.api<Appointment[]>('GET', `/api/appointments?practitionerId=${b.practitioner.id}`)).find(
      (a) => a.id === booked?.id,
    )?.notes,
  ).toBe('Trae estudios previos');
  await event.click();
  await detail.getByRole('button', { name: 'Cancelar turno' }).click();
  await detail.getByRole('button', { name: 'Cancelar el turno' }).click();
  await expect(detail.getByText('Escribí el motivo de la cancelación.')).toBeVisible();
  await detail.getByLabel('Motivo de la cancelación').fill('Avisó que está enfermo');
  await detail.getByLabel('Motivo de la cancelación').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'turno cancelado' })).toBeVisible();
  await expect(event).toHaveCount(0);
  const cancelled = (
    await recepta.api<Appointment[]>('GET', `/api/appointments?practitionerId=${b.practitioner.id}&status=cancelled`)
  ).find((a) => a.id === booked?.id);
  expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Avisó que está enfermo' });
  // "Mostrar cancelados" brings it back, struck through.
  await page.getByLabel('Mostrar cancelados').check();
  await expect(page.locator('.fc-event.appt--cancelled', { hasText: name })).toBeVisible();
  await page.getByLabel('Mostrar cancelados').uncheck();

  expect(await seriousViolations(page)).toEqual([]);
});

test('week view: the practitioner’s hours are open, a closure is marked, an appointment booked elsewhere appears live', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const b = await createBookable(recepta);
  const patient = await createPatient(recepta, unique('Live Paciente'));
  await showOnly(page, recepta, b.practitioner.id, 'timeGridWeek');
  await app.open('/agenda');
  await expect(page.getByRole('button', { name: 'Semana', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // Next week, so every day is in the future. Its holidays (the demo clinic's) are not open.
  await page.getByRole('button', { name: 'Semana siguiente' }).click();
  const monday = DateTime.now().setZone(TZ).startOf('week').plus({ weeks: 1 });
  const week = [0, 1, 2, 3, 4, 5, 6].map((n) => monday.plus({ days: n }));
  const closed = await closedOn(recepta);
  const holidays = week.filter(closed).length;
  await expect(page.locator('.fc-bg-event.agenda-open')).toHaveCount(7 - holidays);
  await expect(page.locator('.fc-bg-event.agenda-closure')).toHaveCount(holidays);
  // A closure on that Sunday (no other test books weekends), marked on the day and above the calendar.
  const sunday = week[6]!;
  expect(closed(sunday), 'no holiday of the demo clinic falls on a Sunday').toBe(false);
  const closure = await recepta.api<Closure>('POST', '/api/closures', {
    startDate: sunday.toFormat('yyyy-MM-dd'),
    endDate: sunday.toFormat('yyyy-MM-dd'),
    reason: 'Jornada de capacitación',
  });
  try {
    await expect(page.locator('.fc-bg-event.agenda-closure')).toHaveCount(holidays + 1);
    await expect(page.getByRole('list', { name: 'Días cerrados en estas fechas' })).toContainText('Cerrado el domingo');
    await expect(page.getByRole('list', { name: 'Días cerrados en estas fechas' })).toContainText(
      'Jornada de capacitación',
    );
  } finally {
    await recepta.api('DELETE', `/api/closures/${closure.id}`);
  }
  await expect(page.locator('.fc-bg-event.agenda-closure')).toHaveCount(holidays);
  const event = page.locator('.fc-event.appt', { hasText: patient.displayName });
  const open = week.find((d) => d.weekday >= 2 && d.weekday <= 5 && !closed(d))!;
  await book(recepta, b, patient.id, instantAt(open, '09:30'));
  await expect(event).toContainText('09:30'); // pushed, not polled or reloaded
  await expect(event).toHaveAttribute('title', new RegExp(b.service.name));
  await page.screenshot({ path: testInfo.outputPath('agenda-week.png') });

  // Export what is on screen: the CSV has the appointment; the feed says it needs a public address.
  await page.getByRole('button', { name: 'Exportar' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Exportar la agenda' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportDialog.getByRole('button', { name: /Descargar CSV/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    `turnos-${monday.toFormat('yyyy-MM-dd')}-a-${monday.plus({ days: 6 }).toFormat('yyyy-MM-dd')}.csv`,
  );
  const csv = await (await download.createReadStream()).toArray();
  expect(Buffer.concat(csv).toString('utf8')).toContain(patient.displayName);
  // No public address yet (a fresh core): no 127.0.0.1 link, a plain word on what is missing.
  await expect(exportDialog.getByRole('note')).toContainText('dirección pública');
  await expect(exportDialog.getByRole('link', { name: 'Cargar la dirección pública en Ajustes' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(exportDialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Mes', exact: true }).click();
  // Month cells read "9:30 Live P."; the full name is in the event's title.
  await expect(page.locator(`.fc-daygrid-event[title*="${patient.displayName}"]`)).toBeVisible();
  await page.getByRole('button', { name: 'Semana', exact: true }).click();
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: testInfo.outputPath('agenda-week-dark.png') });
  expect(await seriousViolations(page)).toEqual([]);
});

test('the booking dialog is keyboard-friendly: Esc closes it, a refused booking shows the server’s reason', async ({
  app,
  page,
  recepta,
}) => {
  // The refused booking is the point: the core answers 409 and Chromium logs it.
  app.console.failedRequest(409, /\/api\/appointments/, 'booking a taken hour is refused');
  const b = await createBookable(recepta);
  const day = await nextWorkday(recepta, 2);
  const taken = await createPatient(recepta, unique('Ocupa Turno'));
  await book(recepta, b, taken.id, instantAt(day, '15:00'));
  const name = unique('Nueva Paciente');
  await showOnly(page, recepta, b.practitioner.id, 'timeGridDay');
  await app.open('/agenda');
  await page.getByRole('button', { name: 'Nuevo turno' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuevo turno' });
  await expect(dialog.getByRole('combobox', { name: 'Paciente' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Nuevo turno' })).toBeFocused();
  // Single-key shortcuts outside fields: M month, D day, N new appointment.
  await page.keyboard.press('m');
  await expect(page.getByRole('button', { name: 'Mes', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('d');
  await expect(page.getByRole('button', { name: 'Día', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('n');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');

  // A new patient typed in the dialog, at a time that is already taken.
  await page.getByRole('button', { name: 'Nuevo turno' }).click();
  await dialog.getByRole('combobox', { name: 'Paciente' }).fill(name);
  await page.keyboard.press('ArrowDown');
  await dialog.getByRole('option', { name: `Crear paciente nuevo: «${name}»` }).click();
  await expect(dialog.getByLabel('Nombre y apellido')).toHaveValue(name);
  await dialog.getByLabel('Teléfono').fill('11 5555-0177');
  await dialog.getByLabel('Servicio').selectOption({ label: `${b.service.name} (30 min)` });
  await dialog.getByLabel('Profesional').selectOption({ label: b.practitioner.name });
  await dialog.getByLabel('Fecha', { exact: true }).fill(day.toFormat('yyyy-MM-dd'));
  await dialog.getByLabel('Hora', { exact: true }).fill('15:00');
  await expect(dialog.getByText('Ese horario no figura como libre')).toBeVisible();
  await dialog.getByLabel('Hora', { exact: true }).press('Enter');
  await expect(dialog.getByRole('alert')).not.toBeEmpty();
  const message = await dialog.getByRole('alert').textContent();
  expect(message).toMatch(/tomado|ocupado|disponible/i);
  // A free time from the list books it; the patient was created once.
  // Free times around the one asked for; 15:00 is not among them.
  const free = dialog.getByRole('list', { name: 'Horarios libres' }).getByRole('button');
  await expect(free.first()).toBeVisible();
  await expect(free.filter({ hasText: '15:00' })).toHaveCount(0);
  await free.filter({ hasText: '15:30' }).click();
  await expect(dialog.getByLabel('Hora', { exact: true })).toHaveValue('15:30');
  await dialog.getByRole('button', { name: 'Agendar turno' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Turno agendado' })).toContainText(name);
  const created = (
    await recepta.api<Array<{ displayName: string; phone: string | null }>>(
      'GET',
      `/api/patients?q=${encodeURIComponent(name)}`,
    )
  ).filter((p) => p.displayName === name);
  expect(created).toHaveLength(1);
  expect(created[0]?.phone).toBe('+541155550177'); // written without 15 or 9: a landline
});

test('appointments the assistant booked are marked "Agendado por el asistente"', async ({ app, page, recepta }) => {
  // The demo clinic books some on next week's weekdays (resources/demo-agenda.json, dated at load time);
  // the assistant's own booking path is tested with the assistant (assistant-tools.spec.ts).
  const from = DateTime.now().setZone(TZ).startOf('week');
  const list = await recepta.api<Appointment[]>(
    'GET',
    `/api/appointments?from=${encodeURIComponent(from.toUTC().toISO() as string)}&to=${encodeURIComponent(from.plus({ weeks: 2 }).toUTC().toISO() as string)}`,
  );
  const booked = list.find((a) => a.source === 'assistant' && a.status !== 'cancelled');
  expect(booked, 'the demo clinic books some appointments by the assistant next week').toBeDefined();
  if (!booked) return;
  await page.addInitScript(() =>
    localStorage.setItem(
      'recepta.agenda',
      JSON.stringify({ view: 'timeGridDay', hiddenPractitioners: [], showCancelled: false }),
    ),
  );
  await app.open('/agenda');
  await goToDay(page, DateTime.fromISO(booked.start).setZone(TZ).startOf('day'));
  const event = page.locator(`.fc-event[data-appointment-id="${booked.id}"]`);
  await expect(event).toHaveAttribute('title', /Agendado por el asistente/);
  await expect(event).toContainText('Asistente');
  // Another spec's appointment may share this hour on the shared core (on some dates the demo's and
  // theirs fall on the same day) and sit over this one: the click goes to the event itself.
  await event.dispatchEvent('click');
  await expect(page.getByRole('dialog', { name: `Turno de ${booked.patientName}` })).toContainText(
    'Agendado por el asistente',
  );
});

test('a busy hour in the week view shows two appointments side by side and "+N más" with the rest, none lost', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  // Five practitioners with a patient each at the same hour on one day of next week.
  const bookables = await Promise.all([1, 2, 3, 4, 5].map(() => createBookable(recepta)));
  const monday = DateTime.now().setZone(TZ).startOf('week').plus({ weeks: 1 });
  const closed = await closedOn(recepta);
  const day = [1, 2, 3, 4].map((n) => monday.plus({ days: n })).find((d) => !closed(d))!;
  const names: string[] = [];
  for (const b of bookables) {
    const patient = await createPatient(recepta, unique('Pila Paciente'));
    await book(recepta, b, patient.id, instantAt(day, '11:00'));
    names.push(patient.displayName);
  }
  await showPractitioners(
    page,
    recepta,
    bookables.map((b) => b.practitioner.id),
    'timeGridWeek',
  );
  await app.open('/agenda');
  await page.getByRole('button', { name: 'Semana siguiente' }).click();
  const column = page.locator(`.fc-timegrid-col[data-date="${day.toISODate()}"]`);
  await expect(column.locator('.fc-event.appt')).toHaveCount(2);
  const more = column.locator('.fc-timegrid-more-link');
  await expect(more).toHaveText(/\+3/);
  await page.screenshot({ path: testInfo.outputPath('agenda-week-stack.png') });

  // "+3 más" opens the rest: every one of the five is on screen, drawn or in the list.
  await more.click();
  const popover = page.locator('.fc-more-popover');
  await expect(popover).toBeVisible();
  await expect(popover.locator('.fc-event.appt')).toHaveCount(3);
  const drawn = await column.locator('.fc-event.appt').allTextContents();
  const listed = await popover.locator('.fc-event.appt').allTextContents();
  for (const name of names)
    expect(
      [...drawn, ...listed].some((text) => text.includes(name)),
      name,
    ).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('agenda-week-stack-more.png') });
  expect(await seriousViolations(page)).toEqual([]);

  // The day view has room: switched to from the week, it draws all five side by side, no "+N".
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Día', exact: true }).click();
  const shownDay = () => page.locator('.fc-timegrid-col[data-date]').first().getAttribute('data-date');
  for (let i = 0; i < 7; i++) {
    const current = await shownDay();
    if (current === day.toISODate()) break;
    await page.getByRole('button', { name: current! < day.toISODate()! ? 'Día siguiente' : 'Día anterior' }).click();
    await expect.poll(shownDay).not.toBe(current);
  }
  const dayColumn = page.locator(`.fc-timegrid-col[data-date="${day.toISODate()}"]`);
  for (const name of names) await expect(dayColumn.locator('.fc-event.appt', { hasText: name })).toBeVisible();
  await expect(dayColumn.locator('.fc-timegrid-more-link')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('agenda-day-stack.png') });
});
