// "Para llamar" (issue 17): two reminders WhatsApp never delivered put their patients on the
// list; the receptionist ticks one off (with a note) and sees it leave, then retries an
// undelivered message from "Mensajes no entregados". The reminder rows are written straight
// into the core's database: the real sender is the reminders job, not this spec's subject.
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { closeDatabase, openDatabase } from '../../db/client.js';
import { messages, outbox, reminders } from '../../db/schema.js';
import { book, createBookable, createPatient, instantAt, nextWorkday, unique } from './agenda-fixtures.js';
import { AppDriver, expect, test, type Recepta } from './fixtures.js';

const HOUR = 60 * 60_000;

/** A patient with a chat and a visit whose reminder went out two hours ago and never arrived. */
async function undeliveredReminder(recepta: Recepta, name: string, hhmm: string, daysAhead: number) {
  const { conversationId } = await recepta.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from: AppDriver.uniqueNumber(),
    name,
    text: 'hola',
  });
  // The visit's patient (the call list shows theirs); the chat's is the simulator's own record of them.
  const patientId = (await createPatient(recepta, name, AppDriver.uniqueNumber())).id;
  const booking = await createBookable(recepta);
  const appointment = await book(recepta, booking, patientId, instantAt(await nextWorkday(recepta, daysAhead), hhmm));
  const db = openDatabase(path.join(recepta.dataDir, 'recepta.db'));
  try {
    const sentAt = Date.now() - 2 * HOUR;
    const message = db
      .insert(messages)
      .values({
        conversationId,
        role: 'assistant',
        text: '¿Confirmás tu turno de mañana? Respondé 1 para confirmar o 2 para cancelar.',
        provider: 'simulator',
        providerMessageId: `sim-reminder-${appointment.id}`,
        status: 'sent',
        meta: { automation: { kind: 'reminder', appointmentId: appointment.id } },
        createdAt: sentAt,
      })
      .returning({ id: messages.id })
      .get();
    db.insert(outbox)
      .values({
        messageId: message.id,
        conversationId,
        provider: 'simulator',
        status: 'sent',
        attempts: 1,
        nextAttemptAt: sentAt,
        providerMessageId: `sim-reminder-${appointment.id}`,
        createdAt: sentAt,
        sentAt,
      })
      .run();
    db.insert(reminders)
      .values({
        appointmentId: appointment.id,
        kind: 'main',
        appointmentStartAt: Date.parse(appointment.start),
        dueAt: sentAt,
        status: 'sent',
        conversationId,
        messageId: message.id,
        createdAt: sentAt,
        updatedAt: sentAt,
      })
      .run();
  } finally {
    closeDatabase(db);
  }
}

test('the receptionist works "Para llamar" and retries an undelivered reminder', async ({
  app,
  page,
  recepta,
}, testInfo) => {
  const ana = unique('Ana Llamado');
  const beto = unique('Beto Llamado');
  await undeliveredReminder(recepta, ana, '10:00', 1);
  await undeliveredReminder(recepta, beto, '11:00', 2);
  await recepta.api('POST', '/api/jobs/reminders.delivery-check/run', {});

  await app.open('/');
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: /Para llamar/ })).toContainText(/\d/);
  await nav.getByRole('link', { name: /Para llamar/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Para llamar' })).toBeVisible();

  const pending = page.getByRole('list', { name: 'Llamados pendientes' });
  const anaRow = pending.getByRole('listitem').filter({ hasText: ana });
  await expect(anaRow).toContainText('El recordatorio de WhatsApp no le llegó.');
  await expect(anaRow.getByRole('link', { name: /^Llamar al/ })).toHaveAttribute('href', /^tel:\+/);
  await expect(pending.getByRole('listitem').filter({ hasText: beto })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('call-list.png'), fullPage: true });
  // With entries on it (the shell's axe sweep sees it empty): no serious or critical issue.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // Tick Ana off, with what the call settled: she leaves the pending list for "Llamados hoy".
  await anaRow.getByRole('button', { name: `Ya llamé a ${ana}` }).click();
  await page.getByLabel('Qué se habló (opcional)').fill('Confirmó, viene');
  await page.getByRole('button', { name: 'Marcar como llamado' }).click();
  await expect(pending.getByRole('listitem').filter({ hasText: ana })).toHaveCount(0);
  const done = page.getByRole('list', { name: 'Llamados hoy' });
  await expect(done.getByRole('listitem').filter({ hasText: ana })).toContainText('Confirmó, viene');

  // "Mensajes no entregados": Beto's reminder, with its reason; "Reintentar" sends it again.
  const undelivered = page.getByRole('list', { name: 'Mensajes no entregados' });
  const betoMessage = undelivered.getByRole('listitem').filter({ hasText: beto });
  await expect(betoMessage).toContainText('Recordatorio');
  await expect(betoMessage).toContainText('No llegó');
  await page.screenshot({ path: testInfo.outputPath('call-list-undelivered.png'), fullPage: true });
  await betoMessage.getByRole('button', { name: `Reintentar el mensaje a ${beto}` }).click();
  await expect(undelivered.getByRole('listitem').filter({ hasText: beto })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('call-list-after.png'), fullPage: true });
});

test('Ajustes › Recordatorios: what to do when a reminder does not arrive, per channel, with the template cost', async ({
  app,
  page,
}, testInfo) => {
  const { recepta } = app;
  await app.open('/ajustes');
  await page.getByRole('group', { name: 'Secciones de ajustes' }).getByRole('link', { name: 'Recordatorios' }).click();
  const section = page.getByRole('form', { name: 'Si un recordatorio no llega' });
  await expect(section.getByLabel('Considerarlo no entregado después de (minutos)')).toHaveValue('60');
  await expect(section.getByLabel('Costo aproximado por plantilla (US$)')).toHaveValue('0.026');
  // The QR trade-off, said where the choice is made.
  await expect(section).toContainText('solo reciben recordatorios los pacientes que ya le escribieron a la clínica');
  // No YCloud yet: the template cannot be chosen, and the section says what to do.
  const qr = section.getByLabel('WhatsApp (QR)');
  const template = qr.locator('option[value="template"]');
  await expect(template).toBeDisabled();
  await expect(template).toHaveText('Enviar la plantilla por YCloud (≈ US$ 0,03 por mensaje)');
  await expect(section).toContainText('primero configurá WhatsApp Business (YCloud)');

  // YCloud set up with a reminder template chosen on its card: now it can be chosen.
  await recepta.api('PUT', '/api/channels/ycloud', {
    phoneNumber: '+5491130000000',
    templates: {
      reminder: { name: 'recordatorio_turno', language: 'es_AR', variables: ['patientFirstName'] },
      confirmation: null,
      waitlistOffer: null,
    },
  });
  await page.reload();
  await expect(template).toBeEnabled();
  await qr.selectOption('template');
  await expect(section).toContainText('si tampoco llega, el paciente va a «Para llamar»');
  await section.getByLabel('Considerarlo no entregado después de (minutos)').fill('90');
  await section.getByRole('button', { name: 'Guardar' }).click();
  await expect(section.getByRole('status')).toHaveText('Guardado.');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('delivery-settings.png') });
  // Back to the defaults, for the other tests on this core.
  await qr.selectOption('call_list');
  await section.getByLabel('Considerarlo no entregado después de (minutos)').fill('60');
  await section.getByRole('button', { name: 'Guardar' }).click();
  await expect(section.getByRole('status')).toHaveText('Guardado.');
  await recepta.api('PUT', '/api/channels/ycloud', {
    phoneNumber: '',
    templates: { reminder: null, confirmation: null, waitlistOffer: null },
  });
});
