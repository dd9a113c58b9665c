// `npm run lint`: the house rules (layers, electron only in the shell, SQL only in db/) as
// lint rules, plus the recommended JavaScript, TypeScript and React-hooks checks. Formatting
// is Prettier's job (`npm run format`), never a lint rule's.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import recepta from './scripts/lint/recepta-plugin.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'db/migrations/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts,mjs,js,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { recepta },
    rules: {
      'recepta/layers': 'error',
      'recepta/electron-in-shell': 'error',
      'recepta/no-sql-outside-db': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `import x = require()` is how the CommonJS preload loads electron.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^electron$'] }],
      // Stripping control characters is deliberate where we do it (file names, pasted text).
      'no-control-regex': 'off',
      // The typings we write for untyped packages (main/kernel/pino-roll.d.ts) are referenced by path.
      '@typescript-eslint/triple-slash-reference': ['error', { path: 'always' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests and benchmarks may look inside the database (their fixtures are rows); the product may not.
    files: ['tests/**', 'bench/**', 'eval/**', 'scripts/**', 'drizzle.config.ts'],
    rules: { 'recepta/no-sql-outside-db': 'off' },
  },
  {
    // Stand-ins for untyped payloads and Electron objects; Playwright fixtures must destructure `{}`.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-empty-pattern': 'off' },
  },
);
