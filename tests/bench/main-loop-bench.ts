/**
 * `npm run bench:main-loop`: how long each sync path blocks the workspace's main loop (docs/performance.md: no sync
 * path may block it for more than 100 ms, or the window freezes).
 *
 * The workspace's core runs in this process, as in browser mode (an encrypted file replica, the sync
 * engine, the HTTP transport, the poke socket); the central service runs in a child process on loopback
 * (sync-central.ts), on PostgreSQL when DATABASE_URL is set, on PGlite otherwise. One workspace goes
 * through every path in turn, each measured alone (main-loop-probe.ts):
 *
 * 1. the initial sync of an empty replica (the bulk bootstrap) of a city of --rows (100,000) rows;
 * 2. a catch-up pull of the --pull (5,000) comments another agent pushed meanwhile (pages of 1,000 rows);
 * 3. a push of 200 local comments, and the pull that brings their rows back;
 * 4. --pokes (20) poke-driven pulls, each of a push of 50 comments by another agent;
 * 5. the reconnect after --offline (2,000) offline mutations: push, rebase, pull (as in bench:sync).
 *
 * Writes tests/bench/results/main-loop.json ({name, value, unit, raw} lines) and prints a table. A
 * measurement: a path over the target does not fail it; only a bench that could not measure exits 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CitySize } from '../../src-shared/demo/city-generator';
import { createPrng } from '../../src-shared/demo/prng';
import { measureLoop, type LoopBlocks } from './main-loop-probe';
import { startBenchCentral, type BenchCentral } from './sync-central';
import { sleep } from './sync-measure';
import { atMost, formatTable, writeResults, type Measured } from './sync-report';
import { workOffline } from './sync-offline';
import { openWorkspace, Pusher, signIn, whenReplica, type BenchWorkspace } from './sync-workspace';
import { positiveIntegerFlag } from './measure';

const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    pull: { type: 'string', default: '5000' },
    pokes: { type: 'string', default: '20' },
    offline: { type: 'string', default: '2000' },
  },
});
const whole = positiveIntegerFlag;
const options = {
  rows: whole('rows', flags.rows),
  pull: whole('pull', flags.pull),
  pokes: whole('pokes', flags.pokes),
  offline: whole('offline', flags.offline),
};

const SEED = 2026;
const NOW = new Date('2026-03-02T09:00:00.000Z');
const TARGET = atMost(100, 'ms');
const counterEmail = 'camille.accueil@rivebelle.example';
const otherCounterEmail = 'samir.accueil@rivebelle.example';
const log = (line = '') => process.stdout.write(`${line}\n`);
const thousands = (value: number) => value.toLocaleString('en');
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** As bench:sync: a tenth citizens, each case with 3.9 events on average. */
function citySized(rows: number): CitySize {
  const citizens = Math.round(rows * 0.1);
  return { citizens, cases: Math.round((rows - citizens) / (1 + 3.9)), notesPerCase: 0.5 };
}

const lines: Measured[] = [];

async function measurePath(label: string, fn: () => Promise<unknown>): Promise<LoopBlocks> {
  const started = performance.now();
  const { blocks } = await measureLoop(fn);
  const seconds = (performance.now() - started) / 1000;
  const longest = blocks.stalls
    .slice(0, 3)
    .map((stall) => `${stall.ms.toFixed(0)} ms with ${stall.cpuMs.toFixed(0)} ms of CPU`)
    .join(', ');
  log(
    `  ${label}: ${seconds.toFixed(2)} s; main loop blocked up to ${blocks.maxMs.toFixed(1)} ms (p99 ${blocks.p99Ms.toFixed(1)} ms); ` +
      `${blocks.stalls.length} stalls over 50 ms${longest === '' ? '' : ` (longest ${longest})`}`,
  );
  lines.push(
    { name: `${label}: main loop blocked, max`, value: blocks.maxMs, unit: 'ms', raw: null, target: TARGET },
    { name: `${label}: main loop blocked, p99`, value: blocks.p99Ms, unit: 'ms', raw: null, target: null },
    { name: `${label}: CPU within the longest-working stall`, value: blocks.maxStallCpuMs, unit: 'ms', raw: null, target: null },
    { name: `${label}: duration`, value: seconds, unit: 's', raw: null, target: null },
  );
  return blocks;
}

async function paths(central: BenchCentral, dir: string): Promise<void> {
  const identity = await signIn(central.url, counterEmail);
  const workspace: BenchWorkspace = openWorkspace(dir, 'main-loop', central.url, identity);
  const engine = workspace.services.sync.engine;
  try {
    await measurePath(`initial sync (bulk bootstrap), ${thousands(options.rows)} rows`, () => engine.sync());

    const db = workspace.replica.db.$client;
    const cases = (
      db.prepare('SELECT id, department_id FROM cases ORDER BY id LIMIT 2000').all() as { id: string; department_id: string }[]
    ).map((row) => ({ id: row.id, departmentId: row.department_id }));
    const other = new Pusher(central.url, await signIn(central.url, otherCounterEmail), cases, 0);
    for (let sent = 0; sent < options.pull; sent += 200) await other.send(other.build(Math.min(200, options.pull - sent)));
    await measurePath(`catch-up pull of ${thousands(options.pull)} comments`, () => engine.sync());

    const agent = identity.agent;
    for (let i = 0; i < 200; i++)
      workspace.services.cases.comment(agent, { caseId: (cases[i] as { id: string }).id, visibility: 'internal', body: `Note ${i}` });
    await measurePath('push of 200 local comments', () => engine.sync());

    workspace.services.sync.start();
    while (!workspace.services.sync.status().live) await sleep(10);
    await engine.idle();
    const seen = db.prepare('SELECT 1 FROM case_events WHERE id = ?');
    await measurePath(`${options.pokes} poke-driven pulls of 50 comments`, async () => {
      for (let i = 0; i < options.pokes; i++) {
        const push = other.build(50);
        const last = (push.mutations.at(-1)?.args as { eventId: string }).eventId;
        const visible = whenReplica(workspace, () => seen.get(last) !== undefined, 10_000);
        await other.send(push);
        await visible;
      }
    });
    workspace.services.sync.stop();
    await engine.idle();

    await workOffline(central, workspace, options.offline, createPrng(SEED));
    await measurePath(`reconnect after ${thousands(options.offline)} offline mutations`, () => engine.sync());
    const status = engine.status();
    if (status.pending !== 0) throw new Error(`${status.pending} mutations still pending after the reconnect`);
  } finally {
    workspace.close();
  }
}

async function main(): Promise<void> {
  const adminUrl = process.env['DATABASE_URL'] || null;
  const kind = adminUrl === null ? 'pglite' : 'postgres';
  log(`Guichet main-loop benchmark — node ${process.version}, ${availableParallelism()} cores, load average ${load()}`);
  const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-main-loop-'));
  const central = await startBenchCentral(adminUrl, citySized(options.rows), SEED, NOW);
  log(`Central service (pid ${central.pid}) on ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} at ${central.url}`);
  try {
    await paths(central, dir);
  } finally {
    await central.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const file = join(import.meta.dirname, 'results', 'main-loop.json');
  writeResults(file, kind, lines);
  log();
  log(formatTable(lines));
  log();
  const over = lines.filter((line) => line.target !== null && !line.target.pass(line.value));
  log(
    over.length === 0
      ? 'Every sync path stays under 100 ms.'
      : `${over.length} path(s) over 100 ms: ${over.map((line) => line.name).join('; ')}`,
  );
  log(`Load average at the end: ${load()} (the machine is shared: a stall may be another process's). Results written to ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
