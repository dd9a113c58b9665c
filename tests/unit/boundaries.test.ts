// The house rules about who may import whom, checked on the source tree:
// - only main/electron/ and preload/ import `electron`;
// - db/ imports nothing from main/;
// - main/kernel/ (the ground) imports no other folder of main/: the domains declare their slices, the kernel the machinery;
// - renderer/ imports nothing from main/ or db/, except through `.d.ts` type bridges;
// - no SQL (better-sqlite3, drizzle, raw statements) in product code outside db/.
// Each rule is also run on a planted violation, so a rule that stops seeing anything fails here.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SELF = path.relative(ROOT, fileURLToPath(import.meta.url)).split(path.sep).join('/');

const SOURCE_EXTENSIONS = /\.(ts|tsx|cts|mts|js|jsx|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'release', 'coverage', 'test-results', 'playwright-report', '.git', '.data']);

interface SourceFile {
  /** Path from the project root, with forward slashes. */
  rel: string;
  text: string;
}

function listSources(root: string, dirs: readonly string[]): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a folder that does not exist (yet) has nothing to break
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (SOURCE_EXTENSIONS.test(entry.name)) {
        const rel = path.relative(root, full).split(path.sep).join('/');
        if (rel !== SELF) out.push({ rel, text: readFileSync(full, 'utf8') });
      }
    }
  };
  for (const dir of dirs) walk(path.join(root, dir));
  return out;
}

/** Comments out of the way (a comment may name a module without importing it). Strings are kept. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/^\s*\/\/.*$/gm, '');
}

interface ImportRef {
  specifier: string;
  /** `import type` / `export type`: erased at compile time. */
  typeOnly: boolean;
}

/** Every module a file pulls in: static imports and re-exports, side-effect imports, require(), import(), import x = require(). */
function importsOf(source: string): ImportRef[] {
  const text = stripComments(source);
  const refs: ImportRef[] = [];
  const patterns: Array<[RegExp, (m: RegExpExecArray) => ImportRef]> = [
    [/\bimport\s+(type\s+)?[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/g, (m) => ({ specifier: m[2]!, typeOnly: Boolean(m[1]) })],
    [/\bexport\s+(type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s*from\s*['"]([^'"]+)['"]/g, (m) => ({ specifier: m[2]!, typeOnly: Boolean(m[1]) })],
    [/\bimport\s*['"]([^'"]+)['"]/g, (m) => ({ specifier: m[1]!, typeOnly: false })],
    [/(?<![\w$.])(?:require|import)\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g, (m) => ({ specifier: m[1]!, typeOnly: false })],
  ];
  for (const [re, toRef] of patterns) for (const m of text.matchAll(re)) refs.push(toRef(m as RegExpExecArray));
  return refs;
}

/** Where a relative specifier points, from the project root; null for a package. */
function resolveRelative(fromRel: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), specifier));
}

const under = (rel: string, dir: string) => rel === dir || rel.startsWith(`${dir}/`);
const isElectron = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/');

function electronImportsOutsideShell(files: SourceFile[]): string[] {
  return files
    .filter((f) => !under(f.rel, 'main/electron') && !under(f.rel, 'preload'))
    .flatMap((f) => importsOf(f.text).filter((r) => isElectron(r.specifier)).map((r) => `${f.rel} imports ${r.specifier}`));
}

function dbImportsFromMain(files: SourceFile[]): string[] {
  return files
    .filter((f) => under(f.rel, 'db'))
    .flatMap((f) =>
      importsOf(f.text)
        .map((r) => ({ r, target: resolveRelative(f.rel, r.specifier) }))
        .filter(({ target }) => target !== null && under(target, 'main'))
        .map(({ r }) => `${f.rel} imports ${r.specifier}`),
    );
}

function kernelImportsFromDomains(files: SourceFile[]): string[] {
  return files
    .filter((f) => under(f.rel, 'main/kernel'))
    .flatMap((f) =>
      importsOf(f.text)
        .map((r) => ({ r, target: resolveRelative(f.rel, r.specifier) }))
        .filter(({ target }) => target !== null && under(target, 'main') && !under(target, 'main/kernel'))
        .map(({ r }) => `${f.rel} imports ${r.specifier}`),
    );
}

function rendererImportsFromCore(files: SourceFile[]): string[] {
  return files
    .filter((f) => under(f.rel, 'renderer') && !f.rel.endsWith('.d.ts'))
    .flatMap((f) =>
      importsOf(f.text)
        .map((r) => ({ r, target: resolveRelative(f.rel, r.specifier) }))
        .filter(({ target }) => target !== null && (under(target, 'main') || under(target, 'db')) && !target.endsWith('.d.ts'))
        .map(({ r }) => `${f.rel} imports ${r.specifier}`),
    );
}

/** SQL drivers and query builders: only db/ may load them (a type import is harmless). */
const SQL_PACKAGES = /^(better-sqlite3|drizzle-orm|drizzle-kit)(\/|$)/;
const SQL_CODE: Array<[string, RegExp]> = [
  ['a prepared statement', /\.prepare\s*\(/],
  ['a sql`` template', /\bsql(\.raw)?\s*(`|\()/],
  ['a pragma', /\.pragma\s*\(/],
  ['an SQL statement', /['"`]\s*(SELECT\s[^'"`]*?\bFROM\b|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|(CREATE|ALTER|DROP)\s+(TABLE|INDEX|VIEW|TRIGGER)\s|PRAGMA\s)/],
];

function sqlOutsideDb(files: SourceFile[]): string[] {
  return files
    .filter((f) => !under(f.rel, 'db'))
    .flatMap((f) => {
      const text = stripComments(f.text);
      const found = importsOf(f.text)
        .filter((r) => SQL_PACKAGES.test(r.specifier) && !r.typeOnly)
        .map((r) => `${f.rel} imports ${r.specifier}`);
      for (const [what, re] of SQL_CODE) if (re.test(text)) found.push(`${f.rel} has ${what}`);
      return found;
    });
}

describe('the source tree keeps its boundaries', () => {
  // Every folder with code in it; rules pick the files they are about.
  const tree = listSources(ROOT, ['main', 'db', 'renderer', 'preload', 'scripts', 'bench', 'tests']);

  it('finds the code it is meant to check', () => {
    const has = (dir: string) => tree.some((f) => under(f.rel, dir));
    expect(has('main/electron')).toBe(true);
    expect(has('main/kernel')).toBe(true);
    expect(has('db')).toBe(true);
    expect(has('preload')).toBe(true);
  });

  it('imports electron only in main/electron/ and preload/', () => {
    expect(electronImportsOutsideShell(tree)).toEqual([]);
  });

  it('keeps db/ free of imports from main/', () => {
    expect(dbImportsFromMain(tree)).toEqual([]);
  });

  it('keeps main/kernel/ free of imports from the domains (types included)', () => {
    expect(kernelImportsFromDomains(tree)).toEqual([]);
  });

  it('keeps the renderer away from main/ and db/, except .d.ts type bridges', () => {
    expect(rendererImportsFromCore(tree)).toEqual([]);
  });

  it('has no SQL in product code outside db/', () => {
    // Tests and benchmarks may look inside the database; the product may not.
    const product = tree.filter((f) => under(f.rel, 'main') || under(f.rel, 'renderer') || under(f.rel, 'preload'));
    expect(sqlOutsideDb(product)).toEqual([]);
  });
});

describe('each rule catches a planted violation', () => {
  const fixture = mkdtempSync(path.join(os.tmpdir(), 'recepta-boundaries-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));
  const plant = (rel: string, text: string): SourceFile[] => {
    mkdirSync(path.join(fixture, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(fixture, rel), text);
    return listSources(fixture, [rel.split('/')[0]!]).filter((f) => f.rel === rel);
  };

  // Planted sources spell the module name through `e()`, so house tools that grep for
  // electron imports do not mistake this test's fixtures for real imports.
  const e = (source: string) => source.replaceAll('@E_RENDERER', "'elec" + "tron/renderer'").replaceAll('@E', "'elec" + "tron'");

  it('electron outside the shell, in every import form', () => {
    const forms = [
      "import { app } from @E;",
      "import {\n  BrowserWindow,\n  app,\n} from @E;",
      "import * as electron from @E;",
      "import type { App } from @E;",
      "export { app } from @E;",
      "import @E;",
      "const { app } = require(@E);",
      "import electron = require(@E);",
      "const e = await import(@E);",
      "import { ipcRenderer } from @E_RENDERER;",
    ].map(e);
    forms.forEach((form, i) => {
      expect(electronImportsOutsideShell(plant(`main/kernel/bad${i}.ts`, form)), form).toHaveLength(1);
    });
    expect(electronImportsOutsideShell(plant('renderer/src/bad.tsx', e("import { shell } from @E;")))).toHaveLength(1);
    expect(electronImportsOutsideShell(plant('tests/unit/bad.test.ts', e("import { app } from @E;")))).toHaveLength(1);
  });

  it('electron inside the shell, other electron-* packages and mere mentions are fine', () => {
    expect(electronImportsOutsideShell(plant('main/electron/ok.ts', e("import { app } from @E;")))).toEqual([]);
    expect(electronImportsOutsideShell(plant('preload/ok.cts', e("import electron = require(@E);")))).toEqual([]);
    expect(electronImportsOutsideShell(plant('scripts/ok.mjs', e("import x from 'electron-builder';\n// require(@E) in a comment\nconst note = 'see electron';")))).toEqual([]);
  });

  it('db/ reaching into main/', () => {
    expect(dbImportsFromMain(plant('db/repos/bad.ts', "import { paths } from '../../main/kernel/paths.js';"))).toHaveLength(1);
    expect(dbImportsFromMain(plant('db/bad.ts', "import type { Logger } from '../main/kernel/logger.js';"))).toHaveLength(1);
    expect(dbImportsFromMain(plant('db/repos/ok.ts', "import { messages } from '../schema.js';\nimport { eq } from 'drizzle-orm';"))).toEqual([]);
  });

  it('main/kernel/ reaching into a domain', () => {
    expect(kernelImportsFromDomains(plant('main/kernel/bad1.ts', "import { weeklyHoursSchema } from '../agenda/weekly-hours.js';"))).toHaveLength(1);
    expect(kernelImportsFromDomains(plant('main/kernel/bad2.ts', "import type { WhatsAppDetails } from '../channels/whatsapp/whatsapp-status.js';"))).toHaveLength(1);
    expect(kernelImportsFromDomains(plant('main/kernel/sub/bad3.ts', "export { x } from '../../http/app-events.js';"))).toHaveLength(1);
    expect(
      kernelImportsFromDomains(plant('main/kernel/ok.ts', "import { readSettings } from '../../db/repos/settings.js';\nimport type { Logger } from './logger.js';\nimport { z } from 'zod';")),
    ).toEqual([]);
  });

  it('the renderer reaching into main/ or db/', () => {
    expect(rendererImportsFromCore(plant('renderer/src/bad1.ts', "import { startCore } from '../../main/app/core.js';"))).toHaveLength(1);
    expect(rendererImportsFromCore(plant('renderer/src/bad2.tsx', "import type { Db } from '../../db/client';"))).toHaveLength(1);
    expect(rendererImportsFromCore(plant('renderer/src/api/types.d.ts', "export type { Health } from '../../../main/http/api-types';"))).toEqual([]);
    expect(rendererImportsFromCore(plant('renderer/src/ok.ts', "import type { Api } from '../../main/http/api.d.ts';\nimport { t } from './i18n';"))).toEqual([]);
  });

  it('SQL outside db/', () => {
    const bad = [
      "import Database from 'better-sqlite3';",
      "import { eq } from 'drizzle-orm';",
      "import { sqliteTable } from 'drizzle-orm/sqlite-core';",
      "const row = db.prepare('select 1').get();",
      'const rows = db.all(sql`select * from messages`);',
      "db.run(sql.raw('DELETE FROM messages'));",
      "db.pragma('journal_mode = WAL');",
      "const q = 'SELECT id FROM messages WHERE id = ?';",
      'const q = `INSERT INTO outbox (id) VALUES (?)`;',
      "db.exec(\"UPDATE settings SET value = '1'\");",
      "const q = 'CREATE TABLE x (id integer)';",
    ];
    bad.forEach((code, i) => {
      expect(sqlOutsideDb(plant(`main/pipeline/bad${i}.ts`, code)), code).not.toEqual([]);
    });
    expect(sqlOutsideDb(plant('db/repos/ok.ts', "import { sql } from 'drizzle-orm';\nconst q = sql`SELECT 1`;"))).toEqual([]);
    expect(
      sqlOutsideDb(
        plant(
          'main/pipeline/ok.ts',
          "import type { Database } from 'better-sqlite3';\nconst label = 'Select a service from the list';\nconst m = /x/.exec('y');\nconst deleted = 'Delete';",
        ),
      ),
    ).toEqual([]);
  });
});
