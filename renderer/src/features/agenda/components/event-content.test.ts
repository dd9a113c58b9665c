import { describe, expect, it } from 'vitest';
import { appt } from '../agenda.fixture';
import { appointmentContent, backgroundLabel, type EventWords } from './event-content';

const words: EventWords = {
  bookedByAssistant: 'Agendado por el asistente',
  assistantTag: 'Asistente',
  status: (s) => ({ confirmed: 'Confirmado', completed: 'Completado' })[s as 'confirmed'] ?? s,
  arrived: 'Llegó',
};
const texts = (el: HTMLElement) => Array.from(el.children, (c) => [c.className, c.textContent]);

describe('an appointment box', () => {
  it('day and week views: time, full name, service, and the status unless just scheduled', () => {
    const a = appt({ patientName: 'Lucía Fernández', serviceName: 'Limpieza', status: 'confirmed' });
    const el = appointmentContent(a, '10:00 - 10:30', false, words);
    expect(el.className).toBe('appt__inner');
    expect(texts(el)).toEqual([
      ['appt__time', '10:00 - 10:30'],
      ['appt__name', 'Lucía Fernández'],
      ['appt__service', 'Limpieza'],
      ['appt__status', 'Confirmado'],
    ]);
    expect(
      appointmentContent({ ...a, status: 'scheduled' }, '10:00', false, words).querySelector('.appt__status'),
    ).toBe(null);
  });

  it('a patient reception marked as arrived: «Llegó» on the first line, by the time', () => {
    const a = appt({ status: 'confirmed', arrivedAt: '2026-11-16T13:05:00.000Z' });
    const el = appointmentContent(a, '10:00', false, words);
    expect(el.querySelector('.appt__time .appt__arrived')?.textContent).toBe('Llegó');
    expect(appointmentContent({ ...a, arrivedAt: null }, '10:00', false, words).querySelector('.appt__arrived')).toBe(
      null,
    );
  });

  it("the assistant's tag sits by the time, with a title and words for screen readers", () => {
    const el = appointmentContent(appt({ source: 'assistant' }), '10:00', false, words);
    const tag = el.querySelector('.appt__time .appt__tag') as HTMLElement;
    expect(tag.title).toBe('Agendado por el asistente');
    expect(tag.querySelector('svg.appt__spark')?.getAttribute('aria-hidden')).toBe('true');
    expect(tag.querySelector('.appt__tag-text')?.textContent).toBe('Asistente');
    expect(tag.querySelector('.sr-only')?.textContent).toBe(': Agendado por el asistente');
  });

  it('month view: "9:30 Lucía F.", the spark after the name, never in its place', () => {
    const el = appointmentContent(appt({ patientName: 'Lucía Fernández', source: 'assistant' }), '9:30', true, words);
    expect(texts(el).slice(0, 2)).toEqual([
      ['appt__time', '9:30'],
      ['appt__name', 'Lucía F.'],
    ]);
    expect(el.lastElementChild?.className).toBe('appt__mark');
    expect(el.querySelector('.appt__mark svg')).not.toBe(null);
    expect(appointmentContent(appt({}), '9:30', true, words).querySelector('.appt__mark')).toBe(null);
  });

  it('a background event shows its reason, or nothing', () => {
    expect(backgroundLabel('Feriado').map((e) => [e.className, e.textContent])).toEqual([['bg-label', 'Feriado']]);
    expect(backgroundLabel('')).toEqual([]);
  });
});
