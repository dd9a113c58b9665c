import { describe, expect, it } from 'vitest';
import {
  MAX_BUBBLE_CHARS,
  MAX_BUBBLES,
  RateLimiter,
  splitIntoBubbles,
  typingDelayMs,
} from '../../main/pipeline/pacing.js';

describe('splitIntoBubbles', () => {
  it('keeps a short reply whole', () => {
    expect(splitIntoBubbles('¡Hola! Sí, tenemos turno el jueves.')).toEqual(['¡Hola! Sí, tenemos turno el jueves.']);
  });

  it('splits at blank lines and packs short paragraphs together', () => {
    expect(splitIntoBubbles('Hola Ana.\n\nTe cuento:\n\n¿Te sirve el jueves?')).toEqual([
      'Hola Ana.\n\nTe cuento:\n\n¿Te sirve el jueves?',
    ]);
    const long = 'a'.repeat(690);
    const bubbles = splitIntoBubbles(`Hola Ana.\n\nTe cuento:\n\n${long}\n\n¿Te sirve?`);
    expect(bubbles).toEqual(['Hola Ana.\n\nTe cuento:', long, '¿Te sirve?']);
  });

  it('sends at most three bubbles when the text fits, and none over the provider limit', () => {
    const paragraphs = Array.from({ length: 10 }, (_, i) => `${i} ${'x'.repeat(300)}`);
    const bubbles = splitIntoBubbles(paragraphs.join('\n\n'));
    expect(bubbles).toHaveLength(MAX_BUBBLES);
    expect(MAX_BUBBLES).toBe(3);
    expect(bubbles.join('\n\n')).toBe(paragraphs.join('\n\n'));
    expect(Math.max(...bubbles.map((b) => b.length))).toBeLessThanOrEqual(MAX_BUBBLE_CHARS);
  });

  it('cuts an oversized paragraph at sentence ends, never over 4,096 characters', () => {
    const sentence = 'Esta es una oración de prueba bastante larga para el límite. ';
    const text = sentence.repeat(200).trim();
    const bubbles = splitIntoBubbles(text);
    expect(bubbles.length).toBeGreaterThan(1);
    for (const b of bubbles) {
      expect(b.length).toBeLessThanOrEqual(MAX_BUBBLE_CHARS);
      expect(b.endsWith('.')).toBe(true);
    }
  });
});

describe('typingDelayMs', () => {
  it('grows with length, within bounds, with bounded jitter', () => {
    expect(typingDelayMs('ok', () => 0.5)).toBe(800);
    expect(typingDelayMs('x'.repeat(100), () => 0.5)).toBe(3_600);
    expect(typingDelayMs('x'.repeat(5000), () => 0.5)).toBe(6_000);
    expect(typingDelayMs('x'.repeat(100), () => 0)).toBe(Math.round(3_600 * 0.85));
    expect(typingDelayMs('x'.repeat(100), () => 1)).toBe(Math.round(3_600 * 1.15));
  });
});

describe('RateLimiter', () => {
  it('allows a burst up to the rate, then spaces sends evenly', async () => {
    let clock = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter(
      2,
      () => clock,
      async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    );
    for (let i = 0; i < 5; i++) await limiter.take();
    expect(waits).toEqual([500, 500, 500]);
    expect(clock).toBe(1500);
  });
});
