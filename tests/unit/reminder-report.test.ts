// Where a visit stands in the confirmation report (main/automations/reminders/report.ts).
import { describe, expect, it } from 'vitest';
import type { VisitReminderRow } from '../../db/repos/reminders-report.js';
import { confirmationState, weekFigures } from '../../main/automations/reminders/report.js';

const row = (patch: Partial<VisitReminderRow>): VisitReminderRow => ({
  appointmentId: 1,
  startAt: 0,
  status: 'scheduled',
  patientName: 'Ana',
  practitionerId: 1,
  practitionerName: 'Dra. Pérez',
  everConfirmed: 0,
  reminderKind: 'main',
  reminderStatus: null,
  reminderReason: null,
  ...patch,
});

describe('the confirmation report', () => {
  it('names each visit’s state from its status and its reminder', () => {
    expect(confirmationState(row({ status: 'cancelled', reminderStatus: 'read' }))).toBe('cancelled');
    expect(confirmationState(row({ status: 'confirmed' }))).toBe('confirmed');
    expect(confirmationState(row({ status: 'completed', everConfirmed: 1 }))).toBe('confirmed');
    expect(confirmationState(row({ reminderStatus: 'read' }))).toBe('no_answer');
    expect(confirmationState(row({ reminderStatus: 'failed' }))).toBe('not_delivered');
    expect(confirmationState(row({ reminderStatus: 'skipped', reminderReason: 'no_chat' }))).toBe('not_delivered');
    expect(confirmationState(row({ reminderStatus: 'skipped', reminderReason: 'too_late' }))).toBe('not_sent');
    expect(confirmationState(row({ reminderStatus: 'queued' }))).toBe('not_sent');
  });

  it('gives each professional’s week as percentages of their visits', () => {
    const figures = weekFigures([
      row({ appointmentId: 1, status: 'confirmed' }),
      row({ appointmentId: 2, status: 'cancelled' }),
      row({ appointmentId: 3, reminderStatus: 'delivered' }),
      row({ appointmentId: 4, status: 'no_show', reminderStatus: 'read' }),
      row({ appointmentId: 5, practitionerId: 2, practitionerName: 'Dr. Gómez', status: 'confirmed' }),
    ]);
    expect(figures).toEqual([
      {
        practitionerId: 1,
        practitionerName: 'Dra. Pérez',
        visits: 4,
        confirmedPct: 25,
        cancelledPct: 25,
        noAnswerPct: 50,
        noShowPct: 25,
      },
      {
        practitionerId: 2,
        practitionerName: 'Dr. Gómez',
        visits: 1,
        confirmedPct: 100,
        cancelledPct: 0,
        noAnswerPct: 0,
        noShowPct: 0,
      },
    ]);
  });
});
