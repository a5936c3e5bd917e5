/** Timing helpers: percentiles of per-call wall times, measured the same way for tRPC and raw SQL. */

export interface Timings {
  trpc: number[];
  raw: number[];
}

export interface BenchLine {
  name: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  raw_p95_ms: number;
}

export interface Workload<I> {
  name: string;
  /** Inputs, one an iteration (cycled when there are fewer than iterations). */
  inputs: readonly I[];
  trpc(input: I): Promise<unknown>;
  raw(input: I): unknown;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

async function timeOnce(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/**
 * Runs `warmup` untimed rounds then `iterations` timed rounds. Each round calls the tRPC procedure and
 * the raw statements with the same input, alternating which goes first so neither always finds the
 * other's pages in the cache.
 */
export async function run<I>(workload: Workload<I>, iterations: number, warmup: number): Promise<Timings> {
  const at = (i: number) => workload.inputs[i % workload.inputs.length] as I;
  for (let i = 0; i < warmup; i++) {
    await workload.trpc(at(i + iterations));
    workload.raw(at(i + iterations));
  }
  const timings: Timings = { trpc: [], raw: [] };
  for (let i = 0; i < iterations; i++) {
    const input = at(i);
    if (i % 2 === 0) {
      timings.trpc.push(await timeOnce(() => workload.trpc(input)));
      timings.raw.push(await timeOnce(() => workload.raw(input)));
    } else {
      timings.raw.push(await timeOnce(() => workload.raw(input)));
      timings.trpc.push(await timeOnce(() => workload.trpc(input)));
    }
  }
  return timings;
}

export function summarize(name: string, timings: Timings): BenchLine {
  return {
    name,
    n: timings.trpc.length,
    p50_ms: round(percentile(timings.trpc, 50)),
    p95_ms: round(percentile(timings.trpc, 95)),
    raw_p95_ms: round(percentile(timings.raw, 95)),
  };
}

export interface Target {
  p95_ms: number;
  /** The procedure's p95 may be at most this many times the raw statements' p95. */
  maxRawRatio: number;
}

export function verdict(line: BenchLine, target: Target): { pass: boolean; why: string } {
  const ratio = line.p95_ms / Math.max(line.raw_p95_ms, 1e-6);
  const fast = line.p95_ms <= target.p95_ms;
  const close = ratio <= target.maxRawRatio;
  const why = [fast ? null : `p95 > ${target.p95_ms} ms`, close ? null : `${ratio.toFixed(2)}× raw`].filter(Boolean).join(', ');
  return { pass: fast && close, why };
}

export interface Measured {
  line: BenchLine;
  target: Target;
}

export function formatTable(measured: readonly Measured[]): string {
  const header = ['benchmark', 'n', 'p50 ms', 'p95 ms', 'raw p95 ms', '× raw', 'target', 'result'];
  const rows = measured.map(({ line, target }) => {
    const ratio = line.p95_ms / Math.max(line.raw_p95_ms, 1e-6);
    const result = verdict(line, target);
    return [
      line.name,
      String(line.n),
      line.p50_ms.toFixed(2),
      line.p95_ms.toFixed(2),
      line.raw_p95_ms.toFixed(2),
      ratio.toFixed(2),
      `p95 ≤ ${target.p95_ms} ms, ≤ ${target.maxRawRatio}× raw`,
      result.pass ? 'PASS' : `FAIL (${result.why})`,
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(format)].join('\n');
}

/** A command-line flag that must be a positive integer; the bench stops with a sentence naming it otherwise. */
export function positiveIntegerFlag(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive integer (got ${String(value)})`);
  return parsed;
}
