import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../shared/api/types';
import { agendaEs } from '../../i18n/agenda';
import { latestConversationId, notifyText } from './notify-text';

const t = i18next.createInstance();
await t.init({ lng: 'es', resources: { es: { translation: { agenda: agendaEs } } } });

const a = {
  patientName: 'Lucía Fernández',
  serviceName: 'Limpieza',
  start: '2026-11-19T13:30:00.000Z',
} as Appointment;
const opts = { clinicName: 'Clínica Sonrisas', lang: 'es', timeZone: 'America/Argentina/Buenos_Aires' };

describe('"Avisar al paciente" text', () => {
  it('greets by first name and says the new time of a move, in the clinic zone', () => {
    const text = notifyText(t.t, 'moved', a, opts);
    expect(text).toMatch(/^Hola Lucía, te escribimos de Clínica Sonrisas\. Tu turno de Limpieza cambió: ahora es el /);
    expect(text).toContain('10:30');
  });

  it('says which appointment was cancelled, and falls back to "la clínica" without a name', () => {
    const text = notifyText(t.t, 'cancelled', a, { ...opts, clinicName: ' ' });
    expect(text).toContain('te escribimos de la clínica');
    expect(text).toContain('quedó cancelado');
  });

  it('writes to the chat the patient used last, or none', () => {
    const conv = (id: number, at: string) => ({
      id,
      channel: 'whatsapp',
      provider: 'x',
      lastMessageAt: at,
      lastMessagePreview: '',
    });
    expect(
      latestConversationId({ conversations: [conv(1, '2026-11-01T10:00:00Z'), conv(2, '2026-11-10T10:00:00Z')] }),
    ).toBe(2);
    expect(latestConversationId({ conversations: [] })).toBeNull();
  });
});
