// The renderer's route map (renderer/src/shared/api/routes.ts) names routes by method and
// path; each must be a route the core serves, with the same parameter names, or the UI
// would call a 404 that its types cannot see. Checked against a real core's OpenAPI document.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';

const ROUTES_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../renderer/src/shared/api/routes.ts',
);

/** The map's keys, read from its source: `'GET /api/knowledge/:id': route<…>(),`. */
function rendererRoutes(): string[] {
  const text = readFileSync(ROUTES_FILE, 'utf8');
  return [...text.matchAll(/^\s*'((?:GET|POST|PUT|PATCH|DELETE) \/api[^']*)':/gm)].map((m) => m[1]!);
}

describe('the renderer calls only routes the core serves', () => {
  let core: TestCore;
  let served: Set<string>;
  beforeAll(async () => {
    core = await startTestCore();
    const res = await core.api('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = (res.body as { paths: Record<string, Record<string, unknown>> }).paths;
    served = new Set(
      Object.entries(paths).flatMap(([p, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${p}`)),
    );
  });
  afterAll(async () => {
    await core.stop();
  });

  it('every route of the map is in the OpenAPI document, parameters named alike', () => {
    const routes = rendererRoutes();
    expect(routes.length).toBeGreaterThan(50);
    const missing = routes.filter((r) => !served.has(r.replace(/:(\w+)/g, '{$1}')));
    expect(missing).toEqual([]);
  });

  it('catches a route the core does not serve', () => {
    expect(served.has('GET /api/knowledge/{articleId}')).toBe(false);
    expect(served.has('GET /api/knowledge/{id}')).toBe(true);
  });
});
