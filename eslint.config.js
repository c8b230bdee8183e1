// ESLint (flat config): typescript-eslint's recommended rules, the rules of
// hooks, and the layer boundaries of the app as import rules that fail the
// build (npm test runs `npm run lint`):
//   src/domain   imports only src/domain and its named pure libraries;
//   src/features never import another feature or src/storage (src/data is the gateway);
//   src/storage  never imports React, react-query or the UI layers;
//   src/ui       never imports a feature or src/storage.
// Relative imports are matched by how many folders they climb: from
// src/domain/x.ts any "../" leaves the domain, from src/domain/sub/x.ts "../../" does.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Libraries the pure domain may use: exact decimals, dates, the spreadsheet reader, schemas. */
const DOMAIN_LIBRARIES = ['decimal.js', 'date-fns', '@e965/xlsx', 'fflate', 'valibot'];

/** A relative import climbing at least `levels` folders. */
const climbs = (levels) => `^(\\.\\./){${levels},}`;
/** A relative import climbing exactly `levels` folders into one of `folders`. */
const into = (levels, folders) => `^(\\.\\./){${levels}}(${folders.join('|')})(/|$)`;
const bareExcept = (allowed) =>
  `^(?!\\.|${allowed.map((l) => l.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') + '(/|$)').join('|')})`;

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** Rules for files `depth` folders below src/domain (0 = src/domain/x.ts). */
const domainAt = (depth) => ({
  files: [`src/domain/${'*/'.repeat(depth)}*.{ts,tsx}`],
  rules: restrict([
    {
      regex: climbs(depth + 1),
      message: 'src/domain is pure: it imports only src/domain (no storage, data, UI, features or workers).',
    },
    {
      regex: bareExcept(DOMAIN_LIBRARIES),
      message: `src/domain imports only its named libraries: ${DOMAIN_LIBRARIES.join(', ')}.`,
    },
  ]),
});

/** Rules for feature files `depth` folders below src/features/<name> (0 = src/features/<name>/x.tsx). */
const featureAt = (depth) => ({
  files: [`src/features/*/${'*/'.repeat(depth)}*.{ts,tsx}`],
  rules: restrict([
    {
      regex: `^(\\.\\./){${depth + 1}}(?!\\.\\.)`,
      message: 'A feature never imports another feature: move what both need to src/ui, src/domain or src/data.',
    },
    {
      regex: into(depth + 2, ['storage']),
      message: 'Features reach stored data only through src/data (queries and mutations; types from src/data/types).',
    },
    { regex: '^dexie$', message: 'Features reach stored data only through src/data.' },
  ]),
});

const REACT_PACKAGES = [
  { regex: '^(react|react-dom|react-router)(/|$)', message: 'src/storage reads and writes data: no React.' },
  { regex: '^@tanstack/', message: 'src/storage reads and writes data: react-query belongs to src/data.' },
];

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**', 'dev-dist/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
    },
    rules: {
      // Unused names fail tsc (noUnusedLocals); "_name" marks one left out on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The two rules of hooks. The plugin's React Compiler rules (refs, purity, set-state-in-effect, …)
    // are not turned on: the app does not use the compiler.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    // Tests break documents on purpose (a field deleted, a number where text belongs): `any` says so.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  domainAt(0),
  domainAt(1),
  domainAt(2),
  featureAt(0),
  featureAt(1),
  {
    files: ['src/storage/**/*.{ts,tsx}'],
    rules: restrict([
      ...REACT_PACKAGES,
      { regex: into(1, ['ui', 'features', 'data', 'app']), message: 'src/storage never imports the layers above it.' },
    ]),
  },
  {
    files: ['src/ui/*.{ts,tsx}'],
    rules: restrict([
      { regex: into(1, ['features', 'storage']), message: 'src/ui is shared: it never imports a feature or storage.' },
      { regex: '^dexie$', message: 'src/ui never imports storage.' },
    ]),
  },
  {
    // The team server's refusals are worded by the catalogue (refuse in server/http/errors.ts with a key of
    // src/ui/messages/apiErrors.ts or apiRefusals.ts), so the browser shows them in the user's language.
    files: ['server/**/*.ts'],
    ignores: ['server/http/errors.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "NewExpression[callee.name='HttpError'][arguments.2.type=/^(Literal|TemplateLiteral|BinaryExpression)$/]",
          message:
            "A refusal's words come from the catalogue: refuse(status, code, key, params), not an English string.",
        },
      ],
    },
  },
  {
    files: ['src/ui/*/**/*.{ts,tsx}'],
    rules: restrict([
      { regex: into(2, ['features', 'storage']), message: 'src/ui is shared: it never imports a feature or storage.' },
      { regex: '^dexie$', message: 'src/ui never imports storage.' },
    ]),
  },
);
