// @ts-check
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Architecture rules (issue 13): query builders only in repositories, and another module only through its index.ts.
const modulesRoot = path.join(import.meta.dirname, 'src', 'modules');
// The two platform files that may import a module file other than index.ts, each one kind of plain data that imports
// nothing of its module: the message catalogue composes every module's <m>.messages.ts, the database type every
// module's <m>.tables.ts (table types and the ownership map).
const composedParts = new Map([
  [path.join(import.meta.dirname, 'src', 'platform', 'i18n', 'catalogue.ts'), 'messages'],
  [path.join(import.meta.dirname, 'src', 'platform', 'db', 'schema.ts'), 'tables'],
]);
const queryBuilders = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'mergeInto', 'replaceInto']);

/** The module a path lies in and the path inside it, or undefined outside src/modules. */
function moduleOf(file) {
  const relative = path.relative(modulesRoot, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const [name, ...rest] = relative.split(path.sep);
  return rest.length === 0 ? undefined : { name, inside: rest.join('/') };
}

/** @type {import('eslint').ESLint.Plugin} */
const architecture = {
  rules: {
    'query-builders-in-repositories': {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          builder: "Kysely's {{name}}() belongs in a *.repository.ts; call a repository function from here.",
          sqlTag: "Kysely's sql tag belongs in a *.repository.ts; call a repository function from here.",
        },
      },
      create(context) {
        return {
          'CallExpression > MemberExpression.callee > Identifier.property'(node) {
            if (queryBuilders.has(node.name)) context.report({ node, messageId: 'builder', data: { name: node.name } });
          },
          ImportDeclaration(node) {
            if (node.source.value !== 'kysely' || node.importKind === 'type') return;
            for (const specifier of node.specifiers) {
              const imported = specifier.type === 'ImportSpecifier' ? specifier.imported : undefined;
              const name = imported && (imported.type === 'Identifier' ? imported.name : imported.value);
              if (name === 'sql' && specifier.importKind !== 'type') context.report({ node: specifier, messageId: 'sqlTag' });
            }
          },
        };
      },
    },
    'module-boundaries': {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          pastIndex: "Reach the {{module}} module only through '{{index}}' (its public face), not '{{source}}'.",
        },
      },
      create(context) {
        const from = moduleOf(context.filename);
        function check(node) {
          const source = node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
          if (!source?.startsWith('.')) return;
          const target = moduleOf(path.resolve(path.dirname(context.filename), source));
          if (!target || target.name === from?.name || target.inside === 'index.ts') return;
          const part = composedParts.get(context.filename);
          if (part && target.inside === `${target.name}.${part}.ts`) return;
          const index = path
            .relative(path.dirname(context.filename), path.join(modulesRoot, target.name, 'index.ts'))
            .split(path.sep)
            .join('/');
          context.report({ node, messageId: 'pastIndex', data: { module: target.name, index: index.startsWith('.') ? index : `./${index}`, source } });
        }
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through src/platform/config.ts.' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { architecture },
    rules: {
      'architecture/module-boundaries': 'error',
      'architecture/query-builders-in-repositories': 'error',
    },
  },
  {
    // Where SQL is the file's job: repositories, the database platform (connection, tenant transactions,
    // migrations, notifications) and the job runner on pg-boss. The demo world's seed parts write fixed demo rows
    // with upserts on natural keys (ON CONFLICT … DO NOTHING/UPDATE) that no use case needs; kept out of the
    // repositories so the application's code gets no write paths that only demo data wants. They run at start-up only.
    files: ['src/**/*.repository.ts', 'src/platform/db/**', 'src/platform/jobs/**', 'src/**/*.seed.ts'],
    rules: { 'architecture/query-builders-in-repositories': 'off' },
  },
  {
    // node:test's test() returns a promise the runner awaits; JSON bodies in tests are checked by assertions.
    files: ['**/*.test.ts', 'test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/platform/config.ts', 'test/**', 'bench/**', 'eslint.config.js'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['public/**/*.js', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', Element: 'readonly', DKFDS: 'readonly' } },
  },
  {
    // The platform header web component: plain browser JavaScript served to vendors' pages as it is.
    files: ['src/modules/platform-header/assets/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/modules/platform-header/assets/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        document: 'readonly',
        location: 'readonly',
        customElements: 'readonly',
        HTMLElement: 'readonly',
        Document: 'readonly',
        CSSStyleSheet: 'readonly',
        URL: 'readonly',
      },
    },
  },
);
