import { v7 as uuidv7 } from 'uuid';
import type { ReplicaDb } from '../db/open-replica';
import { perConnection } from '../db/per-connection';

/**
 * Local facts kept in `_meta`, read and written inside the caller's transaction. Every sync and every
 * request reads a few (cursor, scope, token): the statements are prepared once per connection instead of
 * built and prepared again at each call.
 */
/** Sets a key (also run as a step by the sync, which writes its state with the rows). */
export const META_UPSERT = 'INSERT INTO _meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value';

const metaStatementsOf = perConnection((db) => ({
  read: db.$client.prepare<[string], { value: string }>('SELECT value FROM _meta WHERE key = ?'),
  write: db.$client.prepare<[string, string]>(META_UPSERT),
  remove: db.$client.prepare<[string]>('DELETE FROM _meta WHERE key = ?'),
}));

export function readMeta(db: ReplicaDb, key: string): string | null {
  return metaStatementsOf(db).read.get(key)?.value ?? null;
}

export function writeMeta(db: ReplicaDb, key: string, value: string | null): void {
  if (value === null) metaStatementsOf(db).remove.run(key);
  else metaStatementsOf(db).write.run(key, value);
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
