// The front desk's day on the agenda (issue 15): booking on the first click, a toast near
// the event with "Deshacer", "Avisar al paciente", a readable month view, and "No llegó" /
// "Completado" only once the appointment has started. Dates come from the pinned clock.
import type { Page } from '@playwright/test';
import type { Appointment, Practitioner, Service } from '../../main/http/agenda-types.js';
import { createBookable, createPatient, instantAt, nextWorkday, showPractitioners, unique } from './agenda-fixtures.js';
import { clickSlot, goToDay } from './agenda-steps.js';
import { expect, test } from './fixtures.js';

const SMALL = { width: 1024, height: 700 };

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
