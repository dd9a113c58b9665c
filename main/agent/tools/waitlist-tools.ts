// join_waitlist (issue 17): when no offered time suits the patient, the assistant can put
// them on the waitlist for a service, a range of dates and a part of the day. Two steps,
// like the agenda writes: the first call says what to ask; the entry is written only on a
// call with `confirmed: true` after the patient said yes in a later message.
import { z } from 'zod';
import { listWaitlistEntries } from '../../../db/repos/waitlist.js';
import { getService } from '../../../db/repos/services.js';
import { getPractitioner } from '../../../db/repos/practitioners.js';
import { waitlistDayParts } from '../../../db/schema.js';
import { checkEntry, type NewEntryInput } from '../../agenda/waitlist-entries.js';
import { twoStep } from './agenda-writes.js';
import { defineTool, type ToolContext } from './tool.js';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const PARTS = {
  es: { morning: 'por la mañana', afternoon: 'por la tarde', any: 'a cualquier hora' },
  en: { morning: 'in the morning', afternoon: 'in the afternoon', any: 'at any time' },
} as const;

const ddmm = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

/** "Anotarte en la lista de espera de Limpieza con Dra. Pérez, del 16/11 al 27/11, por la mañana". */
function summary(ctx: ToolContext, input: NewEntryInput): string {
  const language = ctx.language ?? 'es';
  const service = getService(ctx.db, input.serviceId)?.name ?? '';
  const practitioner = input.practitionerId ? getPractitioner(ctx.db, input.practitionerId)?.name : undefined;
  const part = PARTS[language][input.dayPart];
  const range = `${ddmm(input.fromDate)} ${language === 'en' ? 'to' : 'al'} ${ddmm(input.toDate)}`;
  return language === 'en'
    ? `Put you on the waitlist for ${service}${practitioner ? ` with ${practitioner}` : ''}, ${range}, ${part}`
    : `Anotarte en la lista de espera de ${service}${practitioner ? ` con ${practitioner}` : ''}, del ${range}, ${part}`;
}

/** This patient's waitlist entries still waiting, as the model may read them. */
export function myWaitlist(ctx: ToolContext) {
  return listWaitlistEntries(ctx.db, { patientId: ctx.patientId, statuses: ['active', 'offered'] }).map((e) => ({
    service: e.serviceName,
    practitioner: e.practitionerName,
    from: e.fromDate,
    to: e.toDate,
    partOfDay: e.dayPart,
  }));
}

export const joinWaitlistTool = defineTool({
  name: 'join_waitlist',
  description:
    'Si ningún horario le sirve, anota al paciente en la lista de espera (se le ofrece por acá un turno que se libere). Dos pasos, como book_appointment. Fechas YYYY-MM-DD.',
  args: z
    .object({
      serviceId: z.number().int().positive(),
      practitionerId: z.number().int().positive().optional(),
      from: localDate,
      to: localDate,
      partOfDay: z.enum(waitlistDayParts).optional(),
      confirmed: z.boolean().optional(),
    })
    .strict(),
  run: (args, ctx) => {
    const input: NewEntryInput = {
      patientId: ctx.patientId,
      serviceId: args.serviceId,
      practitionerId: args.practitionerId ?? null,
      fromDate: args.from,
      toDate: args.to,
      dayPart: args.partOfDay ?? 'any',
      createdBy: 'assistant',
    };
    checkEntry(ctx, input);
    const key = JSON.stringify({
      serviceId: input.serviceId,
      practitionerId: args.practitionerId,
      from: input.fromDate,
      to: input.toDate,
      partOfDay: input.dayPart,
    });
    return twoStep(
      ctx,
      { action: 'waitlist', reason: key, summary: summary(ctx, input) },
      args.confirmed === true,
      () => {
        ctx.agenda.waitlist.add(input, ctx.now);
        return { joined: true, waitlist: myWaitlist(ctx) };
      },
    );
  },
});
