/**
 * Measuring helpers of `npm run bench:sync`: percentiles, the event loop's blocking, where a replica's
 * bytes go (SQLite's dbstat), and the raw SQLite upsert rate the initial sync is compared with.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type Database from 'better-sqlite3';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface LoopBlocking {
  maxMs: number;
  p99Ms: number;
  /** Samples of the histogram (one per resolution tick when the loop is free). */
  samples: number;
}

/**
 * The main loop's blocking while `fn` runs: perf_hooks' event-loop delay histogram at 10 ms resolution
 * (a delay of d ms means a timer, an IPC message or a tRPC call from the window waited d ms).
 */
export async function withLoopMonitor<T>(fn: () => Promise<T>): Promise<{ result: T; blocking: LoopBlocking }> {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const result = await fn();
    histogram.disable();
    return { result, blocking: { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, samples: histogram.count } };
  } finally {
    histogram.disable();
  }
}

/** Tables the replica receives from the central service (with their indexes and full-text shadow tables). */
export const replicatedTables = ['departments', 'categories', 'agents', 'agent_roles', 'citizens', 'cases', 'case_events'] as const;
/**
 * What the replica keeps only to sync: the outbox with its undo images, the sync inbox, `_meta` (client
 * id, cursor, scope, token, mutation counter) and the local audit log, which records each local mutation
 * and is not replicated (the central service writes its own audit rows when it applies the push).
 */
export const bookkeepingTables = ['_pending', '_sync_inbox', '_meta', 'audit_log'] as const;

export interface ReplicaBytes {
  /** Bytes by owning table (its indexes and FTS shadow tables included). */
  byTable: Map<string, number>;
  replicated: number;
  bookkeeping: number;
  other: number;
  /** The whole database file (page_count × page_size), free pages included. */
  file: number;
}

/** Bytes of each table of a replica, from SQLite's dbstat virtual table (pages in use, by b-tree). */
export function replicaBytes(db: Database.Database): ReplicaBytes {
  const owners = new Map<string, string>();
  for (const row of db.prepare(`SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')`).all() as {
    name: string;
    tbl_name: string;
  }[]) {
    const shadow = /^(.+)_fts_(data|idx|docsize|config|content)$/.exec(row.name);
    owners.set(row.name, shadow !== null ? (shadow[1] as string) : row.tbl_name);
  }
  const byTable = new Map<string, number>();
  for (const row of db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[]) {
    const owner = owners.get(row.name) ?? row.name;
    byTable.set(owner, (byTable.get(owner) ?? 0) + row.bytes);
  }
  const sum = (names: readonly string[]) => names.reduce((total, name) => total + (byTable.get(name) ?? 0), 0);
  const replicated = sum(replicatedTables);
  const bookkeeping = sum(bookkeepingTables);
  let all = 0;
  for (const bytes of byTable.values()) all += bytes;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  return { byTable, replicated, bookkeeping, other: all - replicated - bookkeeping, file: pageSize * pages };
}

export function rowCount(db: Database.Database, table: string): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

/**
 * The physical comparison of an initial sync: the same rows (read from the synced replica) written into
 * an empty replica with prepared upserts, 1,000 rows a transaction. Only the writing is timed.
 */
export function rawUpsertRate(
  source: Database.Database,
  target: Database.Database,
  tables: readonly string[] = ['citizens', 'cases', 'case_events'],
) {
  let rows = 0;
  let milliseconds = 0;
  for (const table of tables) {
    const columns = (target.prepare(`SELECT name, hidden FROM pragma_table_xinfo('${table}')`).all() as { name: string; hidden: number }[])
      .filter((column) => column.hidden === 0 && column.name !== 'seq')
      .map((column) => column.name);
    const list = columns.map((name) => `"${name}"`).join(', ');
    const upsert = target.prepare(
      `INSERT INTO ${table} (${list}) VALUES (${columns.map(() => '?').join(', ')}) ` +
        `ON CONFLICT(id) DO UPDATE SET ${columns
          .filter((name) => name !== 'id')
          .map((name) => `"${name}" = excluded."${name}"`)
          .join(', ')}`,
    );
    const read = source.prepare(`SELECT rowid, ${list} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 1000`).raw();
    const write = target.transaction((chunk: unknown[][]) => {
      for (const row of chunk) upsert.run(...row.slice(1));
    });
    let after = 0;
    for (;;) {
      const chunk = read.all(after) as unknown[][];
      if (chunk.length === 0) break;
      after = (chunk.at(-1) as unknown[])[0] as number;
      const started = performance.now();
      write(chunk);
      milliseconds += performance.now() - started;
      rows += chunk.length;
    }
  }
  return { rows, seconds: milliseconds / 1000, rowsPerSecond: rows / (milliseconds / 1000) };
}

/** A main-loop stall: when it started (performance.now()) and how long the loop could not run. */
export interface Stall {
  at: number;
  ms: number;
}

/**
 * Records every stall of the main loop longer than `thresholdMs` (a 2 ms interval timer that fires late),
 * to tell which step of a sync blocked: compare `at` with the requests' times.
 */
export function recordStalls(thresholdMs: number): { stalls: Stall[]; stop(): void } {
  const stalls: Stall[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > thresholdMs) stalls.push({ at: last, ms: now - last });
    last = now;
  }, 2);
  return { stalls, stop: () => clearInterval(timer) };
}
