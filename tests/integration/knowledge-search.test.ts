// The knowledge base against real SQLite: the repository's CRUD and FTS index kept in step,
// and search relevance on the demo clinic's starter articles with the questions patients
// actually write (accents or not, plurals, verbs, prices, FTS syntax typed by accident).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { createArticle, deleteArticle, getArticle, searchArticles, updateArticle } from '../../db/repos/knowledge.js';
import { AppEvents, type AppEvent } from '../../main/http/app-events.js';
import { loadDemoKnowledge } from '../../main/knowledge/demo.js';
import { searchKnowledge } from '../../main/knowledge/search.js';
import { KnowledgeService } from '../../main/knowledge/service.js';

let db: Db;
let service: KnowledgeService;
const events: AppEvent[] = [];

beforeAll(() => {
  db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'recepta-knowledge-')), 'recepta.db'));
  const bus = new AppEvents();
  bus.subscribe((e) => events.push(e));
  service = new KnowledgeService(db, bus);
  expect(loadDemoKnowledge(service)).toBeGreaterThanOrEqual(10);
});

afterAll(() => closeDatabase(db));

const titles = (query: string, limit = 5) => searchKnowledge(db, query, limit).map((s) => s.title);

describe('search relevance on the demo articles', () => {
  it.each([
    ['estacionamiento', 'Estacionamiento'],
    ['¿tienen cochera?', 'Estacionamiento'],
    ['¿aceptan OSDE?', 'Obras sociales y prepagas'],
    ['obras sociales', 'Obras sociales y prepagas'],
    ['obra social', 'Obras sociales y prepagas'],
    ['¿trabajan con prepagas?', 'Obras sociales y prepagas'],
    ['tarjeta de credito', 'Medios de pago'],
    ['tarjeta de crédito', 'Medios de pago'],
    ['TARJETAS', 'Medios de pago'],
    ['¿puedo pagar en cuotas?', 'Medios de pago'],
    ['como me preparo para el blanqueamiento', 'Preparación para el blanqueamiento'],
    ['cómo me preparo para el blanqueamiento', 'Preparación para el blanqueamiento'],
    ['¿a qué hora abren los sábados?', 'Horarios de atención'],
    ['horarios', 'Horarios de atención'],
    ['¿dónde quedan?', 'Cómo llegar'],
    ['direccion', 'Cómo llegar'],
    ['quiero cancelar mi turno', 'Cancelaciones y reprogramaciones'],
    ['me sangra mucho la encía, es urgente', 'Urgencias'],
    ['limpieza facial preparacion', 'Preparación para la limpieza facial profunda'],
  ])('%j → %s first', (query, expected) => {
    expect(titles(query)[0]).toBe(expected);
  });

  it('finds the limpieza sheet and the prices note for "cuanto sale la limpieza"', () => {
    const top = titles('cuanto sale la limpieza', 3);
    expect(top).toContain('Preparación para la limpieza dental');
    expect(top).toContain('Precios y presupuestos');
  });

  it('finds "turno" from "turnos" and "tarjeta" from "tarjetas"', () => {
    const turnos = searchKnowledge(db, 'turnos', 10);
    expect(turnos.length).toBeGreaterThan(0);
    expect(turnos.some((s) => s.parts.some((p) => p.match && /^turno$/i.test(p.text)))).toBe(true);
    const highlighted = searchKnowledge(db, 'tarjetas', 1)[0]!
      .parts.filter((p) => p.match)
      .map((p) => p.text.toLowerCase());
    expect(highlighted).toContain('tarjetas');
  });

  it('gives short articles whole, with the matched words marked', () => {
    const [hit] = searchKnowledge(db, 'estacionamiento', 1);
    const article = getArticle(db, hit!.id)!;
    expect(hit!.excerpt).toBe(article.body);
    expect(hit!.parts.filter((p) => p.match).map((p) => p.text.toLowerCase())).toContain('estacionamiento');
    expect(hit!.excerpt).not.toMatch(/[\u0002\u0003]/);
  });

  it('returns nothing for greetings and respects the limit', () => {
    expect(searchKnowledge(db, 'hola, buenas')).toEqual([]);
    expect(searchKnowledge(db, 'turno limpieza dientes pago', 2)).toHaveLength(2);
  });

  it.each([
    '"',
    '*',
    'NEAR(',
    'NEAR(turno, 2)',
    'turno OR',
    'OR AND NOT',
    '"turno',
    'turno"limpieza',
    '(((',
    'title:hora',
    '^x',
    '- -',
    '\u0000',
    'ñ'.repeat(600),
  ])('never errors on %j', (query) => {
    expect(() => searchKnowledge(db, query)).not.toThrow();
  });
});

describe('repository and service', () => {
  it('keeps the index in step with inserts, updates and deletes', () => {
    const mark = { open: '[', close: ']' };
    const find = (q: string) =>
      searchArticles(db, q, { limit: 5, wholeBodyUpTo: 1000, snippetTokens: 16, mark }).map((h) => h.id);
    const row = createArticle(db, {
      title: 'Radiografías',
      body: 'Hacemos panorámicas.',
      tags: 'rx',
      source: 'manual',
    });
    expect(find('"panoramicas"')).toEqual([row.id]);
    updateArticle(db, row.id, { body: 'Hacemos tomografías.' });
    expect(find('"panoramicas"')).toEqual([]);
    expect(find('"tomografias"')).toEqual([row.id]);
    expect(deleteArticle(db, row.id)).toBe(true);
    expect(find('"tomografias"')).toEqual([]);
    expect(deleteArticle(db, row.id)).toBe(false);
  });

  it('weighs a title match above a body match', () => {
    const inBody = service.create({ title: 'Otra cosa', body: 'Hablamos de zirconio acá.', tags: [] });
    const inTitle = service.create({ title: 'Coronas de zirconio', body: 'Detalles.', tags: [] });
    expect(searchKnowledge(db, 'zirconio').map((s) => s.id)).toEqual([inTitle.id, inBody.id]);
    service.remove(inBody.id);
    service.remove(inTitle.id);
  });

  it('cleans input and normalizes tags; announces every change', () => {
    events.length = 0;
    const a = service.create({
      title: '  Implantes\u0002 ',
      body: '\r\nSí, hacemos implantes.\r\n',
      tags: ['Implante, #Cirugía', 'implante'],
    });
    expect(a).toMatchObject({
      title: 'Implantes',
      body: 'Sí, hacemos implantes.',
      tags: ['implante', 'cirugía'],
      source: 'manual',
    });
    expect(service.update(a.id, { tags: [] })?.tags).toEqual([]);
    expect(service.update(999_999, { title: 'x' })).toBeNull();
    service.remove(a.id);
    expect(events.map((e) => e.type === 'knowledge.updated' && `${e.data.kind}:${e.data.ids.join()}`)).toEqual([
      `created:${a.id}`,
      `updated:${a.id}`,
      `deleted:${a.id}`,
    ]);
  });

  it('imports all articles or none, and lists alphabetically with accents in place', () => {
    const before = service.count();
    const result = service.importText('## Ácido hialurónico\nSí.\n## Zona sur\nNo.', 'faq.md');
    expect(result.created).toHaveLength(2);
    expect(service.count()).toBe(before + 2);
    const listed = service.list().articles.map((a) => a.title);
    expect(listed.indexOf('Ácido hialurónico')).toBe(0);
    expect(listed.at(-1)).toBe('Zona sur');
    expect(service.importText('## Uno\nSí.', 'x.md', { dryRun: true }).created).toEqual([]);
    expect(service.count()).toBe(before + 2);
    for (const id of result.created) service.remove(id);
  });

  it('does not load the demo twice', () => {
    expect(loadDemoKnowledge(service)).toBe(0);
  });
});
