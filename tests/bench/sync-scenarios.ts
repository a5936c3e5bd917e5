/**
 * The measurements of `npm run bench:sync` (docs/performance.md) but the offline ones (sync-offline.ts). Each takes a running central
 * service (sync-central.ts) and a folder for replicas, and returns its figures and what they rest on.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { openReplica } from '../../src-main/db/open-replica';
import { parseEnvelope, sliceSteps } from '../../src-main/sync/page-slices';
import { runSteps, type Step } from '../../src-main/sync/replica-apply';
import { centralPaths } from '../../src-shared/http/endpoints';
import { REPLICA_FORMAT, scopeOf } from '../../src-shared/sync';
import type { BenchCentral } from './sync-central';
import { rawUpsertRate, recordStalls, rowCount, withLoopMonitor, type LoopBlocking, type ReplicaBytes, type Stall } from './sync-measure';
import { openWorkspace, recordSyncRequests, replicaMigrations, signIn, type BenchWorkspace, type SignedIn } from './sync-workspace';

const log = (line = '') => process.stdout.write(`${line}\n`);
const counterEmail = 'camille.accueil@rivebelle.example';

/** Wall clock, CPU of both processes and the central's loop over one phase. */
export interface PhaseLoad {
  kind: BenchCentral['kind'];
  seconds: number;
  benchCpu: number;
  centralCpu: number;
  centralLoopMaxMs: number;
}

export async function phase<T>(central: BenchCentral, fn: () => Promise<T>): Promise<{ result: T; load: PhaseLoad }> {
  await central.stats(true);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await fn();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const stats = await central.stats(true);
  return {
    result,
    load: {
      kind: central.kind,
      seconds,
      benchCpu: (used.user + used.system) / 1e6 / seconds,
      centralCpu: stats.cpuSeconds / seconds,
      centralLoopMaxMs: stats.loopDelayMaxMs,
    },
  };
}

export const describeLoad = (load: PhaseLoad) =>
  `CPU: workspace process ${(load.benchCpu * 100).toFixed(0)} %, central process ${(load.centralCpu * 100).toFixed(0)} % of a core` +
  (load.kind === 'pglite' ? ' (PGlite runs inside the central process)' : ` (PostgreSQL's own processes not counted)`);

export async function inBatches<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

function replicatedRows(db: Database.Database): number {
  return rowCount(db, 'citizens') + rowCount(db, 'cases') + rowCount(db, 'case_events');
}

// ---------------------------------------------------------------------------------------------------
// 1 (and 6): initial sync into an empty replica

export interface InitialSync {
  rows: number;
  seconds: number;
  blocking: LoopBlocking;
  raw: { rows: number; seconds: number; rowsPerSecond: number };
  load: PhaseLoad;
  workspace: BenchWorkspace;
  pages: PageAnatomy[];
  enginePageSize: number;
  pulls: number;
  stalls: number;
}

/**
 * A counter agent (all departments, the citizen file) signs in on an empty replica and syncs: every
 * push, pull page and rebase until caught up, over HTTP, timed from the first request to the last commit.
 */
export async function initialSync(central: BenchCentral, dir: string): Promise<InitialSync> {
  const identity = await signIn(central.url, counterEmail);
  const workspace = openWorkspace(dir, 'initial', central.url, identity);
  log(
    `  syncing an empty replica as ${identity.agent.name} (${scopeOf(identity.agent).departments.length} departments and the citizen file)…`,
  );
  // Which page size the sync engine asks for (its default), from its requests; the answers are left alone.
  const recorder = recordSyncRequests();
  const staller = recordStalls(100);
  const { result: blocking, load } = await phase(
    central,
    async () => (await withLoopMonitor(() => workspace.services.sync.engine.sync())).blocking,
  ).finally(() => {
    recorder.uninstall();
    staller.stop();
  });
  const pulls = recorder.exchanges.filter((exchange) => exchange.path === centralPaths.pull);
  // The size most pages asked for (the engine asks for a small first page).
  const enginePageSize = pulls.at(-1)?.pageSize ?? 5_000;
  const rows = replicatedRows(workspace.replica.db.$client);
  const status = workspace.services.sync.engine.status();
  if (!status.online) throw new Error('the initial sync did not end online');
  log(
    `  ${rows.toLocaleString('en')} rows in ${load.seconds.toFixed(2)} s (${Math.round(rows / load.seconds).toLocaleString('en')} rows/s), ` +
      `${pulls.length} pull pages (the engine asks for ${enginePageSize.toLocaleString('en')} rows a page; a page never splits a version, the demo city's hold ~2,500 rows); ` +
      `main loop blocked up to ${blocking.maxMs.toFixed(0)} ms (p99 ${blocking.p99Ms.toFixed(0)} ms)`,
  );
  if (staller.stalls.length > 0) {
    const syncStart = pulls[0]?.start ?? 0;
    const where = (stall: Stall) => {
      const after = pulls.filter((pull) => pull.end <= stall.at).length;
      return `${stall.ms.toFixed(0)} ms at ${((stall.at - syncStart) / 1000).toFixed(1)} s (after the answer of pull ${after} of ${pulls.length})`;
    };
    const longest = [...staller.stalls].sort((a, b) => b.ms - a.ms).slice(0, 3);
    log(`  ${staller.stalls.length} stalls of the main loop over 100 ms; the longest: ${longest.map(where).join('; ')}`);
  }
  log(`  ${describeLoad(load)}`);

  const target = openReplica({ file: join(dir, 'raw-upsert.db'), key: randomBytes(32), migrationsFolder: replicaMigrations });
  let raw;
  try {
    raw = rawUpsertRate(workspace.replica.db.$client, target.db.$client);
  } finally {
    target.close();
  }
  log(
    `  raw SQLite: the same ${raw.rows.toLocaleString('en')} rows upserted with prepared statements, 1,000 a transaction, into an empty replica: ` +
      `${raw.seconds.toFixed(2)} s (${Math.round(raw.rowsPerSecond).toLocaleString('en')} rows/s)`,
  );
  const pages = await pageAnatomy(central, identity, dir, [...new Set([enginePageSize, 5_000])]);
  return {
    rows,
    seconds: load.seconds,
    blocking,
    raw,
    load,
    workspace,
    pages,
    enginePageSize,
    pulls: pulls.length,
    stalls: staller.stalls.length,
  };
}

export interface PageAnatomy {
  label: string;
  /** The page size asked for. */
  pageSize: number;
  rows: number;
  bytes: number;
  /** Request sent → body received (the central's work + transfer). */
  serverMs: number;
  /** The main loop's blocks, one after the other with the loop free between them. */
  jsonParseMs: number;
  envelopeMs: number;
  longestSliceMs: number;
  slices: number;
  /** The writer thread's transaction for the page (timed here, on this thread, with the same steps). */
  writeMs: number;
}

/** The longest block the page costs the main loop during a bulk bootstrap. */
export const longestBlockMs = (page: PageAnatomy) => Math.max(page.jsonParseMs, page.envelopeMs, page.longestSliceMs);

/**
 * Where one pull page's time goes during a first sync (the bulk bootstrap): on the workspace's loop,
 * JSON.parse of the body, the page's envelope, then its rows validated and turned into SQL steps in
 * slices, the loop free between them; on the writer thread, the page's transaction. For each page size
 * (the engine's, and 5,000): the first page (reference data and citizens) and one of cases with their
 * timelines, written into an empty replica with its indexes dropped, as during a bulk bootstrap.
 */
async function pageAnatomy(central: BenchCentral, identity: SignedIn, dir: string, pageSizes: readonly number[]): Promise<PageAnatomy[]> {
  const [{ version: head } = { version: 0 }] = await central.query<{ version: number }>(
    'SELECT version::int AS version FROM sync_counter WHERE id = 1',
  );
  const scope = scopeOf(identity.agent);
  const results: PageAnatomy[] = [];
  const probes = pageSizes.flatMap((pageSize) => [
    { label: 'reference + citizens', cursor: null, pageSize },
    { label: 'cases + events', cursor: Math.max(1, head - 8), pageSize },
  ]);
  for (const [index, probe] of probes.entries()) {
    const replica = openReplica({ file: join(dir, `page-${index}.db`), key: randomBytes(32), migrationsFolder: replicaMigrations });
    try {
      const sent = performance.now();
      const response = await fetch(new URL(centralPaths.pull, central.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${identity.token}` },
        body: JSON.stringify({
          clientId: uuidv7(),
          replicaFormat: REPLICA_FORMAT,
          cursor: probe.cursor,
          scope: probe.cursor === null ? null : scope,
          bootstrap: null,
          pageSize: probe.pageSize,
        }),
      });
      const text = await response.text();
      const received = performance.now();
      const json: unknown = JSON.parse(text);
      const parsed = performance.now();
      const page = parseEnvelope(json);
      const enveloped = performance.now();
      if (page.kind !== 'patch') throw new Error(`pull answered ${page.kind}`);
      const steps: Step[] = [];
      let longestSliceMs = 0;
      let slices = 0;
      const iterator = sliceSteps(page);
      for (;;) {
        const began = performance.now();
        const next = await iterator.next();
        if (next.done) break;
        longestSliceMs = Math.max(longestSliceMs, performance.now() - began);
        slices++;
        steps.push(...next.value);
      }
      const client = replica.db.$client;
      for (const row of client
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('citizens', 'cases', 'case_events') AND name NOT LIKE '%id_unique'`,
        )
        .pluck()
        .all() as string[])
        client.exec(`DROP INDEX "${row}"`);
      for (const row of client
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'`)
        .pluck()
        .all() as string[])
        client.exec(`DROP TRIGGER "${row}"`);
      const writing = performance.now();
      client.transaction(() => runSteps(client, steps))();
      const writeMs = performance.now() - writing;
      const rows = Object.values(page.upserts).reduce((sum, list) => sum + list.length, 0);
      results.push({
        label: probe.label,
        pageSize: probe.pageSize,
        rows,
        bytes: text.length,
        serverMs: received - sent,
        jsonParseMs: parsed - received,
        envelopeMs: enveloped - parsed,
        longestSliceMs,
        slices,
        writeMs,
      });
    } finally {
      replica.close();
    }
  }
  for (const page of results) {
    log(
      `  page anatomy (page size ${page.pageSize.toLocaleString('en')} asked), ${page.label}: ${page.rows.toLocaleString('en')} rows, ${(page.bytes / 1_048_576).toFixed(1)} MB — central + transfer ${page.serverMs.toFixed(0)} ms; ` +
        `on the workspace's loop: JSON.parse ${page.jsonParseMs.toFixed(0)} ms, envelope ${page.envelopeMs.toFixed(0)} ms, ${page.slices} slices of at most ${page.longestSliceMs.toFixed(0)} ms; ` +
        `on the writer thread: ${page.writeMs.toFixed(0)} ms`,
    );
  }
  return results;
}

export function describeBytes(bytes: ReplicaBytes): string {
  const mb = (value: number) => `${(value / 1_048_576).toFixed(2)} MB`;
  const parts = [...bytes.byTable.entries()]
    .filter(([, value]) => value > 8192)
    .sort((a, b) => b[1] - a[1])
    .map(([name, value]) => `${name} ${mb(value)}`);
  return `replicated ${mb(bytes.replicated)}, bookkeeping ${mb(bytes.bookkeeping)}, other ${mb(bytes.other)}, file ${mb(bytes.file)} [${parts.join(', ')}]`;
}
