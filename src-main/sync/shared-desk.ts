import type { ReplicaDb } from '../db/open-replica';
import { createAuditRepository } from '../repositories/audit-repository';
import { readMeta, writeMeta, type MetaKey } from '../repositories/meta-repository';
import { createOutboxRepository, type PendingMutation } from '../repositories/outbox-repository';
import { createSyncInboxRepository, type SyncInboxEntry } from '../repositories/sync-inbox-repository';
import { clearReplicatedRows } from './replica-apply';
import { readSyncState, writeSyncState } from './sync-state';

/**
 * Agents sign in one after another at the same desk (docs/security/sessions.md). The replica belongs to
 * one agent at a time, recorded in `_meta` as `replica_agent`: it holds that agent's scope, outbox, sync
 * inbox and client identity. When another agent signs in, all of it leaves before their workspace opens:
 * the previous agent's unsent changes (kept at their sign-out) are parked under their own client identity,
 * out of reach of every procedure, and come back when that agent signs in here again; everything else is
 * wiped and the newcomer bootstraps their own scope under a fresh client id.
 */

const OWNER = 'replica_agent';
const parkedKey = (agentId: string): MetaKey => `parked_outbox:${agentId}`;
// Some agent the replica was filled for before owners were recorded: never the one signing in.
const UNKNOWN_OWNER = '?';

/** An agent's outbox set aside while another agent works at this desk. */
interface ParkedOutbox {
  clientId: string;
  lastMutationId: string;
  pending: PendingMutation[];
  inbox: SyncInboxEntry[];
}

/** The agent whose data the replica holds, or null for an empty replica. */
export function replicaOwner(db: ReplicaDb): string | null {
  const recorded = readMeta(db, OWNER);
  if (recorded !== null) return recorded;
  const pending = createOutboxRepository(db).firstAgentId();
  if (pending !== null) return pending;
  return readSyncState(db).cursor === null ? null : UNKNOWN_OWNER;
}

/** How many changes of this agent's are parked on this desk (kept at a sign-out, waiting for them). */
export function parkedCount(db: ReplicaDb, agentId: string): number {
  const stored = readMeta(db, parkedKey(agentId));
  return stored === null ? 0 : (JSON.parse(stored) as ParkedOutbox).pending.length;
}

/**
 * Makes the replica `agentId`'s, in the caller's transaction. Returns true when it changed hands (the sync
 * engine must then forget its cached client id), false when it was already theirs or empty.
 */
export function takeReplica(db: ReplicaDb, agentId: string): boolean {
  const owner = replicaOwner(db);
  writeMeta(db, OWNER, agentId);
  if (owner === agentId || owner === null) return false;
  if (owner !== UNKNOWN_OWNER) park(db, owner);
  wipe(db);
  restore(db, agentId);
  return true;
}

/** The owner's outbox and open refusals, under their client identity; their optimistic effects go with the rows. */
function park(db: ReplicaDb, owner: string): void {
  const pending = createOutboxRepository(db).all();
  const inbox = createSyncInboxRepository(db).open();
  const clientId = readMeta(db, 'client_id');
  if (pending.length === 0 && inbox.length === 0) return;
  if (clientId === null) return;
  // The rows they were applied to are wiped: restored, they replay on the owner's fresh bootstrap.
  const parked: ParkedOutbox = {
    clientId,
    lastMutationId: readMeta(db, 'last_mutation_id') ?? '0',
    pending: pending.map((row) => ({ ...row, undo: [] })),
    inbox,
  };
  writeMeta(db, parkedKey(owner), JSON.stringify(parked));
}

/** Nothing of the previous agent stays readable: rows, local audit, inbox, outbox, cursor, client identity. */
function wipe(db: ReplicaDb): void {
  clearReplicatedRows(db);
  // A contentless index keeps the words of deleted rows until its segments merge: empty it outright.
  for (const index of ['citizens_fts', 'cases_fts']) db.$client.prepare(`INSERT INTO ${index}(${index}) VALUES ('delete-all')`).run();
  createAuditRepository(db).clear();
  createSyncInboxRepository(db).clear();
  createOutboxRepository(db).clear();
  writeSyncState(db, { cursor: null, scope: null, bootstrap: null, lastSyncAt: null });
  writeMeta(db, 'sync_acknowledged', null);
  writeMeta(db, 'client_id', null);
  writeMeta(db, 'last_mutation_id', null);
}

/**
 * After a hand-over, outside its transaction: the pages the previous agent's rows freed still hold their
 * text (readable with the desk's key); rebuilding the file drops them, and the log is cut so no copy stays.
 */
export function scrubFreedPages(db: ReplicaDb): void {
  db.$client.exec('VACUUM');
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
}

function restore(db: ReplicaDb, agentId: string): void {
  const stored = readMeta(db, parkedKey(agentId));
  if (stored === null) return;
  const parked = JSON.parse(stored) as ParkedOutbox;
  writeMeta(db, 'client_id', parked.clientId);
  writeMeta(db, 'last_mutation_id', parked.lastMutationId);
  createOutboxRepository(db).restore(parked.pending);
  createSyncInboxRepository(db).restore(parked.inbox);
  writeMeta(db, parkedKey(agentId), null);
}
