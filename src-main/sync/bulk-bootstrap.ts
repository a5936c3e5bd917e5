import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { PullPatch, PullRequest, PullResponse } from '../../src-shared/sync';
import type { ReplicaDb } from '../db/open-replica';
import { metaSteps, readMeta } from '../repositories/meta-repository';
import { createOutboxRepository } from '../repositories/outbox-repository';
import { parseEnvelope, sliceSteps } from './page-slices';
import { runSteps, type Step } from './replica-apply';
import { appReplicaRegistry, type ReplicaRegistry } from './replica-tables';
import { ReplicaWriter, type ReplicaWriterOptions } from './replica-writer';
import { readSyncState, syncStateSteps } from './sync-state';

/**
 * The first sync of an empty replica (docs/sync.md; target in docs/performance.md: 1,000,000 rows in a minute, the UI never frozen).
 *
 * A writer thread with its own connection applies the pages, while this thread fetches and validates the
 * next ones. Before the first page it drops the secondary indexes of the three big tables and the
 * full-text insert triggers (an index entry or a trigger run per row costs more than the row itself), and
 * records their SQL in `_meta` in the same transaction; each page fills the full-text tables for its new
 * rows in one statement; the end rebuilds the indexes, recreates the triggers and removes the record, in
 * one transaction with `sync_last_at`, which opens the workspace. A process that dies midway leaves the
 * record: the next sync resumes the bootstrap from its cursor (each page's cursor is committed with its
 * rows), and a failed writer restores everything on this thread.
 *
 * Only for an empty replica without pending mutations: no optimistic effect to undo or replay, so a page
 * is just rows. Nothing else writes meanwhile: the first-sync screen offers no write, services refuse
 * mutations while `SyncEngine.bootstrapping()` (see services.ts), and signing out stops the writer first.
 */

const MARKER = 'sync_bulk_bootstrap';
const bulkTables = (registry: ReplicaRegistry) =>
  registry.sync.entities.filter((declared) => declared.bulk).map((declared) => declared.table);
// Pages sent to the writer and not yet committed: enough to keep it busy while the next one is fetched.
const MAX_QUEUED_PAGES = 2;

/** What the bulk bootstrap dropped, as SQL to create it again: kept in `_meta` until restored. */
interface Dropped {
  indexes: string[];
  /** The full-text insert triggers: each page fills the full-text tables for its new rows instead. */
  triggers: string[];
}

export interface BulkOptions extends Omit<ReplicaWriterOptions, 'file'> {
  /** Called with each writer thread started (tests use it to make one fail). */
  onWriter?: (writer: ReplicaWriter) => void;
}

export type BulkMode = 'fresh' | 'resume' | null;

/** Whether this sync may take the bulk path: an empty replica, or a bulk bootstrap a crash interrupted. */
export function bulkMode(db: ReplicaDb, registry: ReplicaRegistry = appReplicaRegistry): BulkMode {
  const client = db.$client;
  if (client.memory) return null;
  if (!createOutboxRepository(db).isEmpty()) return null;
  if (readMeta(db, MARKER) !== null) return 'resume';
  const state = readSyncState(db);
  if (state.cursor !== null || state.bootstrap !== null) return null;
  const holdsRows = bulkTables(registry).some((table) => client.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined);
  return holdsRows ? null : 'fresh';
}

const once = (sql: string): Step => ({ sql, rows: [[]] });

/** The full-text insert triggers and the secondary indexes of the big tables, and the steps that drop them. */
function drops(db: ReplicaDb, registry: ReplicaRegistry): { dropped: Dropped; steps: Step[] } {
  const list = (where: string) =>
    db.$client
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE ${where} AND tbl_name IN (${bulkTables(registry)
          .map((t) => `'${t}'`)
          .join(', ')}) ORDER BY name`,
      )
      .all() as { name: string; sql: string }[];
  // The upserts' conflict targets (the id indexes) stay; every other index is rebuilt at the end.
  const indexes = list(`type = 'index' AND sql IS NOT NULL AND name NOT LIKE '%\\_id\\_unique' ESCAPE '\\'`);
  // The update and delete triggers stay: a row a later page changes or deletes was indexed by its own page.
  const triggers = list(`type = 'trigger' AND name LIKE '%\\_fts\\_insert' ESCAPE '\\'`);
  const dropped: Dropped = { indexes: indexes.map((row) => row.sql), triggers: triggers.map((row) => row.sql) };
  const steps = [
    ...triggers.map((row) => once(`DROP TRIGGER "${row.name}"`)),
    ...indexes.map((row) => once(`DROP INDEX "${row.name}"`)),
    ...metaSteps({ [MARKER]: JSON.stringify(dropped) }),
  ];
  return { dropped, steps };
}

function recorded(db: ReplicaDb): Dropped | null {
  const stored = readMeta(db, MARKER);
  return stored === null ? null : (JSON.parse(stored) as Dropped);
}

/**
 * What an insert trigger would have put in its full-text table, for the rows a page added: the trigger's
 * `INSERT … VALUES (new.seq, new.x, …)` becomes `INSERT … SELECT seq, x, … FROM table WHERE seq > (the
 * table's last indexed row)`, so the migration stays the one definition of what is indexed.
 */
export function ftsFillSql(insertTrigger: string): string {
  const found =
    /AFTER INSERT ON\s+[`"]?(\w+)[`"]?\s+BEGIN\s+(INSERT INTO\s+[`"]?(\w+)[`"]?\s*\([^)]*\))\s*VALUES\s*\(\s*new\.(\w+)\s*,([\s\S]*)\)\s*;\s*END\s*$/i.exec(
      insertTrigger.trim(),
    );
  if (found === null) throw new Error(`Cannot derive a full-text fill from trigger: ${insertTrigger.slice(0, 80)}`);
  const [, source, insert, fts, rowid, values] = found as unknown as [string, string, string, string, string, string];
  const last = `coalesce((SELECT rowid FROM "${fts}" ORDER BY rowid DESC LIMIT 1), 0)`;
  return `${insert} SELECT ${rowid}, ${values.replace(/\bnew\./g, '')} FROM "${source}" WHERE ${rowid} > ${last}`;
}

/** Rebuilds what was dropped and removes the record (the full-text tables are complete page by page). */
export function restoreSteps(db: ReplicaDb): Step[] {
  const dropped = recorded(db);
  if (dropped === null) return [];
  return [...dropped.indexes.map(once), ...dropped.triggers.map(once), ...metaSteps({ [MARKER]: null })];
}

/** Restores on this thread (a writer that failed): blocks the loop for the index builds, then the normal path goes on. */
export function restoreInThread(db: ReplicaDb): void {
  db.$client.transaction(() => runSteps(db.$client, restoreSteps(db)))();
}

export interface BulkRun {
  db: ReplicaDb;
  options: BulkOptions;
  /**
   * Sends a pull request; the answer is checked here, slice by slice. `first` asks for a small page: the
   * code that parses and checks pages runs cold on it, and the first page's single JSON.parse and cold
   * slices held the main loop over 100 ms with 5,000 rows.
   */
  request: (state: Pick<PullRequest, 'cursor' | 'scope' | 'bootstrap'>, first: boolean) => Promise<unknown>;
  now: () => Date;
  onProgress: (progress: number | null) => void;
  /** What the pages carry (the app's registry unless the engine was given another). */
  registry?: ReplicaRegistry;
}

/**
 * Pulls and applies pages until caught up. Returns the answer it cannot take (reset, upgrade-required)
 * for the normal path, after restoring the indexes; null once the replica is complete.
 */
export class BulkBootstrap {
  private writer: ReplicaWriter | null = null;
  private stopped = false;

  constructor(private readonly run: BulkRun) {}

  async execute(): Promise<Exclude<PullResponse, PullPatch> | null> {
    const { db, options } = this.run;
    const writer = new ReplicaWriter({ file: db.$client.name, key: options.key, workerFile: options.workerFile });
    this.writer = writer;
    options.onWriter?.(writer);
    try {
      const result = await this.pages(writer);
      // The log holds the whole bootstrap: copying it into the file needs nobody to wait (the workspace
      // opens meanwhile). PASSIVE never blocks this thread's writes; the writer closes when done.
      const checkpoint = { sql: 'PRAGMA wal_checkpoint(PASSIVE)', rows: [[]] };
      void writer.run([checkpoint], { begin: false, commit: false }).then(
        () => writer.close(),
        () => writer.terminate('checkpoint failed'),
      );
      return result;
    } catch (error) {
      const failed = writer.failed !== null;
      await writer.terminate('bulk bootstrap interrupted');
      // A writer that failed may fail again: the indexes come back now and the normal path takes over.
      // Anything else (offline, a page refused, stopped) leaves the record: the next sync resumes.
      if (failed && !this.stopped) restoreInThread(db);
      throw error;
    } finally {
      this.writer = null;
    }
  }

  /** Sign-out or shutdown: the writer stops at once; what it committed stays, with its cursor. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.writer?.terminate('bulk bootstrap stopped');
  }

  private async pages(writer: ReplicaWriter): Promise<Exclude<PullResponse, PullPatch> | null> {
    const { db } = this.run;
    const registry = this.run.registry ?? appReplicaRegistry;
    // Each page's last job: after a failure, the writer fails every job, so a page's commit tells for its slices.
    const queued: Promise<void>[] = [];
    // Observed at once (a failure surfaces at the next await of the queue), never an unhandled rejection.
    const observed = (write: Promise<void>) => (write.catch(() => undefined), write);
    let dropped = recorded(db);
    if (dropped === null) {
      const fresh = drops(db, registry);
      dropped = fresh.dropped;
      queued.push(observed(writer.run(fresh.steps)));
    }
    const fills = dropped.triggers.map((sql) => once(ftsFillSql(sql)));
    let state: Pick<PullRequest, 'cursor' | 'scope' | 'bootstrap'> = readSyncState(db);
    for (let first = true; ; first = false) {
      const raw = await this.run.request(state, first);
      // The answer was just parsed from JSON in one block: the loop breathes before more.
      await yieldToLoop();
      const page = parseEnvelope(raw, registry);
      if (this.stopped) throw new Error('bulk bootstrap stopped');
      if (page.kind !== 'patch') {
        await Promise.all(queued);
        await writer.run(restoreSteps(db));
        return page;
      }
      let begin = true;
      for await (const steps of sliceSteps(page, registry)) {
        void observed(writer.run(steps, { begin, commit: false }));
        begin = false;
      }
      const cursor = { cursor: page.cursor, scope: page.scope, bootstrap: page.bootstrap };
      // The page's rows enter the full-text tables, and the cursor commits with them.
      const committed = writer.run([...fills, ...syncStateSteps({ ...cursor, acknowledged: page.lastMutationId })], {
        begin,
        commit: true,
      });
      queued.push(observed(committed.then(() => this.run.onProgress(page.head === 0 ? null : Math.min(1, page.cursor / page.head)))));
      if (!page.more) break;
      state = cursor;
      while (queued.length > MAX_QUEUED_PAGES) await queued.shift();
    }
    await Promise.all(queued);
    // The record is read back now that the first transaction wrote it.
    await writer.run([...restoreSteps(db), ...syncStateSteps({ lastSyncAt: this.run.now().toISOString() })]);
    return null;
  }
}
