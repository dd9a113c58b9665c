// The confirmation report of two days (GET /api/reminders/report), typed by the route map.
import { call } from '../../../shared/api/client';

export const fetchConfirmationReport = (date: string) => call('GET /api/reminders/report', { query: { date } });
