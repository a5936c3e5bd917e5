/** The figures of `npm run bench:sync`: the printed table and tests/bench/results/sync.json. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One line of results/sync.json. */
export interface ResultLine {
  name: string;
  value: number;
  unit: string;
  /** The physical comparison figure of the same run (raw SQLite or PostgreSQL), else null. */
  raw: number | null;
}

export interface Target {
  /** e.g. "≤ 5 s" */
  label: string;
  pass: (value: number) => boolean;
}

export interface Measured extends ResultLine {
  target: Target | null;
  rawUnit?: string;
  note?: string;
}

export const atMost = (limit: number, unit: string): Target => ({
  label: `≤ ${limit.toLocaleString('en')} ${unit}`,
  pass: (value) => value <= limit,
});
export const atLeast = (limit: number, unit: string): Target => ({
  label: `≥ ${limit.toLocaleString('en')} ${unit}`,
  pass: (value) => value >= limit,
});

const format = (value: number | null): string => {
  if (value === null || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
};

export function formatTable(lines: readonly Measured[]): string {
  const header = ['measure', 'value', 'unit', 'raw', 'target', 'result'];
  const rows = lines.map((line) => [
    line.name,
    format(line.value),
    line.unit,
    line.raw === null ? '—' : `${format(line.raw)}${line.rawUnit === undefined || line.rawUnit === line.unit ? '' : ` ${line.rawUnit}`}`,
    line.target?.label ?? '(info)',
    line.target === null ? '' : line.target.pass(line.value) ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 1 || column === 3 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Writes this run's lines into `file`, each name ending with the database kind (e.g. "(postgres)"),
 * keeping the other lines already there: one file holds the latest PGlite and PostgreSQL figures.
 */
export function writeResults(file: string, kind: string, lines: readonly Measured[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const suffix = ` (${kind})`;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const fresh: ResultLine[] = lines.map(({ name, value, unit, raw }) => ({
    name: `${name}${suffix}`,
    value: round(value),
    unit,
    raw: raw === null ? null : round(raw),
  }));
  const names = new Set(fresh.map((line) => line.name));
  let kept: ResultLine[] = [];
  if (existsSync(file)) {
    try {
      const previous = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      // A run replaces its own lines (a --rows run keeps the default run's other lines of the same kind).
      kept = Array.isArray(previous)
        ? (previous as ResultLine[]).filter((line) => typeof line?.name === 'string' && !names.has(line.name))
        : [];
    } catch {
      kept = [];
    }
  }
  writeFileSync(file, `${JSON.stringify([...kept, ...fresh], null, 2)}\n`);
}
