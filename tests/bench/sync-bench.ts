/**
 * `npm run bench:sync`: the sync backbone's performance targets (docs/performance.md).
 *
 * Runs on PostgreSQL when DATABASE_URL is set (it is the admin URL: the bench creates and drops its own
 * `guichet_bench_<random>` databases there), on PGlite otherwise, and says which. The central service runs
 * in a child process (sync-central-child.ts), so the bench process's event loop is the workspace's.
 *
 * 1. initial sync of --rows (100,000) rows into an empty encrypted replica, over HTTP, sign-in excluded;
 *    raw: the same rows upserted with prepared statements, 1,000 a transaction, into an empty replica;
 *    the main loop's blocking during the sync, and where one 5,000-row page's time goes (a first sync
 *    takes the bulk bootstrap: pages written by a worker thread, validated in slices on the main loop).
 * 4. the same workspace makes --offline (2,000) mutations offline while another agent pushes, then one
 *    sync pushes and rebases them.
 * 5. the sync bookkeeping (outbox, inbox, _meta, local audit log) over the replicated data, with that
 *    pending work.
 * 2. cross-agent propagation with --propagation-clients (50) workspaces listening for pokes.
 * 3. push throughput with --clients (200) connected clients, --pushers (12) concurrent pushers.
 * 6. `--rows 1000000` runs the initial sync alone at that size (add --all for everything at that size).
 *
 * Writes tests/bench/results/sync.json and prints a table. A measurement: missing a target does not
 * fail it (exit 0); only a bench that could not measure exits 1.
 *
 * For quick iterations: --only initial,reconnect,propagation,throughput runs a subset; --iterations,
 * --seconds, --clients… shrink a measure. GUICHET_BENCH_CPU_PROF=<folder> writes a CPU profile of the
 * central process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CitySize } from '../../src-shared/demo/city-generator';
import { createPrng } from '../../src-shared/demo/prng';
import { startBenchCentral, type BenchCentral } from './sync-central';
import { percentile } from './sync-measure';
import { atLeast, atMost, formatTable, writeResults, type Measured } from './sync-report';
import { propagation, signInAll, throughput } from './sync-live';
import { offlineReconnect } from './sync-offline';
import { describeBytes, initialSync, longestBlockMs } from './sync-scenarios';
import { positiveIntegerFlag } from './measure';

const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    offline: { type: 'string', default: '2000' },
    'propagation-clients': { type: 'string', default: '50' },
    iterations: { type: 'string', default: '200' },
    clients: { type: 'string', default: '200' },
    pushers: { type: 'string', default: '12' },
    seconds: { type: 'string', default: '6' },
    batch: { type: 'string', default: '20' },
    all: { type: 'boolean', default: false },
    // For quick iterations: a comma-separated subset of initial,reconnect,propagation,throughput.
    only: { type: 'string' },
  },
});

const whole = positiveIntegerFlag;
const options = {
  rows: whole('rows', flags.rows),
  offline: whole('offline', flags.offline),
  propagationClients: whole('propagation-clients', flags['propagation-clients']),
  iterations: whole('iterations', flags.iterations),
  clients: whole('clients', flags.clients),
  pushers: whole('pushers', flags.pushers),
  seconds: whole('seconds', flags.seconds),
  batch: whole('batch', flags.batch),
};
const DEFAULT_ROWS = 100_000;
const MILLION = 1_000_000;
const onlyInitial = options.rows > DEFAULT_ROWS && !flags.all;
const parts = new Set((flags.only ?? 'initial,reconnect,propagation,throughput').split(',').map((part) => part.trim()));
const wanted = (part: 'initial' | 'reconnect' | 'propagation' | 'throughput') => parts.has(part) && (part === 'initial' || !onlyInitial);

const SEED = 2026;
const NOW = new Date('2026-03-02T09:00:00.000Z');
/** Events a case in the generated city: 3.4 status steps on average, plus 0.5 notes. */
const EVENTS_PER_CASE = 3.9;

/** A city of about `rows` citizens + cases + case events (a tenth of them citizens). */
function citySized(rows: number): CitySize {
  const citizens = Math.round(rows * 0.1);
  return { citizens, cases: Math.round((rows - citizens) / (1 + EVENTS_PER_CASE)), notesPerCase: 0.5 };
}
/** The city of the many-clients measures: small, so that 50 workspaces bootstrap in seconds. */
const smallCity: CitySize = { citizens: 100, cases: 600, notesPerCase: 0.5 };

const log = (line = '') => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const thousands = (value: number) => value.toLocaleString('en');

const adminUrl = process.env['DATABASE_URL'] || null;
const kind = adminUrl === null ? 'pglite' : 'postgres';
const centrals = new Set<BenchCentral>();
const lines: Measured[] = [];
const errors: string[] = [];

async function withCentral<T>(label: string, city: CitySize, fn: (central: BenchCentral) => Promise<T>): Promise<T | null> {
  const started = performance.now();
  let central: BenchCentral | null = null;
  try {
    central = await startBenchCentral(adminUrl, city, SEED, NOW);
    centrals.add(central);
    const demo = central.demo.rows;
    log(
      `${label}: central service (pid ${central.pid}) on ${central.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} at ${central.url}, ` +
        `demo city loaded in ${(central.demo.milliseconds / 1000).toFixed(1)} s: ${thousands(demo.citizens)} citizens, ${thousands(demo.cases)} cases, ` +
        `${thousands(demo.caseEvents)} case events (${thousands(demo.citizens + demo.cases + demo.caseEvents)} rows), ${demo.agents} agents; ` +
        `ready after ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return await fn(central);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    errors.push(`${label}: ${message}`);
    log(`ERROR in ${label}: ${message}`);
    return null;
  } finally {
    if (central !== null) {
      await central.stop();
      centrals.delete(central);
    }
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const database =
    adminUrl === null
      ? 'PGlite (in a temporary data folder, in the central process)'
      : `PostgreSQL (new databases on ${new URL(adminUrl).host}, dropped afterwards)`;
  log(`Guichet sync benchmark — node ${process.version}, ${availableParallelism()} cores, load average ${load()}`);
  log(`Central database: ${database}. Workspace replicas: encrypted SQLite files under the temp dir.`);
  if (onlyInitial) log(`--rows ${thousands(options.rows)}: the initial sync alone (add --all for every measure).`);
  const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-sync-'));
  const prng = createPrng(SEED);
  try {
    const label = options.rows === DEFAULT_ROWS ? '100,000' : thousands(options.rows);
    const syncTarget = options.rows === DEFAULT_ROWS ? atMost(5, 's') : options.rows === MILLION ? atMost(60, 's') : null;
    log();
    if (wanted('initial') || wanted('reconnect'))
      await withCentral(`[1${onlyInitial ? '/6' : ', 4, 5'}] city of ~${label} rows`, citySized(options.rows), async (central) => {
        const initial = await initialSync(central, dir);
        try {
          lines.push(
            {
              name: `initial sync, ${label} rows`,
              value: initial.seconds,
              unit: 's',
              raw: initial.raw.seconds,
              target: syncTarget,
              note: 'raw: the same rows upserted with prepared statements',
            },
            {
              name: `initial sync, ${label} rows: rate`,
              value: initial.rows / initial.seconds,
              unit: 'rows/s',
              raw: initial.raw.rowsPerSecond,
              target: null,
            },
            {
              name: `initial sync, ${label} rows: main loop blocked, max`,
              value: initial.blocking.maxMs,
              unit: 'ms',
              raw: null,
              target: atMost(100, 'ms'),
            },
            {
              name: `initial sync, ${label} rows: main loop blocked, p99`,
              value: initial.blocking.p99Ms,
              unit: 'ms',
              raw: null,
              target: null,
            },
            {
              name: `initial sync, ${label} rows: main loop stalls over 100 ms`,
              value: initial.stalls,
              unit: 'stalls',
              raw: null,
              target: null,
            },
          );
          for (const page of initial.pages) {
            const engine = page.pageSize === initial.enginePageSize ? " (the engine's)" : '';
            lines.push({
              name: `pull page asked ${thousands(page.pageSize)}${engine}, ${page.label}: longest main-loop block (JSON.parse, envelope, slices)`,
              value: longestBlockMs(page),
              unit: 'ms',
              raw: null,
              target: page.pageSize === 5_000 ? atMost(100, 'ms') : null,
            });
          }
          if (!wanted('reconnect')) return;
          log();
          log(`[4, 5] ${thousands(options.offline)} mutations offline on that replica, then reconnect`);
          const reconnect = await offlineReconnect(central, initial.workspace, options.offline, prng);
          log(`  bytes with ${thousands(reconnect.mutations)} pending: ${describeBytes(reconnect.bytesPending)}`);
          log(`  bytes after the reconnect: ${describeBytes(reconnect.bytesAfter)}`);
          lines.push(
            {
              name: `reconnect after ${thousands(options.offline)} offline mutations`,
              value: reconnect.seconds,
              unit: 's',
              raw: null,
              target: atMost(10, 's'),
            },
            { name: `reconnect: main loop blocked, max`, value: reconnect.blocking.maxMs, unit: 'ms', raw: null, target: null },
            {
              name: `reconnect: CPU within the longest-working stall`,
              value: reconnect.blocking.maxStallCpuMs,
              unit: 'ms',
              raw: null,
              target: null,
            },
            { name: `offline local writes`, value: reconnect.localWritesPerSecond, unit: 'mutations/s', raw: null, target: null },
            {
              name: `sync bookkeeping / replicated data, ${thousands(reconnect.mutations)} pending`,
              value: reconnect.bytesPending.bookkeeping / reconnect.bytesPending.replicated,
              unit: '×',
              raw: null,
              target: atMost(1.3, '×'),
            },
            {
              name: `sync bookkeeping / replicated data, after the reconnect`,
              value: reconnect.bytesAfter.bookkeeping / reconnect.bytesAfter.replicated,
              unit: '×',
              raw: null,
              target: null,
            },
            {
              name: `sync bookkeeping, ${thousands(reconnect.mutations)} pending`,
              value: reconnect.bytesPending.bookkeeping / 1_048_576,
              unit: 'MB',
              raw: null,
              target: null,
            },
            { name: `replicated data`, value: reconnect.bytesPending.replicated / 1_048_576, unit: 'MB', raw: null, target: null },
            {
              name: `whole replica file / replicated data, ${thousands(reconnect.mutations)} pending`,
              value: reconnect.bytesPending.file / reconnect.bytesPending.replicated,
              unit: '×',
              raw: null,
              target: null,
            },
          );
        } finally {
          initial.workspace.close();
        }
      });

    if (wanted('propagation') || wanted('throughput')) {
      log();
      await withCentral('[2, 3] small city, many clients', smallCity, async (central) => {
        let identities;
        if (wanted('propagation')) {
          log(`[2] propagation with ${options.propagationClients} connected workspaces, ${options.iterations} changes`);
          const spread = await propagation(central, dir, options.propagationClients, options.iterations, prng);
          identities = spread.identities;
          lines.push(
            {
              name: `propagation, ${spread.clients} clients: p50`,
              value: percentile(spread.samples, 50),
              unit: 'ms',
              raw: spread.rawRoundTripMs,
              target: atMost(25, 'ms'),
              note: 'raw: one loopback HTTP round trip',
            },
            {
              name: `propagation, ${spread.clients} clients: p99`,
              value: percentile(spread.samples, 99),
              unit: 'ms',
              raw: spread.rawRoundTripMs,
              target: atMost(100, 'ms'),
            },
          );
        } else {
          identities = await signInAll(central);
        }
        if (!wanted('throughput')) return;
        log();
        log(`[3] throughput with ${options.clients} connected clients, ${options.pushers} pushers, ${options.seconds} s a run`);
        const result = await throughput(central, identities, {
          clients: options.clients,
          pushers: options.pushers,
          seconds: options.seconds,
          batch: options.batch,
        });
        for (const run of result.runs) {
          const who = run.pullOnPoke ? `${result.clients} clients pulling on poke` : `${result.clients} clients only poked`;
          if (run.batch === 1) {
            lines.push({
              name: `single-mutation pushes, ${who}`,
              value: run.pushes / run.seconds,
              unit: 'pushes/s',
              raw: result.raw.single,
              rawUnit: 'commits/s',
              target: run.pullOnPoke ? atLeast(300, 'pushes/s') : null,
            });
          } else {
            lines.push({
              name: `mutations in pushes of ${run.batch}, ${who}`,
              value: run.mutations / run.seconds,
              unit: 'mutations/s',
              raw: result.raw.batchedRows,
              rawUnit: 'rows/s',
              target: run.pullOnPoke ? atLeast(1000, 'mutations/s') : null,
            });
          }
        }
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Another size writes its own file, so the default run's figures stay beside it.
  const resultsFile = join(import.meta.dirname, 'results', options.rows === DEFAULT_ROWS ? 'sync.json' : `sync-${options.rows}.json`);
  writeResults(resultsFile, kind, lines);
  log();
  log(`Results on ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} (targets from docs/performance.md, 2 cores):`);
  log(formatTable(lines));
  log();
  const failed = lines.filter((line) => line.target !== null && !line.target.pass(line.value));
  log(failed.length === 0 ? 'All targets hold.' : `${failed.length} target(s) missed: ${failed.map((line) => line.name).join('; ')}`);
  if (errors.length > 0) log(`${errors.length} measure(s) could not run: see ERROR above.`);
  log(`Load average at the end: ${load()} (near or above the core count: other processes competed, the tails are not this code's alone).`);
  log(`Whole run ${((performance.now() - startedAt) / 1000).toFixed(0)} s. Results written to ${resultsFile}`);
  if (errors.length > 0) process.exitCode = 1;
}

const stopAll = async () => {
  await Promise.all([...centrals].map((central) => central.stop().catch(() => undefined)));
};
process.once('SIGINT', () => {
  void stopAll().then(() => process.exit(130));
});

main().catch(async (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await stopAll();
  process.exitCode = 1;
});
