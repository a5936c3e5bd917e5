import { ESLint } from 'eslint';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(import.meta.dirname, 'fixtures');

// One deliberately bad (or good) file per layer rule: if a rule stops firing, this fails.
const cases: { file: string; rule: string | null; message?: RegExp }[] = [
  { file: 'src-shared/imports-node.ts', rule: '@typescript-eslint/no-restricted-imports', message: /src-shared is pure/ },
  { file: 'src-shared/imports-database.ts', rule: '@typescript-eslint/no-restricted-imports', message: /src-shared is pure/ },
  { file: 'src-shared/imports-main.ts', rule: '@typescript-eslint/no-restricted-imports', message: /imports no other layer/ },
  { file: 'src-renderer/imports-main-at-runtime.ts', rule: '@typescript-eslint/no-restricted-imports', message: /only as `import type`/ },
  { file: 'src-renderer/imports-node.ts', rule: '@typescript-eslint/no-restricted-imports', message: /no Node, Electron or database/ },
  { file: 'src-renderer/imports-survey-validator.ts', rule: '@typescript-eslint/no-restricted-imports', message: /does not run ajv/ },
  { file: 'src-main/services/imports-electron.ts', rule: '@typescript-eslint/no-restricted-imports', message: /Only src-main\/electron\// },
  { file: 'src-central/imports-main.ts', rule: '@typescript-eslint/no-restricted-imports', message: /src-central imports src-shared only/ },
  {
    file: 'src-public/imports-central.ts',
    rule: '@typescript-eslint/no-restricted-imports',
    message: /The public pages import src-shared only/,
  },
  { file: 'src-public/imports-survey-validator.ts', rule: '@typescript-eslint/no-restricted-imports', message: /do not run ajv/ },
  { file: 'src-public/imports-public-paths.ts', rule: null },
  { file: 'src-main/services/floating-promise.ts', rule: '@typescript-eslint/no-floating-promises' },
  { file: 'src-renderer/imports-main-type-only.ts', rule: null },
  { file: 'src-main/electron/imports-electron.ts', rule: null },
];

describe('layer rules', () => {
  let results: Map<string, ESLint.LintResult>;

  beforeAll(async () => {
    // ignore: false, because the fixtures are ignored by the project's own lint run.
    const eslint = new ESLint({ cwd: root, ignore: false });
    const linted = await eslint.lintFiles(cases.map(({ file }) => join(fixtures, file)));
    results = new Map(linted.map((result) => [result.filePath, result]));
  }, 60_000);

  it.each(cases)('$file → $rule', ({ file, rule, message }) => {
    const result = results.get(join(fixtures, file));
    expect(result).toBeDefined();
    const errors = result!.messages.filter((m) => m.severity === 2);
    if (rule === null) {
      expect(errors).toEqual([]);
      return;
    }
    const fired = errors.filter((m) => m.ruleId === rule);
    expect(fired.length, JSON.stringify(errors)).toBeGreaterThan(0);
    if (message) expect(fired.map((m) => m.message).join('\n')).toMatch(message);
  });
});
