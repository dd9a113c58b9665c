// The CSV export follows the clinic's language: Excel in es-AR splits on ';' (its decimal
// mark is the comma), in English on ','. A file with the wrong separator opens as one column.
import { describe, expect, it } from 'vitest';
import type { AppointmentRow } from '../../db/repos/appointments.js';
import { appointmentsCsv, csvCell } from '../../main/agenda/export.js';

const ZONE = 'America/Argentina/Buenos_Aires';
const start = Date.parse('2026-11-19T13:30:00Z'); // 10:30 in Buenos Aires

const row = (over: Partial<AppointmentRow> = {}): AppointmentRow => ({
  id: 1,
  patientId: 1,
  practitionerId: 1,
  serviceId: 1,
  startAt: start,
  endAt: start + 45 * 60_000,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  status: 'scheduled',
  source: 'assistant',
  notes: 'Trae estudios; y radiografía',
  cancelReason: null,
  arrivedAt: null,
  createdBy: 'asistente',
  updatedBy: 'asistente',
  createdAt: start,
  updatedAt: start,
  patientName: 'Lucía Fernández',
  patientPhone: '+5491155551234',
  serviceName: 'Limpieza',
  practitionerName: 'Dra. Ana',
  color: '#123456',
  ...over,
});

const lines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');

describe('appointments CSV', () => {
  it('in Spanish: ";" between cells, Spanish words, a cell holding ";" quoted', () => {
    const [header, line] = lines(appointmentsCsv([row()], ZONE, 'es'));
    expect(header!.split(';')).toHaveLength(12);
    expect(header).toMatch(/^Fecha;Hora;Fin;Duración \(min\);Profesional/);
    expect(line).toBe(
      '2026-11-19;10:30;11:15;45;Dra. Ana;Limpieza;Lucía Fernández;+5491155551234;Agendado;Asistente;"Trae estudios; y radiografía";',
    );
  });

  it('in English: "," between cells and English words', () => {
    const [header, line] = lines(appointmentsCsv([row({ notes: 'Bring x-rays, please' })], ZONE, 'en'));
    expect(header).toMatch(/^Date,Time,End,Duration \(min\),Practitioner/);
    expect(line).toBe(
      '2026-11-19,10:30,11:15,45,Dra. Ana,Limpieza,Lucía Fernández,+5491155551234,Scheduled,Assistant,"Bring x-rays, please",',
    );
  });

  it('writes a number with the locale decimal mark and defuses formulas', () => {
    expect(csvCell(1.5, 'es')).toBe('1,5');
    expect(csvCell(1.5, 'en')).toBe('1.5');
    expect(csvCell('=HYPERLINK("x")', 'es')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+54 9 11', 'es')).toBe('+54 9 11');
  });

  it('starts with a byte-order mark so Excel reads the accents', () => {
    expect(appointmentsCsv([], ZONE, 'es').startsWith('\uFEFF')).toBe(true);
  });
});
