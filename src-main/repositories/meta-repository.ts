import type { ReplicaDb } from '../db/open-replica';
import { perConnection } from '../db/per-connection';

/**
 * Every key of `_meta`, the replica's local facts (never replicated), with what it holds. Read and written
 * inside the caller's transaction.
 */
export type MetaKey =
  /** This replica's identity towards the central service (a UUIDv7), created at its first mutation. */
  | 'client_id'
  /** The last mutation id handed out (gap-free per client). */
  | 'last_mutation_id'
  /** The agent signed in on this workspace (standalone demo and central sign-in alike). */
  | 'agent_id'
  /** The central session's bearer token, and the agent it signed in (JSON), while signed in. */
  | 'central_token'
  | 'central_agent'
  /** Set when the central service ended the session: the sign-in screen says why. */
  | 'session_ended'
  /** The agent whose data the replica holds (shared desks), and the outboxes parked for the others. */
  | 'replica_agent'
  | `parked_outbox:${string}`
  /** Where the sync stands (written with the rows they describe): see sync/sync-state.ts. */
  | 'sync_cursor'
  | 'sync_scope'
  | 'sync_bootstrap'
  | 'sync_acknowledged'
  | 'sync_last_at'
  /** What a bulk bootstrap dropped (indexes, triggers), until it is rebuilt. */
  | 'sync_bulk_bootstrap'
  /** The city's local audit retention, received at sign-in. */
  | 'local_audit_retention_days'
  /** Where citizens reach the central service's public pages (survey links, QR codes), received at sign-in. */
  | 'public_url'
  /** A damaged replica rebuilt at start: what the agent is told until they dismiss it. */
  | 'replica_damaged';

/** A write as a statement and its rows, for callers that batch them with others (the sync's steps). */
export interface MetaStep {
  sql: string;
  rows: unknown[][];
}

const UPSERT = 'INSERT INTO _meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value';
const DELETE = 'DELETE FROM _meta WHERE key = ?';

// Every sync and every request reads a few keys (cursor, scope, token): prepared once per connection.
const statementsOf = perConnection((db) => ({
  read: db.$client.prepare<[string], { value: string }>('SELECT value FROM _meta WHERE key = ?'),
  write: db.$client.prepare<[string, string]>(UPSERT),
  remove: db.$client.prepare<[string]>(DELETE),
}));

export function readMeta(db: ReplicaDb, key: MetaKey): string | null {
  return statementsOf(db).read.get(key)?.value ?? null;
}

/** Sets a key; null removes it. */
export function writeMeta(db: ReplicaDb, key: MetaKey, value: string | null): void {
  if (value === null) statementsOf(db).remove.run(key);
  else statementsOf(db).write.run(key, value);
}

/** The same writes as steps (the sync writes its state in the transaction of the rows it describes). */
export function metaSteps(entries: Partial<Record<MetaKey, string | null>>): MetaStep[] {
  const all = Object.entries(entries) as [MetaKey, string | null][];
  const set = all.filter((entry): entry is [MetaKey, string] => entry[1] !== null);
  const removed = all.filter(([, value]) => value === null).map(([key]) => [key]);
  return [...(set.length === 0 ? [] : [{ sql: UPSERT, rows: set }]), ...(removed.length === 0 ? [] : [{ sql: DELETE, rows: removed }])];
}

/** Every key, on a bare connection (a damaged file's salvage reads what it can). */
export function readAllMeta(client: ReplicaDb['$client']): Map<string, string> {
  const rows = client.prepare('SELECT key, value FROM _meta').all() as { key: string; value: string }[];
  return new Map(rows.map((row) => [row.key, row.value]));
}

/** Sets keys on a bare connection, in the caller's transaction (a rebuilt replica receives the salvaged facts). */
export function writeAllMeta(client: ReplicaDb['$client'], entries: Iterable<[string, string]>): void {
  const upsert = client.prepare<[string, string]>(UPSERT);
  for (const [key, value] of entries) upsert.run(key, value);
}
