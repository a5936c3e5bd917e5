import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fr, uiEn, uiFr } from '../../src-shared/i18n';

function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const known = new Set([...leafPaths(uiFr), ...leafPaths(fr)].map((path) => path.replace(/_(one|many|other)$/, '')));
const rendererDir = join(__dirname, '../../src-renderer');

describe('screen messages', () => {
  it('French and English have the same keys', () => {
    expect(leafPaths(uiEn).sort()).toEqual(leafPaths(uiFr).sort());
  });

  it('every literal key the renderer asks for exists (in `ui` or in the shared `translation`)', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(rendererDir)) {
      const source = readFileSync(file, 'utf8');
      // t('a.b'), t("a.b"), and keys kept in data tables: label: 'a.b'
      for (const [, key] of source.matchAll(/\bt\(\s*'([a-zA-Z]+\.[\w.]+)'/g)) if (key && !known.has(key)) missing.push(`${file}: ${key}`);
      for (const [, key] of source.matchAll(/\blabel: '([a-zA-Z]+\.[\w.]+)'/g)) if (key && !known.has(key)) missing.push(`${file}: ${key}`);
    }
    expect(missing).toEqual([]);
  });
});
