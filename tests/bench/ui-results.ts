/** The figures of `npm run bench:ui`: tests/bench/results/ui.json, one `{name, value, unit, raw}` a measure. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ResultLine } from './sync-report';

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Rounded to the microsecond (or thousandth); a measure that produced no number is a bug, not a line. */
export function toResultLines(lines: readonly ResultLine[]): ResultLine[] {
  return lines.map(({ name, value, unit, raw }) => {
    if (!Number.isFinite(value)) throw new Error(`bench:ui: "${name}" has no value (${String(value)})`);
    if (raw !== null && !Number.isFinite(raw)) throw new Error(`bench:ui: "${name}" has no raw value (${String(raw)})`);
    return { name, value: round(value), unit, raw: raw === null ? null : round(raw) };
  });
}

/** Replaces the file: every line comes from the same run, beside its raw figure. */
export function writeUiResults(file: string, lines: readonly ResultLine[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(toResultLines(lines), null, 2)}\n`);
}
