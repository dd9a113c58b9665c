// Recepta's house rules as ESLint rules, so `npm run lint` holds them instead of a reviewer:
//   recepta/layers            who may import whom (ARCHITECTURE.md, "Layers");
//   recepta/electron-in-shell `electron` only in main/electron/ and preload/;
//   recepta/no-sql-outside-db SQL drivers, statements and query builders only in db/.
// Paths are worked out from the file being linted and the relative specifier, without a
// module resolver: every import in this tree is relative or a package name, and a resolver
// would cost seconds on every run for nothing the path itself does not say.
import path from 'node:path';

/**
 * The layers of the core, top to bottom. A file may import its own layer and the layers
 * below it; never one above. Folders of the same rank are peers (the agent books through
 * the agenda). Order: ARCHITECTURE.md; `electron` is the desktop shell over the app.
 */
export const LAYERS = [
  { rank: 100, dirs: ['main/electron'] },
  { rank: 90, dirs: ['main/app'] },
  { rank: 80, dirs: ['main/http'] },
  { rank: 70, dirs: ['main/pipeline', 'main/automations', 'main/notify'] },
  {
    rank: 60,
    dirs: [
      'main/agent',
      'main/agenda',
      'main/knowledge',
      'main/channels',
      'main/inbox',
      'main/backup',
      'main/notifications',
    ],
  },
  { rank: 50, dirs: ['main/jobs', 'main/secrets'] },
  { rank: 40, dirs: ['main/kernel'] },
  { rank: 30, dirs: ['db'] },
];

const under = (rel, dir) => rel === dir || rel.startsWith(`${dir}/`);

/** The layer of a path from the project root, or null for code outside the layered core. */
export function layerOf(rel) {
  for (const layer of LAYERS) {
    const dir = layer.dirs.find((d) => under(rel, d));
    if (dir) return { rank: layer.rank, dir };
  }
  return null;
}

/** The project-relative path of the file being linted (forward slashes). */
function relFile(context) {
  return path.relative(context.cwd, context.filename).split(path.sep).join('/');
}

/** Where a relative specifier points, from the project root; null for a package name. */
function resolve(fromRel, specifier) {
  if (!specifier.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), specifier));
}

/**
 * Calls `check(specifier, node, typeOnly)` for every module the file pulls in: imports and
 * re-exports (type-only ones flagged, being erased at compile time), side-effect imports,
 * `import()`, `require()` and `import x = require()`.
 */
function eachImport(check) {
  const literal = (node) => (node && node.type === 'Literal' && typeof node.value === 'string' ? node.value : null);
  const template = (node) =>
    node && node.type === 'TemplateLiteral' && node.expressions.length === 0 ? node.quasis[0].value.cooked : null;
  const specOf = (node) => literal(node) ?? template(node);
  const allTypes = (node) =>
    node.importKind === 'type' ||
    node.exportKind === 'type' ||
    (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
  return {
    ImportDeclaration: (node) => check(node.source.value, node, allTypes(node)),
    ExportNamedDeclaration: (node) => node.source && check(node.source.value, node, allTypes(node)),
    ExportAllDeclaration: (node) => check(node.source.value, node, node.exportKind === 'type'),
    ImportExpression: (node) => {
      const spec = specOf(node.source);
      if (spec) check(spec, node, false);
    },
    CallExpression: (node) => {
      if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
        const spec = specOf(node.arguments[0]);
        if (spec) check(spec, node, false);
      }
    },
    TSImportEqualsDeclaration: (node) => {
      if (node.moduleReference.type === 'TSExternalModuleReference') {
        check(node.moduleReference.expression.value, node, node.importKind === 'type');
      }
    },
  };
}

const layers = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Imports point down the layers: app → http → pipeline → domains → jobs → kernel → db; the renderer takes only types.',
    },
    messages: {
      upward: '{{from}} may not import {{to}}: {{fromDir}} sits below {{toDir}} (layers: ARCHITECTURE.md).',
      app: '{{from}} may not import the composition root ({{to}}): main/app/ builds everything and nothing imports it.',
      dbToMain: 'db/ imports nothing from main/ ({{to}}): repositories stay below the code that uses them.',
      renderer:
        'The renderer takes only types from the core ({{to}}): use `import type`, never main or db code in the bundle.',
      rendererDb: 'The renderer never sees db/ ({{to}}): it talks to the API, whose types live in main/http/.',
    },
    schema: [],
  },
  create(context) {
    const from = relFile(context);
    const fromLayer = layerOf(from);
    const inRenderer = under(from, 'renderer');
    if (!fromLayer && !inRenderer) return {};
    return eachImport((specifier, node, typeOnly) => {
      const to = resolve(from, specifier);
      if (!to) return;
      if (inRenderer) {
        if (under(to, 'db')) context.report({ node, messageId: 'rendererDb', data: { to } });
        else if (under(to, 'main') && !typeOnly) context.report({ node, messageId: 'renderer', data: { to } });
        return;
      }
      if (fromLayer.dir === 'db') {
        if (under(to, 'main')) context.report({ node, messageId: 'dbToMain', data: { to } });
        return;
      }
      const toLayer = layerOf(to);
      if (!toLayer) return;
      if (toLayer.dir === 'main/app' && fromLayer.dir !== 'main/app' && fromLayer.dir !== 'main/electron') {
        context.report({ node, messageId: 'app', data: { from, to } });
      } else if (toLayer.rank > fromLayer.rank) {
        context.report({ node, messageId: 'upward', data: { from, to, fromDir: fromLayer.dir, toDir: toLayer.dir } });
      }
    });
  },
};

const isElectron = (specifier) => specifier === 'electron' || specifier.startsWith('electron/');

const electronInShell = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Only the desktop shell (main/electron/) and the preload import electron: the core runs under plain Node.',
    },
    messages: {
      outside:
        '`{{specifier}}` is imported only in main/electron/ and preload/: the core and every test run without Electron.',
    },
    schema: [],
  },
  create(context) {
    const from = relFile(context);
    if (under(from, 'main/electron') || under(from, 'preload')) return {};
    return eachImport((specifier, node) => {
      if (isElectron(specifier)) context.report({ node, messageId: 'outside', data: { specifier } });
    });
  },
};

/** SQL drivers and query builders: only db/ may load them (a type import is harmless). */
const SQL_PACKAGES = /^(better-sqlite3|drizzle-orm|drizzle-kit)(\/|$)/;
// Case-sensitive on purpose: SQL is written in capitals here, and "Select a service from the list" is copy.
const SQL_TEXT =
  /^\s*(SELECT\s[^]*?\bFROM\b|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|(CREATE|ALTER|DROP)\s+(TABLE|INDEX|VIEW|TRIGGER)\s|PRAGMA\s)/;

const noSqlOutsideDb = {
  meta: {
    type: 'problem',
    docs: { description: 'No SQL outside db/: repositories are plain functions taking the db handle.' },
    messages: {
      driver: '{{specifier}} is loaded only in db/: put the query in a repository (db/repos/) and call it.',
      statement: 'SQL belongs in db/ ({{what}}): put it in a repository (db/repos/) and call it.',
    },
    schema: [],
  },
  create(context) {
    if (under(relFile(context), 'db')) return {};
    const report = (node, what) => context.report({ node, messageId: 'statement', data: { what } });
    const text = (node, value) => {
      if (typeof value === 'string' && SQL_TEXT.test(value)) report(node, 'an SQL statement');
    };
    return {
      ...eachImport((specifier, node, typeOnly) => {
        if (SQL_PACKAGES.test(specifier) && !typeOnly)
          context.report({ node, messageId: 'driver', data: { specifier } });
      }),
      Literal: (node) => text(node, node.value),
      TemplateLiteral: (node) => text(node, node.quasis.map((q) => q.value.cooked).join('?')),
      TaggedTemplateExpression: (node) => {
        const tag = node.tag.type === 'MemberExpression' ? node.tag.object : node.tag;
        if (tag.type === 'Identifier' && tag.name === 'sql') report(node, 'a sql`` template');
      },
      'CallExpression > MemberExpression.callee[property.name=/^(prepare|pragma)$/]': (node) =>
        report(node, node.property.name === 'prepare' ? 'a prepared statement' : 'a pragma'),
      'CallExpression > MemberExpression.callee[object.name="sql"][property.name="raw"]': (node) =>
        report(node, 'a sql`` template'),
    };
  },
};

export default {
  meta: { name: 'recepta' },
  rules: { layers, 'electron-in-shell': electronInShell, 'no-sql-outside-db': noSqlOutsideDb },
};
