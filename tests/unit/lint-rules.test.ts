// The house rules live in lint (scripts/lint/recepta-plugin.mjs, wired in eslint.config.mjs).
// A rule that silently stopped seeing anything would let the tree rot while `npm run lint`
// stays green, so each rule is run here, through the project's own ESLint configuration, on
// planted sources at the paths where they would break the rule — and next to them the
// same kind of import where it is allowed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** The house-rule messages (`recepta/*`) ESLint gives `code` planted at `rel`. */
async function houseRules(rel: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, rel) });
  return result!.messages.filter((m) => m.ruleId?.startsWith('recepta/')).map((m) => `${m.ruleId}: ${m.message}`);
}

// Planted sources spell the module name through `e()`, so house tools that grep for
// electron imports do not mistake this test's fixtures for real imports.
const e = (source: string) =>
  source.replaceAll('@E_RENDERER', "'elec" + "tron/renderer'").replaceAll('@E', "'elec" + "tron'");

describe('the layers (recepta/layers)', () => {
  it('refuses an import from kernel/ into a domain', async () => {
    const found = await houseRules(
      'main/kernel/bad.ts',
      "import { weeklyHours } from '../agenda/weekly-hours.js';\nexport const x = weeklyHours;",
    );
    expect(found).toEqual([
      expect.stringMatching(/^recepta\/layers: main\/kernel\/bad\.ts may not import main\/agenda\/weekly-hours\.js/),
    ]);
  });

  it('refuses an import from a channel into http/, in every import form', async () => {
    const forms = [
      "import { sendError } from '../../http/errors.js';",
      "export { sendError } from '../../http/errors.js';",
      "export * from '../../http/errors.js';",
      "import '../../http/errors.js';",
      "const m = await import('../../http/errors.js');",
      "const m = require('../../http/errors.js');",
      "import type { ApiDeps } from '../../http/api-deps.js';",
    ];
    for (const form of forms) {
      expect(await houseRules('main/channels/whatsapp/bad.ts', form), form).toEqual([
        expect.stringContaining('main/channels sits below main/http'),
      ]);
    }
  });

  it('refuses any import of the composition root but from the desktop shell', async () => {
    expect(await houseRules('main/http/bad.ts', "import type { RunningCore } from '../app/core.js';")).toEqual([
      expect.stringContaining('composition root'),
    ]);
    expect(await houseRules('main/electron/ok.ts', "import { startCore } from '../app/core.js';")).toEqual([]);
  });

  it('keeps db/ free of main/', async () => {
    expect(await houseRules('db/repos/bad.ts', "import type { Logger } from '../../main/kernel/logger.js';")).toEqual([
      expect.stringContaining('db/ imports nothing from main/'),
    ]);
  });

  it('lets a layer import downward and its peers', async () => {
    expect(
      await houseRules(
        'main/http/routes/ok.ts',
        "import { x } from '../../pipeline/ingest.js';\nimport { y } from '../../kernel/logger.js';\nimport { z } from '../../../db/client.js';",
      ),
    ).toEqual([]);
    expect(await houseRules('main/agent/ok.ts', "import { book } from '../agenda/booking.js';")).toEqual([]);
    expect(await houseRules('main/kernel/ok.ts', "import { settings } from '../../db/repos/settings.js';")).toEqual([]);
  });
});

describe('the renderer takes only types from the core (recepta/layers)', () => {
  it('refuses main code in the bundle', async () => {
    expect(await houseRules('renderer/src/bad.ts', "import { startCore } from '../../main/app/core.js';")).toEqual([
      expect.stringContaining('only types from the core'),
    ]);
    expect(
      await houseRules('renderer/src/bad.tsx', "import { normalizePhone } from '../../main/kernel/phone';"),
    ).toHaveLength(1);
  });

  it('refuses db/ even as types', async () => {
    expect(await houseRules('renderer/src/bad.ts', "import type { Db } from '../../db/client';")).toEqual([
      expect.stringContaining('never sees db/'),
    ]);
  });

  it('accepts the type bridge, and refuses a value re-exported through it', async () => {
    expect(
      await houseRules(
        'renderer/src/shared/api/types.d.ts',
        "export type { Health } from '../../../../main/http/api-types';",
      ),
    ).toEqual([]);
    expect(
      await houseRules(
        'renderer/src/shared/api/bad.ts',
        "export { healthSchema } from '../../../../main/http/api-types';",
      ),
    ).toEqual([expect.stringContaining('only types from the core')]);
  });

  it('accepts type-only imports of the API types', async () => {
    expect(
      await houseRules(
        'renderer/src/ok.ts',
        "import type { Health } from '../../main/http/api-types';\nimport { type Foo } from '../../main/http/api-types';",
      ),
    ).toEqual([]);
  });
});

describe('electron only in the shell (recepta/electron-in-shell)', () => {
  it('refuses electron outside main/electron/ and preload/, in every import form', async () => {
    const forms = [
      'import { app } from @E;',
      'import {\n  BrowserWindow,\n  app,\n} from @E;',
      'import * as electron from @E;',
      'import type { App } from @E;',
      'export { app } from @E;',
      'import @E;',
      'const { app } = require(@E);',
      'import electron = require(@E);',
      'const m = await import(@E);',
      'import { ipcRenderer } from @E_RENDERER;',
    ].map(e);
    for (const form of forms) {
      expect(await houseRules('main/kernel/bad.ts', form), form).toEqual([
        expect.stringMatching(/^recepta\/electron-in-shell/),
      ]);
    }
    expect(await houseRules('renderer/src/bad.tsx', e('import { shell } from @E;'))).toHaveLength(1);
    expect(await houseRules('tests/unit/bad.test.ts', e('import { app } from @E;'))).toHaveLength(1);
  });

  it('accepts it in the shell, and other electron-* packages anywhere', async () => {
    expect(await houseRules('main/electron/ok.ts', e('import { app } from @E;'))).toEqual([]);
    expect(await houseRules('preload/ok.cts', e('import electron = require(@E);'))).toEqual([]);
    expect(
      await houseRules(
        'scripts/ok.mjs',
        e(
          "import x from 'electron-builder';\n// require(@E) in a comment\nexport const note = 'see electron' + String(x);",
        ),
      ),
    ).toEqual([]);
  });
});

describe('no SQL outside db/ (recepta/no-sql-outside-db)', () => {
  it('refuses drivers, statements and query builders in product code', async () => {
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
      'db.exec("UPDATE settings SET value = \'1\'");',
      "const q = 'CREATE TABLE x (id integer)';",
    ];
    for (const code of bad) expect(await houseRules('main/pipeline/bad.ts', code), code).not.toEqual([]);
  });

  it('accepts SQL in db/, type imports elsewhere, and words that only look like SQL', async () => {
    expect(
      await houseRules('db/repos/ok.ts', "import { sql } from 'drizzle-orm';\nexport const q = sql`SELECT 1`;"),
    ).toEqual([]);
    const harmless =
      "import type { Database } from 'better-sqlite3';\nconst label = 'Select a service from the list';\nconst m = /x/.exec('y');\nconst deleted = 'Delete';";
    expect(await houseRules('main/pipeline/ok.ts', harmless)).toEqual([]);
  });
});
