// The OpenAPI document a client generator reads (`GET /api/openapi.json`), built from a
// real core and linted with Redocly's recommended rules at zero errors. Warnings are
// printed, not failed: `info-license` (the app is private and has chosen no licence).
import fastifySwagger from '@fastify/swagger';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import Fastify from 'fastify';
import { validatorCompiler, serializerCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixNullableUnions, openApiDocument, openApiTransform } from '../../main/http/openapi.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type Operation = { summary?: string; operationId?: string; responses: Record<string, any> };

function operations(doc: any): Array<[string, Operation]> {
  return Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => [`${m.toUpperCase()} ${path}`, item[m]!] as [string, Operation]),
  );
}

/** Every `nullable` in the document, with whether a `type` sits next to it. */
function nullables(node: unknown, at = '#', out: Array<[string, boolean]> = []): Array<[string, boolean]> {
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ('nullable' in o) out.push([at, o.type !== undefined]);
    for (const [k, v] of Object.entries(o)) nullables(v, `${at}/${k}`, out);
  }
  return out;
}

describe('the OpenAPI document of a real core', () => {
  let core: TestCore;
  let doc: any;
  beforeAll(async () => {
    core = await startTestCore();
    const res = await core.api('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => {
    await core.stop();
  });

  it('has no errors under Redocly’s recommended rules', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const describe = (p: (typeof problems)[number]) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`;
    const warnings = problems.filter((p) => p.severity !== 'error').map(describe);
    if (warnings.length) console.info(`Redocly warnings (${warnings.length}):\n${warnings.join('\n')}`);
    expect(problems.filter((p) => p.severity === 'error').map(describe)).toEqual([]);
  });

  it('gives every operation a summary and a unique operationId', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(60);
    for (const [name, op] of ops) {
      expect(op.summary, name).toMatch(/\S/);
      expect(op.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
    }
    expect(new Set(ops.map(([, op]) => op.operationId)).size).toBe(ops.length);
  });

  it('documents the {error:{code,message}} body for 4xx and 5xx on every operation, and 401 and 400 where they apply', () => {
    for (const [name, op] of operations(doc)) {
      for (const code of ['4XX', '5XX', '401']) {
        const body = op.responses[code]?.content?.['application/json']?.schema;
        expect(body?.properties?.error?.required, `${name} ${code}`).toEqual(['code', 'message']);
      }
    }
    const [, patch] = operations(doc).find(([n]) => n === 'PATCH /api/settings')!;
    expect(patch.responses['400'].description).toMatch(/VALIDATION_FAILED/);
    const [, health] = operations(doc).find(([n]) => n === 'GET /api/health')!;
    expect(health.responses['400']).toBeUndefined(); // it takes no input
    expect(Object.keys(health.responses)).toContain('200');
  });

  it('never has `nullable` without a `type` (the e-mail and URL fields were the cases)', () => {
    const found = nullables(doc.paths);
    expect(found.length).toBeGreaterThan(5);
    expect(found.filter(([, typed]) => !typed).map(([at]) => at)).toEqual([]);
    const email = doc.paths['/api/patients'].post.requestBody.content['application/json'].schema.properties.email;
    expect(email.anyOf.some((b: any) => b.nullable === true && b.format === 'email')).toBe(true);
  });
});

describe('openApiTransform', () => {
  async function documentOf(routeSchema: Record<string, unknown>) {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(fastifySwagger, {
      openapi: { info: { title: 't', version: '0' } },
      transform: openApiTransform,
      transformObject: openApiDocument,
    });
    app.get('/api/thing', { schema: routeSchema }, async () => ({}));
    await app.ready();
    try {
      return app.swagger() as any;
    } finally {
      await app.close();
    }
  }

  it('refuses to build a document with a route that has no summary or operationId, naming it', async () => {
    await expect(documentOf({ operationId: 'getThing' })).rejects.toThrow(
      'GET /api/thing needs a summary and an operationId',
    );
    await expect(documentOf({ summary: 'A thing' })).rejects.toThrow(/GET \/api\/thing/);
    const doc = await documentOf({ summary: 'A thing', operationId: 'getThing' });
    expect(doc.paths['/api/thing'].get.operationId).toBe('getThing');
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  it('writes a nullable union with null allowed by its branches, and leaves a typed nullable alone', () => {
    const union = {
      nullable: true,
      anyOf: [
        { type: 'string', enum: [''] },
        { type: 'string', format: 'email' },
      ],
    };
    const enums = {
      nullable: true,
      anyOf: [
        { type: 'string', enum: ['a'] },
        { type: 'string', enum: ['b'] },
      ],
    };
    const typed = { type: 'string', nullable: true };
    fixNullableUnions({ properties: { union, enums, typed } });
    expect(union).toEqual({
      anyOf: [
        { type: 'string', enum: [''] },
        { type: 'string', format: 'email', nullable: true },
      ],
    });
    expect(enums.anyOf).toContainEqual({ type: 'string', nullable: true, enum: [null] });
    expect(enums).not.toHaveProperty('nullable');
    expect(typed).toEqual({ type: 'string', nullable: true });
  });

  it('documents the patient e-mail (a nullable union) with a type next to every nullable', async () => {
    const email = z
      .union([z.email().max(254), z.literal('')])
      .nullable()
      .optional();
    const doc = await documentOf({ summary: 's', operationId: 'o', querystring: z.object({ email }) });
    expect(nullables(doc.paths).filter(([, typed]) => !typed)).toEqual([]);
  });
});
