// Reminders (issue 17): the text preview, and "Ejecutar ahora", typed by the route map.
import { call } from '../../../shared/api/client';

export const previewReminder = (text: string, language: 'es' | 'en') =>
  call('POST /api/reminders/preview', { body: { text, language } });

export const runRemindersNow = () => call('POST /api/jobs/:name/run', { params: { name: 'reminders' }, body: {} });
