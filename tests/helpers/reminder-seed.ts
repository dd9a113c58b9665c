// A reminder as the reminders job leaves it (issue 17), written straight into a test core's
// database: a patient with a chat and a visit, the reminder's message sent through the outbox
// (the simulator "delivers" nothing: no receipt ever comes), and the `reminders` row.
import { eq } from 'drizzle-orm';
import { enqueueOutgoing } from '../../db/repos/messages.js';
import { conversations, messages, reminders } from '../../db/schema.js';
import type { Appointment, Patient, Practitioner, Service } from '../../main/http/agenda-types.js';
import { clinicTime } from './clinic.js';
import type { TestCore } from './core.js';

export interface SeededReminder {
  patientId: number;
  appointmentId: number;
  conversationId: number;
  messageId: number;
  reminderId: number;
}

/** `sentAgoMs`: how long ago the reminder was sent (its `updatedAt`). */
export async function seedSentReminder(
  core: TestCore,
  clinic: { practitioner: Practitioner; service: Service },
  opts: { name: string; phone: string; day: number; time: string; sentAgoMs: number },
): Promise<SeededReminder> {
  const patient = (await core.api<Patient>('POST', '/api/patients', { displayName: opts.name, phone: opts.phone }))
    .body;
  const appointment = (
    await core.api<Appointment>('POST', '/api/appointments', {
      patientId: patient.id,
      practitionerId: clinic.practitioner.id,
      serviceId: clinic.service.id,
      start: clinicTime(opts.day, opts.time),
    })
  ).body;
  const now = Date.now();
  const conversation = core.db
    .insert(conversations)
    .values({
      channel: 'simulator',
      provider: 'simulator',
      externalUserId: `sim-${patient.id}`,
      patientId: patient.id,
      displayName: opts.name,
      lastMessageAt: now,
      createdAt: now,
    })
    .returning({ id: conversations.id })
    .get();
  const { messageId } = enqueueOutgoing(core.db, {
    conversationId: conversation.id,
    provider: 'simulator',
    role: 'assistant',
    text: `¿Confirmás tu turno? Respondé 1 para confirmar o 2 para cancelar.`,
    meta: { automation: { kind: 'reminder', appointmentId: appointment.id } },
    maxAttempts: 3,
    now,
  });
  core.outbox.kick();
  await waitFor(() => core.db.select().from(messages).where(eq(messages.id, messageId)).get()?.status === 'sent');
  const reminder = core.db
    .insert(reminders)
    .values({
      appointmentId: appointment.id,
      kind: 'main',
      appointmentStartAt: Date.parse(appointment.start),
      dueAt: now - opts.sentAgoMs,
      status: 'sent',
      conversationId: conversation.id,
      messageId,
      createdAt: now - opts.sentAgoMs,
      updatedAt: now - opts.sentAgoMs,
    })
    .returning({ id: reminders.id })
    .get();
  return {
    patientId: patient.id,
    appointmentId: appointment.id,
    conversationId: conversation.id,
    messageId,
    reminderId: reminder.id,
  };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
