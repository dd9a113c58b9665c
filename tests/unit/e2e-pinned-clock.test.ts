// Every end-to-end spec takes Playwright's `test` from the pinned-clock fixture (directly
// or through fixtures.ts): one imported straight from @playwright/test would run its page
// on today's date while its core runs on the pinned one.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/core.js';

const E2E = path.join(ROOT, 'tests', 'e2e');
const RAW_TEST = /import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'@playwright\/test'/;

describe('end-to-end specs', () => {
  it('take `test` from the pinned clock, never straight from @playwright/test', () => {
    const files = readdirSync(E2E).filter((f) => f.endsWith('.ts') && f !== 'pinned-clock.ts');
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => RAW_TEST.test(readFileSync(path.join(E2E, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
