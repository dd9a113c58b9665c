import { customType } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';

/**
 * A TEXT column holding JSON that is parsed by one schema whenever it is read, so no reader
 * casts it. Tolerant on purpose: a row written by an older version (or by hand) that is not
 * JSON, or not of the shape, reads as `fallback` — never a crash on an old row. The SQL type
 * is plain `text`, the same as drizzle's `text(…, { mode: 'json' })`, so migrations do not move.
 */
export function jsonText<Schema extends z.ZodType, Fallback>(name: string, schema: Schema, fallback: Fallback) {
  return customType<{ data: z.output<Schema> | Fallback; driverData: string }>({
    dataType: () => 'text',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (text) => parseJsonText(schema, text, fallback),
  })(name);
}

/** The parse `jsonText` does, for the few raw-SQL reads that bypass drizzle's column mapping. */
export function parseJsonText<Schema extends z.ZodType, Fallback>(
  schema: Schema,
  text: unknown,
  fallback: Fallback,
): z.output<Schema> | Fallback {
  if (text === null || text === undefined) return fallback;
  let value: unknown;
  try {
    value = typeof text === 'string' ? JSON.parse(text) : text;
  } catch {
    return fallback;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}
