import { asc, count, gt, sql } from 'drizzle-orm';
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

// Read at every sync, before each push batch.
const batchAfter = perConnection((db) =>
  db
    .select()
    .from(pendingMutations)
    .where(gt(pendingMutations.mutationId, sql.placeholder('after')))
    .orderBy(asc(pendingMutations.mutationId))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

/** The outbox (`_pending`): the mutations applied here and not yet brought back by a pull, oldest first. */
export function createOutboxRepository(db: ReplicaDb) {
  return {
    /** Up to `limit` mutations after `after`, in order (one push batch). */
    batchAfter: (after: number, limit: number): PendingMutation[] => batchAfter(db).all({ after, limit }),
    count: (): number => db.select({ n: count() }).from(pendingMutations).get()?.n ?? 0,
    isEmpty: (): boolean => db.select({ id: pendingMutations.mutationId }).from(pendingMutations).limit(1).get() === undefined,
    /** The agent of the oldest waiting mutation (a replica's owner before owners were recorded). */
    firstAgentId: (): string | null =>
      db.select({ agentId: pendingMutations.agentId }).from(pendingMutations).orderBy(asc(pendingMutations.mutationId)).limit(1).get()
        ?.agentId ?? null,
    all: (): PendingMutation[] => db.select().from(pendingMutations).orderBy(asc(pendingMutations.mutationId)).all(),
    append(row: PendingMutation): void {
      db.insert(pendingMutations).values(row).run();
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
