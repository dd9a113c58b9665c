import type { Logger } from '../../kernel/logger.js';

/** The logger shape Baileys accepts (its `ILogger`, spelled out so tests need not import Baileys). */
export interface BaileysLogger {
  level: string;
  child(bindings: Record<string, unknown>): BaileysLogger;
  trace(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/**
 * Baileys logs whole protocol objects — JIDs (phone numbers), message keys, sometimes
 * message content — under field names our redaction cannot know. Only its message
 * string (scrubbed by our logger) and an error's kind get through; below `warn` nothing does.
 */
export function baileysLogger(log: Logger): BaileysLogger {
  const forward = (level: 'warn' | 'error') => (obj: unknown, msg?: string) => {
    const text = typeof obj === 'string' ? obj : msg;
    const err = (obj as { err?: unknown; error?: unknown } | null)?.err ?? (obj as { error?: unknown } | null)?.error;
    const kind = err instanceof Error ? { errorType: err.name } : {};
    log[level]({ module: 'baileys', ...kind }, text ?? 'baileys');
  };
  const quiet = () => undefined;
  const self: BaileysLogger = {
    level: 'warn',
    child: () => self,
    trace: quiet,
    debug: quiet,
    info: quiet,
    warn: forward('warn'),
    error: forward('error'),
  };
  return self;
}
