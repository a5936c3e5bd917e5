import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { ReplicaDb } from '../db/open-replica';
import { meta } from '../db/schema';

/** Local facts kept in `_meta`, read and written inside the caller's transaction. */
export function readMeta(db: ReplicaDb, key: string): string | null {
  return db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get()?.value ?? null;
}

export function writeMeta(db: ReplicaDb, key: string, value: string | null): void {
  if (value === null) {
    db.delete(meta).where(eq(meta.key, key)).run();
    return;
  }
  db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}

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
