// What keeps the prompt small and inside the model's context: the clinic's facts said once
// (the structured settings and the catalogue, not again in the free-text profile), the
// opening hours said compactly, and the history cut, oldest first, to the context.
import { describe, expect, it } from 'vitest';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { estimateTokens, trimToBudget } from '../../main/agent/history-trim.js';
import { hoursText, profileBeyondStructured } from '../../main/agent/prompt.js';
import type { AgentSettingsStore } from '../../main/agent/settings.js';

const PROFILE = [
  'Dirección: Av. Santa Fe 3200, piso 4. Teléfono: (011) 4800-1234.',
  'Horarios: lunes a viernes de 9:00 a 19:00.',
  '',
  'Profesionales:',
  '- Dra. Ana Pérez — odontología general y limpiezas.',
  '',
  'Servicios y precios:',
  '- Consulta odontológica: 30 min, $ 25.000.',
  '- Limpieza dental: 45 min, $ 35.000.',
  '',
  'Estacionamiento gratis en la esquina.',
].join('\n');

function settings(values: Record<string, unknown>): AgentSettingsStore {
  const all: Record<string, unknown> = {
    'clinic.profile': PROFILE,
    'clinic.address': 'Av. Santa Fe 3200, piso 4',
    'clinic.phone': '(011) 4800-1234',
    'clinic.email': '',
    'clinic.openingHours': [{ weekday: 1, start: '09:00', end: '19:00' }],
    'clinic.cancellationPolicy': '',
    ...values,
  };
  return { get: (k: string) => all[k] } as unknown as AgentSettingsStore;
}

describe('the clinic profile in the prompt', () => {
  it('loses what the settings and the catalogue say, and keeps what they cannot hold', () => {
    const text = profileBeyondStructured(settings({}), ['Consulta odontológica', 'Limpieza dental']);
    expect(text).toBe(
      [
        'Profesionales:',
        '- Dra. Ana Pérez — odontología general y limpiezas.',
        '',
        'Estacionamiento gratis en la esquina.',
      ].join('\n'),
    );
  });

  it('keeps a fact whose setting is empty, and a price the catalogue does not have', () => {
    const text = profileBeyondStructured(settings({ 'clinic.address': '', 'clinic.openingHours': [] }), [
      'Consulta odontológica',
    ]);
    expect(text).toContain('Dirección: Av. Santa Fe 3200');
    expect(text).toContain('Horarios: lunes a viernes');
    expect(text).toContain('Limpieza dental: 45 min, $ 35.000.');
    expect(text).not.toContain('Consulta odontológica');
  });
});

describe('opening hours', () => {
  it('say runs of days with the same hours once', () => {
    const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, start: '09:00', end: '13:00' },
      { weekday, start: '14:00', end: '18:00' },
    ]);
    expect(hoursText([...weekdays, { weekday: 6, start: '09:00', end: '13:00' }])).toBe(
      'lunes a viernes: 09:00–13:00 y 14:00–18:00; sábado: 09:00–13:00; domingo: cerrado',
    );
    expect(hoursText([{ weekday: 3, start: '10:00', end: '12:00' }])).toBe(
      'lunes a martes: cerrado; miércoles: 10:00–12:00; jueves a domingo: cerrado',
    );
  });
});

describe('the history is cut to the context', () => {
  const system: ChatCompletionMessageParam = { role: 'system', content: 'x'.repeat(300) }; // ~104 tokens
  const said = (i: number): ChatCompletionMessageParam => ({
    role: i % 2 ? 'assistant' : 'user',
    content: `${i} ${'y'.repeat(295)}`,
  });
  const chat = [system, ...Array.from({ length: 20 }, (_, i) => said(i))];

  it('keeps everything that fits', () => {
    expect(trimToBudget(chat, 100_000)).toEqual(chat);
  });

  it('drops the oldest messages first, never the system prompt', () => {
    const kept = trimToBudget(chat, estimateTokens(system) + 5 * estimateTokens(said(19)));
    expect(kept[0]).toBe(system);
    expect(kept.slice(1)).toEqual(chat.slice(-5));
  });

  it('always keeps the newest message, even alone over the budget', () => {
    expect(trimToBudget(chat, 10)).toEqual([system, chat.at(-1)]);
  });
});
