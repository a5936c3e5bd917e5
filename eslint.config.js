// @ts-check
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((name) => !name.startsWith('_')), ...builtinModules.map((name) => `node:${name}`)];
const databases = ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/pglite', 'drizzle-kit'];
const layerPattern = (layer) => [`**/${layer}`, `**/${layer}/**`];

/**
 * The layer rules (docs/architecture.md), as errors. tests/lint/layer-rules.test.ts lints a bad fixture per
 * rule, so a rule that stops firing fails the build.
 */
const layerRules = [
  {
    files: ['**/src-shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'react', 'react-dom', 'fastify', 'ws', ...databases.filter((d) => !d.includes('*'))].map(
            (name) => ({
              name,
              message: 'src-shared is pure: no Node, DOM, Electron, UI or database modules.',
            }),
          ),
          patterns: [
            {
              group: ['drizzle-orm/*', 'electron/*', '@mantine/*', '@trpc/*'],
              message: 'src-shared is pure: no platform or framework modules.',
            },
            {
              group: [...layerPattern('src-main'), ...layerPattern('src-renderer'), ...layerPattern('src-central')],
              message: 'src-shared imports no other layer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/src-renderer/**/*.ts', '**/src-renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', ...databases.filter((d) => !d.includes('*'))].map((name) => ({
            name,
            message: 'The renderer has no Node, Electron or database access: it goes through tRPC.',
          })),
          patterns: [
            {
              group: layerPattern('src-main'),
              allowTypeImports: true,
              message: 'The renderer imports src-main only as `import type` of the router.',
            },
            { group: layerPattern('src-central'), message: 'The renderer never imports the central service.' },
            { group: ['drizzle-orm/*'], message: 'The renderer has no database access.' },
            {
              // Ajv compiles schemas with `new Function`, which the page's CSP refuses (docs/surveys.md).
              group: ['ajv', 'ajv/*', '**/src-shared/surveys/validate-json', '**/src-shared/surveys/surveyjs-definition'],
              message: 'The renderer does not run ajv: the CSP forbids eval; definitions are validated where they are stored.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/src-public/**/*.ts', '**/src-public/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', ...databases.filter((d) => !d.includes('*'))].map((name) => ({
            name,
            message: 'The public pages run in a citizen’s browser: no Node, Electron or database modules.',
          })),
          patterns: [
            {
              group: [...layerPattern('src-main'), ...layerPattern('src-renderer'), ...layerPattern('src-central')],
              message: 'The public pages import src-shared only (they talk to the central service over HTTP).',
            },
            {
              group: ['ajv', 'ajv/*', '**/src-shared/surveys/validate-json', '**/src-shared/surveys/surveyjs-definition'],
              message: 'The public pages do not run ajv: their CSP forbids eval.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/src-main/**/*.ts'],
    ignores: ['**/src-main/electron/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src-main/electron/ imports electron: the core runs in plain Node.' }],
          patterns: [
            { group: ['electron/*'], message: 'Only src-main/electron/ imports electron.' },
            { group: [...layerPattern('src-renderer'), ...layerPattern('src-central')], message: 'src-main imports src-shared only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/src-main/electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layerPattern('src-renderer'), ...layerPattern('src-central')],
              message: 'The Electron layer imports src-main and src-shared only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/src-central/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The central service is plain Node.' }],
          patterns: [
            { group: [...layerPattern('src-main'), ...layerPattern('src-renderer')], message: 'src-central imports src-shared only.' },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.tsbuild/**',
      '.vite/**',
      'out/**',
      'dist/**',
      'dist-renderer/**',
      'dist-public/**',
      'drizzle/**',
      'tests/lint/fixtures/**',
      'tests/bench/.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'src-public/public/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  ...layerRules,
);
