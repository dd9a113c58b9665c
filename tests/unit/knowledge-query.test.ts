// Building the knowledge base's FTS5 query from what a patient or the model typed:
// Spanish endings, stop-words, synonyms, and no way for the text to become FTS syntax.
import { describe, expect, it } from 'vitest';
import { buildKnowledgeQuery, fold, stem } from '../../main/knowledge/query.js';

describe('stem', () => {
  it.each([
    ['turnos', 'turn'],
    ['turno', 'turn'],
    ['sociales', 'social'],
    ['social', 'social'],
    ['tarjetas', 'tarjet'],
    ['tarjeta', 'tarjet'],
    ['obras', 'obra'],
    ['preparo', 'prepar'],
    ['preparacion', 'prepar'],
    ['aceptan', 'acept'],
    ['blanqueamiento', 'blanque'],
    ['urgencias', 'urgenci'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('never cuts a word below four letters', () => {
    expect(stem('sale')).toBe('sale');
    expect(stem('osde')).toBe('osde');
    expect(stem('pagar')).toBe('pagar');
  });
});

describe('fold', () => {
  it('drops accents and case the way the index does', () => {
    expect(fold('Crédito')).toBe('credito');
    expect(fold('DIRECCIÓN')).toBe('direccion');
    expect(fold('Muñoz')).toBe('munoz');
  });
});

describe('buildKnowledgeQuery', () => {
  it('drops stop-words and question marks', () => {
    expect(buildKnowledgeQuery('¿Cómo me preparo para el blanqueamiento?')?.words).toEqual([
      'preparo',
      'blanqueamiento',
    ]);
    expect(buildKnowledgeQuery('tarjeta de crédito')?.words).toEqual(['tarjeta', 'credito']);
  });

  it('requires every word in `all` and any word in `any`', () => {
    const q = buildKnowledgeQuery('obras sociales')!;
    expect(q.all).toMatch(/^\(.*"obra"\*.*\) AND \("social"\*\)$/);
    expect(q.any).toMatch(/^\(.*\) OR \("social"\*\)$/);
    expect(buildKnowledgeQuery('estacionamiento')!.any).toBeNull();
  });

  it('adds the words patients use for the same thing', () => {
    const q = buildKnowledgeQuery('¿cuánto sale?')!;
    expect(q.all).toContain('"preci"*');
    expect(q.all).toContain('"sale"*');
    expect(buildKnowledgeQuery('cochera')!.all).toContain('"estacion"*');
  });

  it('keeps a topic word when everything else was a stop-word', () => {
    expect(buildKnowledgeQuery('¿dónde?')?.words).toEqual(['donde']);
    expect(buildKnowledgeQuery('hola, ¿cómo es?')).toBeNull();
    expect(buildKnowledgeQuery('  ¿? ')).toBeNull();
  });

  it.each([
    'NEAR(turno limpieza)',
    'turno OR limpieza',
    '"unbalanced',
    'limp*',
    'title:horarios',
    '-turno ^limpieza',
    'a AND (b OR "c',
    '"" "" ""',
    '\u0002marker\u0003',
  ])('turns %j into quoted words only', (text) => {
    const q = buildKnowledgeQuery(text);
    if (!q) return;
    // Outside quoted strings only our own syntax: parentheses, AND/OR, `*` after a quote.
    const outside = q.all
      .replace(/"[^"]*"\*/g, '')
      .replace(/\(|\)/g, '')
      .replace(/\b(AND|OR)\b/g, '')
      .trim();
    expect(outside).toBe('');
    for (const word of q.words) expect(word).toMatch(/^[\p{L}\p{N}]+$/u);
  });

  it('keeps at most eight words', () => {
    expect(buildKnowledgeQuery('uno dos tres cuatro cinco seis siete ocho nueve diez once doce')!.words).toHaveLength(
      8,
    );
  });
});
