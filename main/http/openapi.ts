// What turns the routes' zod schemas into the OpenAPI document (`GET /api/openapi.json`)
// beyond what fastify-type-provider-zod does: the shared error responses every route
// can give, a fix for its nullable unions, and a loud failure for an undocumented route.
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type Transform = NonNullable<FastifyDynamicSwaggerOptions['transform']>;
type TransformObject = NonNullable<FastifyDynamicSwaggerOptions['transformObject']>;
type Json = Record<string, unknown>;

/** The body of every error, on both listeners (see ErrorBody in errors.ts). */
const ERROR_BODY: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          description: 'Stable: a client may branch on it (UNAUTHORIZED, NOT_FOUND, VALIDATION_FAILED, SLOT_TAKEN…).',
        },
        message: { type: 'string', description: 'For people. Never carries internals.' },
        details: {
          type: 'array',
          description: 'VALIDATION_FAILED only: which field and why.',
          items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

const errorResponse = (description: string): Json => ({
  description,
  content: { 'application/json': { schema: ERROR_BODY } },
});

/** Error responses every route documents; ones a route declares itself win. */
function sharedErrorResponses(url: string, schema: Json): Json {
  const takesInput = ['body', 'querystring', 'params', 'headers'].some((k) => schema[k] !== undefined);
  return {
    ...(takesInput
      ? {
          400: errorResponse(
            'Not valid JSON or fails validation (INVALID_JSON, VALIDATION_FAILED); nothing was changed.',
          ),
        }
      : {}),
    ...(url.startsWith('/api/') ? { 401: errorResponse('Missing or wrong session token (UNAUTHORIZED).') } : {}),
    '4xx': errorResponse(
      'Refused, with a stable code in error.code (NOT_FOUND, CONFLICT, HOST_NOT_ALLOWED, PAYLOAD_TOO_LARGE…).',
    ),
    '5xx': errorResponse(
      'Recepta could not do it (INTERNAL, KEYCHAIN_UNAVAILABLE…); the details are in the log, not here.',
    ),
  };
}

/**
 * OpenAPI 3.0 has no null type: `nullable` only means something next to `type`, and
 * generators reject it without one. fastify-type-provider-zod writes a nullable union of
 * several branches (`z.union([z.literal(''), z.email()]).nullable()`) as
 * `{nullable, anyOf}` with no type. Written instead as the same union with null allowed
 * by its branches: each branch that is not an enum becomes nullable (an enum branch
 * would also need null among its values), or, with only enums, a null branch is added.
 */
export function fixNullableUnions(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(fixNullableUnions);
  if (node === null || typeof node !== 'object') return;
  const schema = node as Json;
  const branches = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (schema.nullable === true && schema.type === undefined) {
    delete schema.nullable;
    if (Array.isArray(branches)) {
      const open = branches.filter((b) => b.type !== undefined && b.enum === undefined);
      for (const b of open) b.nullable = true;
      if (open.length === 0)
        branches.push({ type: branches.find((b) => b.type)?.type ?? 'string', nullable: true, enum: [null] });
    }
  }
  for (const value of Object.values(schema)) fixNullableUnions(value);
}

/** The per-route transform: zod → JSON Schema, then the checks and additions above. */
export const openApiTransform: Transform = (input) => {
  const out = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
  const schema = out.schema as Json;
  if (schema.hide) return out;
  if (typeof schema.summary !== 'string' || typeof schema.operationId !== 'string') {
    // Thrown while the document is built: the OpenAPI test fails, naming the route.
    throw new Error(
      `OpenAPI: ${String(input.route.method)} ${input.url} needs a summary and an operationId in its route schema.`,
    );
  }
  fixNullableUnions(schema);
  const declared = (schema.response as Json | undefined) ?? {};
  // Streams and text (media, events, metrics, exports) and 204s declare no response
  // schema: they still answer 2xx, as their description says.
  const success = Object.keys(declared).some((code) => code.startsWith('2'))
    ? {}
    : { '2xx': { type: 'null', description: 'Success: see the description for what comes back.' } };
  schema.response = { ...success, ...sharedErrorResponses(input.url, schema), ...declared };
  return out;
};

/** The whole document: where the API is (relative: the core that serves the document). */
export const openApiDocument: TransformObject = (documentObject) => {
  const openapi = (documentObject as { openapiObject?: Json }).openapiObject ?? {};
  return { ...openapi, servers: [{ url: '/', description: 'The Recepta core that served this document.' }] };
};
