import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRootLogger, externalError, registerSecretForRedaction, scrub } from '../../main/core/logger.js';

describe('scrub', () => {
  it('masks phone numbers in free text, in the usual written forms', () => {
    for (const phone of ['+5491155550001', '+54 9 11 5555-0001', '11 5555 0001', '5491155550001']) {
      expect(scrub(`patient ${phone} wrote`)).toBe('patient [phone] wrote');
    }
    expect(scrub('outbox row 42 failed after 3 attempts')).toBe('outbox row 42 failed after 3 attempts');
  });

  it('masks bearer tokens, token query strings, webhook path tokens and registered secrets', () => {
    registerSecretForRedaction('sk-registered-secret-value');
    expect(scrub('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [secret]');
    expect(scrub('GET /?token=abcdef&x=1')).toBe('GET /?token=[secret]&x=1');
    expect(scrub('POST /webhooks/ycloud/s3cr3tT0ken')).toBe('POST /webhooks/ycloud/[token]');
    expect(scrub('the key sk-registered-secret-value was refused')).toBe('the key [secret] was refused');
  });
});

describe('externalError', () => {
  it('keeps the kind of failure and drops the provider\'s message', () => {
    const error = Object.assign(new Error('patient said: me duele'), { status: 401, code: 'invalid_api_key' });
    expect(externalError(error)).toEqual({ type: 'Error', status: 401, code: 'invalid_api_key' });
    expect(JSON.stringify(externalError(error))).not.toContain('duele');
  });
});

describe('the root logger', () => {
  it('writes JSON lines to the data folder with sensitive fields redacted', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-log-'));
    const log = createRootLogger({ dataDir: dir, level: 'info', stdout: false });
    log.child({ module: 'test' }).info({ phone: '+5491100001111', text: 'hola doctor', apiKey: 'sk-x', nested: { token: 't0k3n' }, count: 3 }, 'incoming');
    await new Promise<void>((resolve) => log.flush(() => resolve()));
    await new Promise((r) => setTimeout(r, 50));
    const line = JSON.parse(readFileSync(path.join(dir, 'logs', 'recepta.log'), 'utf8').trim().split('\n').at(-1)!);
    expect(line).toMatchObject({ module: 'test', msg: 'incoming', count: 3, phone: '[redacted]', text: '[redacted]', apiKey: '[redacted]', nested: { token: '[redacted]' } });
  });
});
