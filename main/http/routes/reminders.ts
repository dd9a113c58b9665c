import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dayOf, fromWall } from '../../agenda/zone-clock.js';
import { confirmationReport } from '../../automations/reminders/report.js';
import { fillPlaceholders, reminderValues } from '../../automations/reminders/texts.js';
import type { ApiDeps } from '../api-deps.js';
import {
  confirmationReportSchema,
  reminderPreviewBodySchema,
  reminderPreviewSchema,
  reminderReportQuerySchema,
} from '../reminders-types.js';

/** Reminders (Ajustes › Recordatorios; the agenda's "Confirmaciones"): the report and the text preview. */
export const reminderRoutes =
  (deps: Pick<ApiDeps, 'db' | 'settings'>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/reminders/report',
      {
        schema: {
          tags: ['reminders'],
          operationId: 'getReminderReport',
          summary: 'Who confirmed, cancelled, did not answer or was not reached',
          description:
            'Each visit of `date` and the next day (clinic time) with where its reminder got to, and the seven days ending on `date` per professional: confirmed %, cancelled %, no answer %, no-show %.',
          querystring: reminderReportQuerySchema.partial(),
          response: { 200: confirmationReportSchema },
        },
      },
      async (req) => {
        const zone = deps.settings.get('clinic.timeZone');
        return confirmationReport(deps.db, zone, req.query.date ?? dayOf(zone, Date.now()).date);
      },
    );

    app.post(
      '/api/reminders/preview',
      {
        schema: {
          tags: ['reminders'],
          operationId: 'previewReminder',
          summary: 'A reminder text with its placeholders filled',
          description:
            'Fills {nombre}, {dia}, {fecha}, {hora}, {profesional}, {servicio} and {clinica} with a sample visit (Thursday 14 May, 10:30, clinic time) the way the reminders job does; an unknown placeholder is left as written.',
          body: reminderPreviewBodySchema,
          response: { 200: reminderPreviewSchema },
        },
      },
      async (req) => {
        const zone = deps.settings.get('clinic.timeZone');
        const values = reminderValues(
          {
            startAt: fromWall(zone, 2026, 5, 14, 10, 30),
            zone,
            patientName: 'Ana',
            practitionerName: req.body.language === 'en' ? 'Dr. Pérez' : 'Dra. Pérez',
            serviceName: req.body.language === 'en' ? 'Check-up' : 'Consulta',
            clinicName: deps.settings.get('clinic.name') || 'Clínica',
          },
          req.body.language,
        );
        return { text: fillPlaceholders(req.body.text, values) };
      },
    );
  };
