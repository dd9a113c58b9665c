// The knowledge routes of a running core: CRUD, search, import (dry run and real), "Probar
// una pregunta", live events, and bad input answered with stable codes and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  KnowledgeArticle,
  KnowledgeImportResult,
  KnowledgeList,
  KnowledgeTestResult,
} from '../../main/http/knowledge-types.js';
import { loadBootConfig } from '../../main/kernel/config.js';
import { startCore } from '../../main/app/core.js';
import { newToken, request, startTestCore, tempDataDir, type TestCore } from '../helpers/core.js';

let core: TestCore;
type ErrorBody = { error: { code: string; message: string } };

beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => {
  await core?.stop();
});

const total = async () => (await core.api<KnowledgeList>('GET', '/api/knowledge')).body.total;

describe('knowledge routes', () => {
  it('creates, reads, edits, searches and deletes an article, announcing each change', async () => {
    const created = core.nextEvent((e) => e.type === 'knowledge.updated' && e.data.kind === 'created');
    const post = await core.api<KnowledgeArticle>('POST', '/api/knowledge', {
      title: ' Estacionamiento ',
      body: 'Hay garage en la esquina.',
      tags: ['Auto'],
    });
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({ title: 'Estacionamiento', tags: ['auto'], source: 'manual' });
    const id = post.body.id;
    expect((await created).data).toEqual({ kind: 'created', ids: [id] });

    expect((await core.api<KnowledgeArticle>('GET', `/api/knowledge/${id}`)).body.body).toBe(
      'Hay garage en la esquina.',
    );
    const patched = await core.api<KnowledgeArticle>('PATCH', `/api/knowledge/${id}`, {
      body: 'Hay una cochera con descuento.',
    });
    expect(patched.body.body).toBe('Hay una cochera con descuento.');

    const found = await core.api<KnowledgeList>('GET', `/api/knowledge?q=${encodeURIComponent('¿dónde estaciono?')}`);
    expect(found.body.articles.map((a) => a.id)).toEqual([id]);
    expect(found.body.articles[0]!.parts.some((p) => p.match)).toBe(true);
    expect(found.body.articles[0]!.titleParts).toEqual([{ text: 'Estacionamiento', match: true }]);

    const deleted = core.nextEvent((e) => e.type === 'knowledge.updated' && e.data.kind === 'deleted');
    expect((await core.api('DELETE', `/api/knowledge/${id}`)).status).toBe(204);
    await deleted;
    expect((await core.api<ErrorBody>('GET', `/api/knowledge/${id}`)).body.error.code).toBe('NOT_FOUND');
    expect((await core.api<ErrorBody>('DELETE', `/api/knowledge/${id}`)).body.error.code).toBe('NOT_FOUND');
    expect((await core.api<ErrorBody>('PATCH', `/api/knowledge/${id}`, { title: 'x' })).body.error.code).toBe(
      'NOT_FOUND',
    );
  });

  it('previews an import without writing, then imports every section', async () => {
    const text = '# FAQ\n\n## Horarios\nDe 9 a 19.\n\n## Pagos\nEfectivo y tarjetas.\n\n## Vacío\n';
    const before = await total();
    const preview = await core.api<KnowledgeImportResult>('POST', '/api/knowledge/import', {
      text,
      fileName: 'faq.md',
      dryRun: true,
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      articles: [
        { title: 'Horarios', body: 'De 9 a 19.' },
        { title: 'Pagos', body: 'Efectivo y tarjetas.' },
      ],
      skipped: ['Vacío'],
      created: [],
    });
    expect(await total()).toBe(before);

    const imported = core.nextEvent((e) => e.type === 'knowledge.updated' && e.data.kind === 'imported');
    const done = await core.api<KnowledgeImportResult>('POST', '/api/knowledge/import', { text, fileName: 'faq.md' });
    expect(done.status).toBe(201);
    expect(done.body.created).toHaveLength(2);
    const event = await imported;
    expect(event.type === 'knowledge.updated' && event.data.ids).toEqual(done.body.created);
    expect(await total()).toBe(before + 2);
    const article = await core.api<KnowledgeArticle>('GET', `/api/knowledge/${done.body.created[0]}`);
    expect(article.body.source).toBe('import');
  });

  it('answers "Probar una pregunta" with the words searched and the snippets the assistant would get', async () => {
    const res = await core.api<KnowledgeTestResult>('POST', '/api/knowledge/test-question', {
      question: '¿Aceptan TARJETAS?',
    });
    expect(res.status).toBe(200);
    expect(res.body.words).toEqual(['aceptan', 'tarjetas']);
    expect(res.body.snippets[0]!.title).toBe('Pagos');
    expect(res.body.snippets[0]!.parts.find((p) => p.match)?.text).toBe('tarjetas');
  });

  it.each(['"', '*', 'NEAR(', 'OR', '"unbalanced', 'a OR b AND', ')'])(
    'takes %j as a question without failing',
    async (question) => {
      const res = await core.api<KnowledgeTestResult>('POST', '/api/knowledge/test-question', { question });
      expect(res.status).toBe(200);
      const list = await core.api('GET', `/api/knowledge?q=${encodeURIComponent(question)}`);
      expect(list.status).toBe(200);
    },
  );

  it('refuses bad input with stable codes and writes nothing', async () => {
    const before = await total();
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/api/knowledge', { title: '', body: 'x' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/knowledge', { title: 'x', body: '   ' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/knowledge', { title: 'x'.repeat(201), body: 'x' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/knowledge', { title: 'x', body: 'x'.repeat(20_001) }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/knowledge', { title: 'x', body: 'y', tags: 'not-a-list' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/knowledge', { title: 'x', body: 'y', id: 7 }, 400, 'VALIDATION_FAILED'],
      ['PATCH', '/api/knowledge/1', {}, 400, 'VALIDATION_FAILED'],
      ['GET', '/api/knowledge/abc', undefined, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/knowledge/import', { text: 'hola', fileName: 'foto.jpg' }, 415, 'KNOWLEDGE_UNSUPPORTED_FILE'],
      [
        'POST',
        '/api/knowledge/import',
        { text: 'PK\u0000\u0003', fileName: 'faq.md' },
        415,
        'KNOWLEDGE_UNSUPPORTED_FILE',
      ],
      ['POST', '/api/knowledge/import', { text: '  \n ' }, 422, 'KNOWLEDGE_IMPORT_EMPTY'],
      ['POST', '/api/knowledge/import', { text: `## Largo\n${'palabra '.repeat(3000)}` }, 413, 'KNOWLEDGE_TOO_LARGE'],
      ['POST', '/api/knowledge/import', { text: 'x'.repeat(200_001) }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/knowledge/test-question', { question: '' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [method, route, body, status, code] of cases) {
      const res = await core.api<ErrorBody>(method, route, body);
      expect({
        route,
        body: JSON.stringify(body)?.slice(0, 60),
        status: res.status,
        code: res.body.error?.code,
      }).toEqual({
        route,
        body: JSON.stringify(body)?.slice(0, 60),
        status,
        code,
      });
    }
    expect(await total()).toBe(before);
  });

  it('are documented in the OpenAPI document', async () => {
    const doc = await core.api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    for (const route of [
      '/api/knowledge',
      '/api/knowledge/{id}',
      '/api/knowledge/import',
      '/api/knowledge/test-question',
      '/api/assistant/test-connection',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(route);
    }
  });

  it('loads the demo starter set with --demo into an empty folder', async () => {
    const env = {
      RECEPTA_DATA_DIR: tempDataDir(),
      RECEPTA_API_PORT: '0',
      RECEPTA_WEBHOOK_PORT: '0',
      RECEPTA_TOKEN: newToken(),
      RECEPTA_LOG_STDOUT: '0',
    };
    const demo = await startCore({ config: loadBootConfig(env, ['--demo']), env });
    try {
      const list = await request<KnowledgeList>(demo.apiUrl, env.RECEPTA_TOKEN, 'GET', '/api/knowledge');
      expect(list.body.total).toBeGreaterThanOrEqual(10);
      expect(list.body.articles.every((a) => a.source === 'demo')).toBe(true);
      const asked = await request<KnowledgeTestResult>(
        demo.apiUrl,
        env.RECEPTA_TOKEN,
        'POST',
        '/api/knowledge/test-question',
        { question: '¿tienen estacionamiento?' },
      );
      expect(asked.body.snippets[0]!.title).toBe('Estacionamiento');
    } finally {
      await demo.stop();
    }
  });
});
