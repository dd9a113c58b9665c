import { LogController, type FastifyBaseLogger } from 'fastify';
import type { Logger } from '../kernel/logger.js';

/** Shared by both listeners: our redacting logger, and no per-request lines (URLs carry tokens). */
export function fastifyLogging(log: Logger, module: string) {
  return {
    loggerInstance: log.child({ module }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
  };
}
