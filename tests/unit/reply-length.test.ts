import { describe, expect, it } from 'vitest';
import { MAX_REPLY_CHARS, boundReply } from '../../main/agent/reply-length.js';
import { cutPoint } from '../../main/kernel/sentence-cut.js';
import { splitIntoBubbles } from '../../main/pipeline/pacing.js';

const CLOSING = 'Hasta acá lo principal; si querés más detalle, preguntame.';

describe('boundReply', () => {
  it('leaves a reply that fits as it is', () => {
    expect(boundReply('Tenemos turno el jueves a las 15. ¿Te sirve?', CLOSING)).toBe(
      'Tenemos turno el jueves a las 15. ¿Te sirve?',
    );
  });

  it('cuts a 60,000-character reply at a sentence end, closes it, and it goes out as at most 3 bubbles', () => {
    const sentence = 'La consulta incluye revisión general y control de presión arterial. ';
    const text = sentence.repeat(Math.ceil(60_000 / sentence.length)).slice(0, 60_000);
    const out = boundReply(text, CLOSING);
    expect(out.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    expect(out.length).toBeGreaterThan(MAX_REPLY_CHARS / 2);
    expect(out.endsWith(`arterial.\n\n${CLOSING}`)).toBe(true);
    const bubbles = splitIntoBubbles(out);
    expect(bubbles.length).toBeLessThanOrEqual(3);
  });

  it('many short paragraphs are cut too, still within 3 bubbles', () => {
    const text = Array.from({ length: 200 }, (_, i) => `Punto ${i}: algo para leer.`).join('\n\n');
    const out = boundReply(text, CLOSING);
    expect(out.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    expect(splitIntoBubbles(out).length).toBeLessThanOrEqual(3);
  });

  it('a reply the server stopped at max_tokens loses its unfinished sentence and gets the closing line', () => {
    expect(boundReply('Tenemos dos opciones. La primera es el jueves a las', CLOSING, true)).toBe(
      `Tenemos dos opciones.\n\n${CLOSING}`,
    );
    // Nothing finished to cut back to: kept, and closed.
    expect(boundReply('Tenemos dos opciones para', CLOSING, true)).toBe(`Tenemos dos opciones para\n\n${CLOSING}`);
  });
});

describe('cutPoint', () => {
  it('prefers a sentence end, then a space, never inside "10.30"', () => {
    expect(cutPoint('Hoy atendemos hasta las 10.30 y después no', 27)).toBe(23);
    expect(cutPoint('Primera oración completa. Segunda sin terminar', 40)).toBe(25);
    expect(cutPoint('x'.repeat(50), 20)).toBe(20);
  });
});
