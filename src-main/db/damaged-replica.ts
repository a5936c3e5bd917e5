import { existsSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import { readAllMeta, writeAllMeta, writeMeta } from '../repositories/meta-repository';
import { openReplica, type Replica } from './open-replica';
import { damageMarkerFile } from './replica-damage';

/**
 * A damaged replica file is moved aside (never deleted: IT support may want it) and a fresh replica is built
 * in its place; the central service fills it again at the next sync (a bootstrap). What can still be read of
 * the damaged file is carried over: the local facts in `_meta` (client identity, session, settings) and the
 * outbox (`_pending`), so the agent's unsent changes still reach the central service, under the same client
 * id and mutation ids: pushes stay gap-free, and a resend is recognised as one.
 */

/** What the workspace tells the agent until they dismiss it (kept in `_meta`, so a restart shows it again). */
export interface ReplicaRecovery {
  /** Where the damaged file now is. */
  file: string;
  at: string;
  /** Pending changes carried over to the new replica. */
  recoveredMutations: number;
  /** Pending changes the damaged file held but that could not be read back. */
  lostMutations: number;
}

export const RECOVERY_META_KEY = 'replica_damaged';

interface PendingRow {
  mutation_id: number;
  client_id: string;
  agent_id: string;
  name: string;
  args: string;
  created_at: string;
}

interface Salvage {
  meta: Map<string, string>;
  pending: PendingRow[];
}

/**
 * `replica.db` → `replica.damaged-2026-12-07T01-30-00-000Z.db`, its -wal and -shm alike (SQLite finds them),
 * and the marker of damage met at runtime (damage-marker.ts): it goes with the file it describes, for IT,
 * and the fresh replica in its place starts without it.
 */
export function moveAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const base = file.replace(/\.db$/, '');
  let target = `${base}.damaged-${stamp}.db`;
  for (let n = 2; existsSync(target); n++) target = `${base}.damaged-${stamp}-${n}.db`;
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  renameSync(file, target);
  if (existsSync(damageMarkerFile(file))) renameSync(damageMarkerFile(file), damageMarkerFile(target));
  return target;
}

/** Each read on its own: one unreadable table or page loses only what it holds. */
function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Read-only first, so the file set aside stays as it was found; read-write when SQLite needs it (a log to replay). */
function salvage(file: string, key: Buffer): Salvage {
  const found = salvageWith(file, key, true);
  return found.meta.size > 0 || found.pending.length > 0 ? found : salvageWith(file, key, false);
}

function salvageWith(file: string, key: Buffer, readonly: boolean): Salvage {
  let client: Database.Database;
  try {
    client = new Database(file, { fileMustExist: true, readonly });
    client.pragma(`hexkey='${key.toString('hex')}'`);
  } catch {
    return { meta: new Map(), pending: [] };
  }
  try {
    const meta = attempt(() => readAllMeta(client), new Map<string, string>());
    const pending = attempt(
      () =>
        client
          .prepare('SELECT mutation_id, client_id, agent_id, name, args, created_at FROM _pending ORDER BY mutation_id')
          .all() as PendingRow[],
      [],
    );
    return { meta, pending };
  } finally {
    attempt(() => client.close(), undefined);
  }
}

/**
 * The outbox carries over only whole: from the first id the server has not ruled on, without a gap, up to
 * the last id handed out. Anything less and pushing under the same ids could skip an id (refused forever) or
 * reuse one the server already holds (answered as a resend of another change): the replica then starts as a
 * new client instead, and the unreadable changes stay in the file moved aside.
 */
function wholeOutbox(found: Salvage): PendingRow[] | null {
  const clientId = found.meta.get('client_id');
  const last = Number(found.meta.get('last_mutation_id') ?? Number.NaN);
  const acknowledged = Number(found.meta.get('sync_acknowledged') ?? '0');
  if (clientId === undefined || !Number.isInteger(last)) return null;
  const pending = found.pending.filter((row) => row.mutation_id > acknowledged);
  if (pending.some((row) => row.client_id !== clientId)) return null;
  const whole = pending.length === last - acknowledged && pending.every((row, index) => row.mutation_id === acknowledged + 1 + index);
  return whole ? pending : null;
}

/** Local facts carried over: everything but where the sync stood (the new replica starts from nothing). */
function carriedMeta(found: Salvage, keepIdentity: boolean): [string, string][] {
  const identity = new Set(['client_id', 'last_mutation_id']);
  return [...found.meta].filter(([key]) => !key.startsWith('sync_') && key !== RECOVERY_META_KEY && (keepIdentity || !identity.has(key)));
}

function restore(replica: Replica, found: Salvage, recovery: ReplicaRecovery): void {
  const outbox = wholeOutbox(found);
  const client = replica.db.$client;
  client.transaction(() => {
    writeAllMeta(client, carriedMeta(found, outbox !== null));
    // The effects will be replayed on the server's rows after the first pull: nothing to undo until then.
    const insert = client.prepare(
      "INSERT INTO _pending (mutation_id, client_id, agent_id, name, args, created_at, undo) VALUES (?, ?, ?, ?, ?, ?, '[]')",
    );
    for (const row of outbox ?? []) insert.run(row.mutation_id, row.client_id, row.agent_id, row.name, row.args, row.created_at);
    writeMeta(replica.db, RECOVERY_META_KEY, JSON.stringify(recovery));
  })();
}

export interface RecoverOptions {
  file: string;
  key: Buffer;
  migrationsFolder: string;
  now?: Date;
}

/** Moves the damaged file aside, opens a fresh replica in its place and carries over what could be read. */
export function recoverDamagedReplica(options: RecoverOptions): { replica: Replica; recovery: ReplicaRecovery } {
  const now = options.now ?? new Date();
  const movedTo = moveAside(options.file, now);
  const found = salvage(movedTo, options.key);
  const outbox = wholeOutbox(found);
  const held = Math.max(
    found.pending.length,
    Number(found.meta.get('last_mutation_id') ?? '0') - Number(found.meta.get('sync_acknowledged') ?? '0'),
  );
  const recovery: ReplicaRecovery = {
    file: movedTo,
    at: now.toISOString(),
    recoveredMutations: outbox?.length ?? 0,
    lostMutations: Math.max(0, held - (outbox?.length ?? 0)),
  };
  const replica = openReplica({ file: options.file, key: options.key, migrationsFolder: options.migrationsFolder });
  try {
    restore(replica, found, recovery);
  } catch (error) {
    replica.close();
    throw error;
  }
  return { replica, recovery };
}
