import { asc, count, desc, gt, lt, lte, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { ReplicaDb } from '../db/open-replica';
import { perConnection } from '../db/per-connection';
import { pendingMutations } from '../db/schema';
import { readMeta, writeMeta } from './meta-repository';

export type PendingMutation = typeof pendingMutations.$inferSelect;

/** This replica's identity towards the central service, created once. */
export function clientId(db: ReplicaDb): string {
  const existing = readMeta(db, 'client_id');
  if (existing !== null) return existing;
  const id = uuidv7();
  writeMeta(db, 'client_id', id);
  return id;
}

/**
 * The next mutation id: gap-free per client (1, 2, 3…), so the server can tell a resend from a
 * missing mutation. Kept in `_meta` rather than derived from the outbox, which empties as the server
 * acknowledges.
 */
export function nextMutationId(db: ReplicaDb): number {
  const next = Number(readMeta(db, 'last_mutation_id') ?? '0') + 1;
  writeMeta(db, 'last_mutation_id', String(next));
  return next;
}

// The outbox is read a chunk at a time by a rebase: after days offline, reading two thousand mutations with
// their undo images in one statement held the main loop for tens of milliseconds before the first slice.
const CHUNK = 100;

// Read and written at every sync (push batches, rebases): prepared once per connection.
const statementsOf = perConnection((db) => ({
  after: db
    .select()
    .from(pendingMutations)
    .where(gt(pendingMutations.mutationId, sql.placeholder('after')))
    .orderBy(asc(pendingMutations.mutationId))
    .limit(sql.placeholder('limit'))
    .prepare(),
  newestBefore: db
    .select()
    .from(pendingMutations)
    .where(lt(pendingMutations.mutationId, sql.placeholder('before')))
    .orderBy(desc(pendingMutations.mutationId))
    .limit(CHUNK)
    .prepare(),
  count: db.select({ n: count() }).from(pendingMutations).prepare(),
  acknowledge: db
    .delete(pendingMutations)
    .where(lte(pendingMutations.mutationId, sql.placeholder('upTo')))
    .prepare(),
  // The undo images are JSON, as drizzle's json mode stores them.
  setUndo: db.$client.prepare<[string, number]>('UPDATE _pending SET undo = ? WHERE mutation_id = ?'),
}));

/** The outbox (`_pending`): the mutations applied here and not yet brought back by a pull, oldest first. */
export function createOutboxRepository(db: ReplicaDb) {
  const statements = () => statementsOf(db);
  return {
    /** Up to `limit` mutations after `after`, in order (one push batch). */
    batchAfter: (after: number, limit: number): PendingMutation[] => statements().after.all({ after, limit }),
    /** Every mutation oldest first, a chunk per read (rows already passed may be rewritten meanwhile). */
    *oldestFirst(): Generator<PendingMutation> {
      let after = 0;
      for (;;) {
        const chunk = statements().after.all({ after, limit: CHUNK });
        yield* chunk;
        if (chunk.length < CHUNK) return;
        after = (chunk.at(-1) as PendingMutation).mutationId;
      }
    },
    /** Every mutation newest first, a chunk per read. */
    *newestFirst(): Generator<PendingMutation> {
      let before = Number.MAX_SAFE_INTEGER;
      for (;;) {
        const chunk = statements().newestBefore.all({ before });
        yield* chunk;
        if (chunk.length < CHUNK) return;
        before = (chunk.at(-1) as PendingMutation).mutationId;
      }
    },
    count: (): number => statements().count.get()?.n ?? 0,
    isEmpty: (): boolean => db.select({ id: pendingMutations.mutationId }).from(pendingMutations).limit(1).get() === undefined,
    /** The agent of the oldest waiting mutation (a replica's owner before owners were recorded). */
    firstAgentId: (): string | null => statements().after.all({ after: 0, limit: 1 })[0]?.agentId ?? null,
    all: (): PendingMutation[] => db.select().from(pendingMutations).orderBy(asc(pendingMutations.mutationId)).all(),
    append(row: PendingMutation): void {
      db.insert(pendingMutations).values(row).run();
    },
    /** A replayed mutation's new undo images (the rows it changed this time). */
    setUndo(mutationId: number, undo: PendingMutation['undo']): void {
      statements().setUndo.run(JSON.stringify(undo), mutationId);
    },
    /** The mutations the server has ruled on leave: a pull brought their outcome. */
    acknowledgeUpTo(upTo: number): void {
      statements().acknowledge.run({ upTo });
    },
    /** Puts back mutations taken out whole (a parked outbox). */
    restore(rows: readonly PendingMutation[]): void {
      if (rows.length > 0)
        db.insert(pendingMutations)
          .values([...rows])
          .run();
    },
    clear(): void {
      db.delete(pendingMutations).run();
    },
  };
}
