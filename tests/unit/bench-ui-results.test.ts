import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toResultLines, writeUiResults } from '../bench/ui-results';

describe("bench:ui's results file", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes one {name, value, unit, raw} object a measure, rounded to the thousandth', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-ui-'));
    dirs.push(dir);
    const file = join(dir, 'results', 'ui.json');
    writeUiResults(file, [
      { name: 'search: keystroke to results painted, p95', value: 201.23456, unit: 'ms', raw: 12.00049 },
      { name: 'main process RSS after 1,000 actions', value: 180.5, unit: 'MB', raw: null },
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      { name: 'search: keystroke to results painted, p95', value: 201.235, unit: 'ms', raw: 12 },
      { name: 'main process RSS after 1,000 actions', value: 180.5, unit: 'MB', raw: null },
    ]);
  });

  it('refuses a measure that produced no number instead of writing null or NaN', () => {
    expect(() => toResultLines([{ name: 'empty percentile', value: Number.NaN, unit: 'ms', raw: null }])).toThrow(/empty percentile/);
    expect(() => toResultLines([{ name: 'no raw', value: 1, unit: 'ms', raw: Number.POSITIVE_INFINITY }])).toThrow(/no raw/);
  });
});
