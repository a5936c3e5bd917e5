/**
 * `npm run bench:local`: the local replica's read paths on a city-sized replica (docs/performance.md).
 *
 * Generates once (cached under tests/bench/.cache) a replica of 1,000,000 cases, 200,000 citizens and
 * their timelines, then times the case list, the global search and the case detail through the real
 * tRPC procedures and, in the same run, as raw better-sqlite3 statements. Writes
 * tests/bench/results/local.json and prints a table. A measurement: it exits 0 whether targets hold or not.
 *
 * Flags (for quick iterations): --cases N --citizens N --notes X --iterations N --warmup N --explain
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchNow, openBenchReplica } from './bench-replica';
import { printPlans } from './explain';
import { formatTable, run, summarize, verdict, type Measured, type Target, type Workload } from './measure';
import { checkEquivalence, createBenchContext, createWorkloads } from './workloads';

const { values: flags } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    citizens: { type: 'string', default: '200000' },
    // The status history alone makes ~3.4 events a case (see the city generator's status paths): no extra notes.
    notes: { type: 'string', default: '0' },
    iterations: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '100' },
    explain: { type: 'boolean', default: false },
  },
});

const positive = (name: string, value: string | undefined, allowZero = false): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || (!allowZero && parsed === 0)) {
    throw new Error(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} number (got ${String(value)})`);
  }
  return parsed;
};

const size = {
  cases: Math.round(positive('cases', flags.cases)),
  citizens: Math.round(positive('citizens', flags.citizens)),
  notesPerCase: positive('notes', flags.notes, true),
};
const iterations = Math.round(positive('iterations', flags.iterations));
const warmup = Math.round(positive('warmup', flags.warmup, true));

/** docs/performance.md's targets, on 2 cores: p95 through the procedure, and within 2× of the raw statements' p95. */
const targets = {
  list: { p95_ms: 20, maxRawRatio: 2 },
  search: { p95_ms: 30, maxRawRatio: 2 },
  detail: { p95_ms: 10, maxRawRatio: 2 },
} satisfies Record<string, Target>;

const log = (line = '') => process.stdout.write(`${line}\n`);
/** Other processes on these 2 cores skew the tails: the load is printed so a noisy run can be told apart. */
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function main() {
  log(`Guichet local replica benchmark — node ${process.version}, ${availableParallelism()} cores, load average ${load()}`);
  const bench = openBenchReplica(size);
  const { counts } = bench;
  log(
    `Replica: ${counts.cases.toLocaleString('en')} cases, ${counts.citizens.toLocaleString('en')} citizens, ` +
      `${counts.caseEvents.toLocaleString('en')} case events (${(counts.caseEvents / Math.max(counts.cases, 1)).toFixed(2)} a case); ` +
      `generation ${bench.fromCache ? 'took' : 'took now'} ${bench.generationSeconds.toFixed(1)} s`,
  );
  try {
    const context = await createBenchContext(bench.replica.db, benchNow);
    const workloads = createWorkloads(context, iterations + warmup);
    if (flags.explain) printPlans(context.client, log);

    const measure = async <I>(target: Target, workload: Workload<I>): Promise<Measured> => {
      await checkEquivalence(workload, 20);
      log(`Timing ${workload.name}: ${warmup} warm-up + ${iterations} timed calls…`);
      return { line: summarize(workload.name, await run(workload, iterations, warmup)), target };
    };
    const measured = [
      await measure(targets.list, workloads.list),
      await measure(targets.search, workloads.search),
      await measure(targets.detail, workloads.detail),
    ];
    const lines = measured.map(({ line }) => line);

    const resultsDir = join(import.meta.dirname, 'results');
    mkdirSync(resultsDir, { recursive: true });
    const resultsFile = join(resultsDir, 'local.json');
    writeFileSync(resultsFile, `${JSON.stringify(lines, null, 2)}\n`);

    log();
    log(formatTable(measured));
    log();
    const failed = measured.filter(({ line, target }) => !verdict(line, target).pass).map(({ line }) => line.name);
    log(failed.length === 0 ? 'All targets hold.' : `${failed.length} target(s) missed: ${failed.join('; ')}`);
    log(`Load average at the end: ${load()} (anything near or above the core count means other processes competed).`);
    log(`Results written to ${resultsFile}`);
  } finally {
    bench.replica.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
