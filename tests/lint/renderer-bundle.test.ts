import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const entry = join(root, 'src-renderer', 'main.tsx');
// `import … from`, `export … from` (multi-line lists too), `import 'x'` and lazy `import('x')`; group 1 marks `type`.
const specifiers = [
  /(?:^|\n)\s*(?:import|export)\s+(type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /(?:^|\n)\s*import\s*()['"]([^'"]+)['"]/g,
  /\bimport\(\s*()['"]([^'"]+)['"]\s*\)/g,
];

function resolveFile(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/** Every module the renderer's bundle can reach from its entry (static and lazy imports), and the packages named. */
function reachable(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const pattern of specifiers) {
      for (const [, typeOnly, specifier] of source.matchAll(pattern)) {
        // A type-only import is erased from the bundle.
        if (specifier === undefined || (typeOnly ?? '') !== '') continue;
        if (!specifier.startsWith('.')) {
          packages.add(
            specifier
              .split('/')
              .slice(0, specifier.startsWith('@') ? 2 : 1)
              .join('/'),
          );
          continue;
        }
        const target = resolveFile(file, specifier);
        if (target !== null) queue.push(target);
      }
    }
  }
  return { files, packages };
}

/**
 * The survey mutators run ajv (SurveyJS's schema) in the main core and the central service; the renderer's
 * bundle must never pull it in, even through src-shared: its CSP forbids the `new Function` ajv compiles to.
 */
describe('the renderer bundle', () => {
  it('reaches neither ajv nor the survey schema validator', () => {
    const { files, packages } = reachable();
    const reached = [...files].map((file) => relative(root, file));
    expect(reached).toContain('src-renderer/features/surveys/index.ts');
    expect(reached).toContain('src-shared/surveys/check.ts');
    expect(reached.length).toBeGreaterThan(100);
    expect(reached.filter((file) => /validate-json|surveyjs-definition|mutations\/(mutators|survey-)/.test(file))).toEqual([]);
    expect(packages).not.toContain('ajv');
    expect(packages).toContain('survey-core');
  });
});
