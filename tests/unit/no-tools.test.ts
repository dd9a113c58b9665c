// The no-tools mode's pure parts: which server errors mean "this model takes no tools",
// and how a small model's JSON answer is read (fenced, wrapped in words, half wrong).
import { describe, expect, it } from 'vitest';
import { readIntent } from '../../main/agent/no-tools/intent.js';
import { refusesTools } from '../../main/agent/no-tools/refusal.js';

const apiError = (status: number, message: string) => Object.assign(new Error(`${status} ${message}`), { status });

describe('refusesTools', () => {
  it("reads each server's way of saying it", () => {
    expect(refusesTools(apiError(400, 'registry.ollama.ai/library/gemma:2b does not support tools'))).toBe(true);
    expect(refusesTools(apiError(500, 'tools param requires --jinja flag'))).toBe(true);
    expect(
      refusesTools(
        apiError(400, '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set'),
      ),
    ).toBe(true);
  });

  it('is not fooled by other failures', () => {
    expect(refusesTools(apiError(400, "Unsupported parameter: 'max_tokens'"))).toBe(false);
    expect(refusesTools(apiError(404, 'model "gemma:2b" does not support tools'))).toBe(false);
    expect(refusesTools(new Error('does not support tools'))).toBe(false);
  });
});

describe('readIntent', () => {
  it('reads fenced JSON with words around it, and quoted numbers', () => {
    expect(readIntent('Claro:\n```json\n{"intent": "book", "service": "Limpieza", "option": "2"}\n```')).toMatchObject({
      intent: 'book',
      service: 'Limpieza',
      option: 2,
    });
  });

  it('leaves out what it cannot read rather than guessing', () => {
    expect(
      readIntent('{"intent": "reservar", "date": "martes", "partOfDay": "noche", "option": 0, "yes": "sí"}'),
    ).toMatchObject({ intent: 'other', date: null, partOfDay: null, option: null, yes: null });
  });

  it('is null when there is no whole object', () => {
    expect(readIntent('Te reservo el lunes a las 10.')).toBeNull();
    expect(readIntent('{"intent": "book", "service": ')).toBeNull();
  });
});
