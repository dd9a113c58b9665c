// Model health per endpoint, the person promise's "when", and a 429's Retry-After: the
// pure parts of how the assistant fails honestly.
import { describe, expect, it } from 'vitest';
import { ALERT_AFTER_MS, ModelHealth, endpointKey } from '../../main/agent/model-health.js';
import { keepPersonPromise, promisesAPerson, whenAPersonAnswers } from '../../main/agent/handoff-promise.js';
import { menuTexts } from '../../main/agent/menu-texts.js';
import { RETRY_AFTER_CAP_MS, retryAfterMs } from '../../main/agent/rate-limit.js';
import type { ClinicRules } from '../../main/agenda/availability.js';

const A = endpointKey('http://localhost:11434/v1/', 'qwen3');
const B = endpointKey('http://localhost:11434/v1', 'llama3.1');

describe('ModelHealth', () => {
  it('counts failures per endpoint: another model on the same server starts clean', () => {
    const h = new ModelHealth();
    h.failed(A, 'timeout', 0);
    h.failed(A, 'http_5xx', 1);
    expect(h.looksDown(A)).toBe(true);
    expect(h.looksDown(B)).toBe(false);
    expect(endpointKey('http://x/v1/', 'm')).toBe(endpointKey('http://x/v1', 'm'));
  });

  it('a model that answered badly (empty, bad_response, tool_rounds, context_too_long) is not down', () => {
    const h = new ModelHealth();
    for (const reason of ['empty', 'empty', 'bad_response', 'tool_rounds', 'context_too_long', 'empty'])
      expect(h.failed(A, reason, 0)).toBeNull();
    expect(h.looksDown(A)).toBe(false);
    expect(h.failures(A).get('empty')).toBe(3);
  });

  it('alerts once after three outage failures in a row, and says when it is back', () => {
    const h = new ModelHealth();
    expect(h.failed(A, 'timeout', 10)).toBeNull();
    expect(h.failed(A, 'rate_limited', 20)).toBeNull();
    expect(h.failed(A, 'unreachable', 30)).toEqual({ state: 'down', reason: 'unreachable', since: 10 });
    expect(h.failed(A, 'unreachable', 40)).toBeNull();
    expect(h.answered(A, 50)).toEqual({ state: 'up', since: 50 });
    expect(h.answered(A, 60)).toBeNull();
  });

  it('an answer in between starts the count again; two failures two minutes apart alert', () => {
    const h = new ModelHealth();
    h.failed(A, 'timeout', 0);
    h.failed(A, 'timeout', 1);
    expect(h.answered(A, 2)).toBeNull();
    expect(h.failed(A, 'timeout', 3)).toBeNull();
    expect(h.failed(A, 'http_5xx', 3 + ALERT_AFTER_MS)).toEqual({ state: 'down', reason: 'http_5xx', since: 3 });
  });
});

// A Monday–Friday 9:00–18:00 clinic in Buenos Aires (UTC−3), closed on 2026-12-08.
const rules: ClinicRules = {
  timeZone: 'America/Argentina/Buenos_Aires',
  slotMinutes: 15,
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })),
  closures: [{ startDate: '2026-12-08', endDate: '2026-12-08' }],
};
const at = (iso: string) => Date.parse(iso);

describe('whenAPersonAnswers', () => {
  it.each([
    ['2026-12-03T13:00:00Z', 'es', 'en unos minutos'], // jueves 10:00
    ['2026-12-03T20:50:00Z', 'es', 'mañana a las 9:00'], // jueves 17:50: closing within 15 min
    ['2026-12-04T08:00:00Z', 'es', 'hoy a las 9:00'], // viernes 5:00, before it opens
    ['2026-12-05T15:00:00Z', 'es', 'el lunes a las 9:00'], // sábado
    ['2026-12-05T15:00:00Z', 'en', 'on Monday at 9:00'],
    ['2026-12-07T22:00:00Z', 'es', 'el miércoles a las 9:00'], // lunes 19:00, martes 8 closed
    ['2026-12-03T13:00:00Z', 'en', 'in a few minutes'],
  ] as const)('%s (%s) → %s', (now, lang, when) => {
    expect(whenAPersonAnswers(rules, at(now), lang)).toBe(when);
  });

  it('a long closure gives the date; no hours at all, "as soon as we reopen"; no agenda, "a la brevedad"', () => {
    const closed = { ...rules, closures: [{ startDate: '2026-12-05', endDate: '2026-12-20' }] };
    expect(whenAPersonAnswers(closed, at('2026-12-05T15:00:00Z'), 'es')).toBe('el lunes 21/12 a las 9:00');
    expect(whenAPersonAnswers({ ...rules, openingHours: [] }, at('2026-12-05T15:00:00Z'), 'es')).toBe(
      'apenas volvamos a abrir',
    );
    expect(whenAPersonAnswers(null, 0, 'es')).toBe('a la brevedad');
  });
});

describe('keepPersonPromise', () => {
  const t = menuTexts('voseo', 'es');
  const when = () => 'el lunes a las 9:00';

  it('a handoff reply says when, once', () => {
    const kept = keepPersonPromise(
      { text: 'Perfecto, le aviso al equipo.', meta: { handoff: 'Pide una persona' } },
      t,
      when,
    );
    expect(kept.text).toBe(
      'Perfecto, le aviso al equipo. Una persona del equipo te va a contestar el lunes a las 9:00.',
    );
    expect(keepPersonPromise(kept, t, when).text).toBe(kept.text);
  });

  it('words that promise a person hand the chat off even when nothing else did', () => {
    const kept = keepPersonPromise(
      { text: 'Le paso tu consulta al equipo: te va a escribir una persona.', meta: {} as { handoff?: string } },
      t,
      when,
    );
    expect(kept.meta.handoff).toBeTruthy();
    expect(kept.text).toContain('el lunes a las 9:00');
    expect(promisesAPerson('A person from the team will answer you soon.')).toBe(true);
    expect(promisesAPerson('Uma pessoa da equipe vai te responder.')).toBe(true);
    expect(promisesAPerson('Tengo lugar el jueves. ¿Te sirve?')).toBe(false);
  });

  it('the holding reply promises no person', () => {
    const holding = { text: t.holding, meta: { holding: true } };
    expect(keepPersonPromise(holding, t, when)).toBe(holding);
  });
});

describe('retryAfterMs', () => {
  const e429 = (value?: string) => ({ status: 429, headers: new Headers(value ? { 'retry-after': value } : {}) });

  it('reads seconds and HTTP dates, capped at ~10 s; no header waits a moment; not a 429 is null', () => {
    expect(retryAfterMs(e429('3'), 0)).toBe(3_000);
    expect(retryAfterMs(e429('120'), 0)).toBe(RETRY_AFTER_CAP_MS);
    const now = at('2026-12-03T13:00:00Z');
    expect(retryAfterMs(e429('Thu, 03 Dec 2026 13:00:04 GMT'), now)).toBe(4_000);
    expect(retryAfterMs(e429('Thu, 03 Dec 2026 12:00:00 GMT'), now)).toBe(0);
    expect(retryAfterMs(e429(), 0)).toBe(1_000);
    expect(retryAfterMs({ status: 429, headers: { 'retry-after': '2' } }, 0)).toBe(2_000);
    expect(retryAfterMs({ status: 503, headers: new Headers({ 'retry-after': '2' }) }, 0)).toBeNull();
  });
});
