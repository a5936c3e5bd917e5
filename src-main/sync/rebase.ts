import diagnostics from 'node:diagnostics_channel';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Effect } from '../../src-shared/mutations';
import type { PullPatch } from '../../src-shared/sync';
import type { ReplicaDb } from '../db/open-replica';
import { perConnection } from '../db/per-connection';
import { damageCode } from '../db/replica-damage';
import { applyEffects, replicaReader } from '../mutations/run-mutation';
import { createOutboxRepository } from '../repositories/outbox-repository';
import type { Repositories } from '../repositories/repositories';
import { TrackedWriter } from '../repositories/tracked-writer';
import { PageCacheBound } from './bounded-cache';
import { clearReplicatedRows, runSteps, undoSteps, type Step } from './replica-apply';
import { appReplicaRegistry, type ReplicaRegistry } from './replica-tables';
import { writeSyncState } from './sync-state';

const totalChangesOf = perConnection((db) => db.$client.prepare<[], number>('SELECT total_changes()').pluck());

// A slice of a rebase runs this long before the main loop gets a turn (bench:main-loop measures the blocks).
const SLICE_MS = 8;
// Rows of a step run between two looks at the clock.
const ROWS_PER_LOOK = 32;

/**
 * Ends a slice of work when its time is up and lets the main loop run (timers, IPC, the window's calls)
 * before the next one. A budget of 0 yields at every unit of work (tests count the slices).
 */
export class Pace {
  private since = performance.now();
  /** Slices run so far: one more at each yield. */
  slices = 1;

  constructor(private readonly sliceMs = SLICE_MS) {}

  /** Yields if the slice's time is up; answers whether it did. */
  async breathe(): Promise<boolean> {
    if (performance.now() - this.since < this.sliceMs) return false;
    await yieldToLoop();
    this.slices++;
    this.since = performance.now();
    return true;
  }
}

/** Between two units of work: a yield to the main loop when the slice's time is up. */
type Breathe = () => Promise<void>;

/** `runSteps`, a few rows at a time, with a breath between. */
async function runStepsPaced(db: ReplicaDb, steps: readonly Step[], breathe: Breathe): Promise<void> {
  for (const step of steps) {
    for (let start = 0; start < step.rows.length; start += ROWS_PER_LOOK) {
      runSteps(db.$client, [{ sql: step.sql, rows: step.rows.slice(start, start + ROWS_PER_LOOK) }]);
      await breathe();
    }
  }
}

/** Takes every pending mutation's optimistic effect back out, newest first, leaving the server's rows. */
async function undoPending(db: ReplicaDb, repos: Repositories, registry: ReplicaRegistry, breathe: Breathe): Promise<void> {
  for (const mutation of repos.outbox.newestFirst()) {
    runSteps(db.$client, undoSteps([...mutation.undo].reverse(), registry));
    await breathe();
  }
}

/**
 * Re-runs the mutations the server has not ruled on yet over the server's rows, with fresh undo images.
 * One that no longer applies here keeps its place in the outbox without effect: the server decides, and a
 * refusal reaches the sync inbox.
 */
async function replayPending(db: ReplicaDb, repos: Repositories, registry: ReplicaRegistry, breathe: Breathe): Promise<void> {
  for (const mutation of repos.outbox.oldestFirst()) {
    const agent = repos.reference.agent(mutation.agentId);
    const write = new TrackedWriter(db);
    if (agent !== null) {
      const replay = db.$client.transaction(() => {
        const ctx = { agent, now: new Date(mutation.createdAt), read: replicaReader(repos, db, registry) };
        const decision = registry.sync.decide(ctx, mutation.name, mutation.args);
        applyEffects(write, repos, decision.effects as Effect[], registry);
      });
      try {
        replay();
      } catch (error) {
        // A refused replay keeps its place; a damaged file is no refusal (db/damage-marker.ts).
        if (damageCode(error) !== null) throw error;
        write.undo.length = 0;
      }
    }
    repos.outbox.setUndo(mutation.mutationId, write.undo);
    await breathe();
  }
}

/**
 * Each page as it is committed (`SyncPageEvent`), for tests and benchmarks: nothing is published, nor built,
 * unless someone subscribes.
 */
export const syncPageChannel = diagnostics.channel('guichet:sync-page');

export interface SyncPageEvent {
  /** Rows the page's transaction wrote: pending effects undone and replayed, the page's own, the outbox. */
  rows: number;
  /** The page cache was bounded while it was applied (bounded-cache.ts). */
  cacheBounded: boolean;
  /** It committed without the automatic checkpoint, left to a thread (off-thread-checkpoint.ts). */
  checkpointDeferred: boolean;
}

/** How a page commits: `commit` runs the COMMIT; true when the checkpoint was left for later. */
export type PageCommit = (commit: () => void, rowsWritten: number) => boolean;

/** A pull page as the rebase applies it: its rows already validated and turned into steps (page-slices.ts). */
export type PageToApply = Pick<PullPatch, 'cursor' | 'scope' | 'bootstrap' | 'lastMutationId' | 'more'> & { steps: readonly Step[] };

/**
 * Applies one pull page in one SQLite transaction: undo pending effects, apply the server's patch, drop the
 * mutations the server has ruled on, re-run the rest, and move the cursor with the rows it describes.
 * `heardUpTo`: the last mutation whose push answer was read; those after it stay (a refusal the server
 * recorded while its answer was lost must still reach the sync inbox, from the resend's answer).
 *
 * The transaction stays open across slices (`pace`): after days offline the undo and replay of two thousand
 * mutations held the main loop for a third of a second in one go. Committing each slice instead would show
 * queries a replica without the agent's own pending changes, or with half a page; so between slices the
 * replica is off limits to everyone else on this connection: the engine's `settled()` says when a page is
 * in (tRPC procedures await it), and nothing of the sync service writes meanwhile. A failure rolls the
 * whole page back, pending effects included. A large page bounds the page cache meanwhile, so that its
 * COMMIT has little left to write (bounded-cache.ts).
 */
export async function rebase(
  db: ReplicaDb,
  repos: Repositories,
  page: PageToApply,
  at: Date,
  options: { heardUpTo?: number; pace?: Pace; commit?: PageCommit; registry?: ReplicaRegistry } = {},
): Promise<void> {
  const pace = options.pace ?? new Pace();
  const registry = options.registry ?? appReplicaRegistry;
  const acknowledged = Math.min(page.lastMutationId, options.heardUpTo ?? Number.POSITIVE_INFINITY);
  const client = db.$client;
  const totalChanges = totalChangesOf(db);
  client.exec('BEGIN');
  const changesBefore = totalChanges.get() as number;
  const written = () => (totalChanges.get() as number) - changesBefore;
  // Each pending mutation is undone and maybe replayed: rows written besides the page's own.
  const pending = repos.outbox.count();
  const cache = new PageCacheBound(client, written, pending + page.steps.reduce((rows, step) => rows + step.rows.length, 0));
  const breathe = async () => {
    if (await pace.breathe()) cache.check();
  };
  try {
    await undoPending(db, repos, registry, breathe);
    await runStepsPaced(db, page.steps, breathe);
    repos.outbox.acknowledgeUpTo(acknowledged);
    await replayPending(db, repos, registry, breathe);
    writeSyncState(db, {
      cursor: page.cursor,
      scope: page.scope,
      bootstrap: page.bootstrap,
      acknowledged,
      lastSyncAt: page.more ? undefined : at.toISOString(),
    });
    const rows = written();
    const commit = () => client.exec('COMMIT');
    let checkpointDeferred = false;
    if (options.commit === undefined) commit();
    else checkpointDeferred = options.commit(commit, rows);
    if (syncPageChannel.hasSubscribers)
      syncPageChannel.publish({ rows, cacheBounded: cache.bounded, checkpointDeferred } satisfies SyncPageEvent);
  } catch (error) {
    // A connection closed meanwhile (shutdown) rolled back on its own.
    if (client.open && client.inTransaction) client.exec('ROLLBACK');
    throw error;
  } finally {
    cache.restore();
  }
}

/** The cursor is too old to catch up: rebuild from empty, keeping the outbox to push again. */
export function resetReplica(db: ReplicaDb, registry: ReplicaRegistry = appReplicaRegistry): void {
  db.$client.transaction(() => {
    for (const mutation of createOutboxRepository(db).newestFirst())
      runSteps(db.$client, undoSteps([...mutation.undo].reverse(), registry));
    clearReplicatedRows(db, registry);
    writeSyncState(db, { cursor: null, scope: null, bootstrap: null });
  })();
}
