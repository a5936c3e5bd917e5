import { asc, desc, eq, lte, sql } from 'drizzle-orm';
import { decideByName } from '../../src-shared/mutations';
import type { PullPatch } from '../../src-shared/sync';
import type { ReplicaDb } from '../db/open-replica';
import { perConnection } from '../db/per-connection';
import { damageCode } from '../db/replica-damage';
import { pendingMutations } from '../db/schema';
import { applyEffects, replicaReader } from '../mutations/run-mutation';
import type { Repositories } from '../repositories/repositories';
import { TrackedWriter } from '../repositories/tracked-writer';
import { clearReplicatedRows, patchSteps, runSteps, undoSteps } from './replica-apply';
import { writeSyncState } from './sync-state';

const outbox = perConnection((db) => ({
  newestFirst: db.select().from(pendingMutations).orderBy(desc(pendingMutations.mutationId)).prepare(),
  oldestFirst: db.select().from(pendingMutations).orderBy(asc(pendingMutations.mutationId)).prepare(),
  acknowledge: db
    .delete(pendingMutations)
    .where(lte(pendingMutations.mutationId, sql.placeholder('upTo')))
    .prepare(),
}));

/** Takes every pending mutation's optimistic effect back out, newest first, leaving the server's rows. */
function undoPending(db: ReplicaDb): void {
  const pending = outbox(db).newestFirst.all();
  runSteps(db.$client, undoSteps(pending.flatMap((mutation) => [...mutation.undo].reverse())));
}

/**
 * Re-runs the mutations the server has not ruled on yet over the server's rows, with fresh undo images.
 * One that no longer applies here keeps its place in the outbox without effect: the server decides, and a
 * refusal reaches the sync inbox.
 */
function replayPending(db: ReplicaDb, repos: Repositories): void {
  const pending = outbox(db).oldestFirst.all();
  for (const mutation of pending) {
    const agent = repos.reference.agent(mutation.agentId);
    const write = new TrackedWriter(db);
    if (agent !== null) {
      const replay = db.$client.transaction(() => {
        const decision = decideByName(
          { agent, now: new Date(mutation.createdAt), read: replicaReader(repos) },
          mutation.name,
          mutation.args,
        );
        applyEffects(write, repos, decision.effects);
      });
      try {
        replay();
      } catch (error) {
        // A refused replay keeps its place; a damaged file is no refusal (db/damage-marker.ts).
        if (damageCode(error) !== null) throw error;
        write.undo.length = 0;
      }
    }
    db.update(pendingMutations).set({ undo: write.undo }).where(eq(pendingMutations.mutationId, mutation.mutationId)).run();
  }
}

/**
 * Applies one pull page in one SQLite transaction: undo pending effects, apply the server's patch, drop the
 * mutations the server has ruled on, re-run the rest, and move the cursor with the rows it describes.
 * `heardUpTo`: the last mutation whose push answer was read; those after it stay (a refusal the server
 * recorded while its answer was lost must still reach the sync inbox, from the resend's answer).
 */
export function rebase(db: ReplicaDb, repos: Repositories, patch: PullPatch, at: Date, heardUpTo = Number.POSITIVE_INFINITY): void {
  const acknowledged = Math.min(patch.lastMutationId, heardUpTo);
  db.$client.transaction(() => {
    undoPending(db);
    runSteps(db.$client, patchSteps(patch));
    outbox(db).acknowledge.run({ upTo: acknowledged });
    replayPending(db, repos);
    writeSyncState(db, {
      cursor: patch.cursor,
      scope: patch.scope,
      bootstrap: patch.bootstrap,
      acknowledged,
      lastSyncAt: patch.more ? undefined : at.toISOString(),
    });
  })();
}

/** The cursor is too old to catch up: rebuild from empty, keeping the outbox to push again. */
export function resetReplica(db: ReplicaDb): void {
  db.$client.transaction(() => {
    undoPending(db);
    clearReplicatedRows(db);
    writeSyncState(db, { cursor: null, scope: null, bootstrap: null });
  })();
}
