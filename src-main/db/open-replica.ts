import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyExtraMigrations, applyMigrations, type ExtraMigration } from './migrations';
import { assertIntact, damageOr, recordKeyCheck, unreadableReplica } from './replica-damage';
import * as schema from './schema';

export type ReplicaDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface Replica {
  db: ReplicaDb;
  close(): void;
}

export interface OpenReplicaOptions {
  /** A file path, or ':memory:' for throw-away replicas. */
  file: string;
  /** 32-byte key: the replica is encrypted at rest (ChaCha20-Poly1305, sqlite3mc's default cipher). */
  key: Buffer;
  migrationsFolder: string;
  /** Applied after the app's: an injected registry's extra tables (src-main/sync/replica-tables.ts). */
  extraMigrations?: readonly ExtraMigration[];
  /** Files up to this size are read whole at start (FULL_CHECK_MAX_BYTES); tests lower it to act as a large file. */
  fullCheckMaxBytes?: number | undefined;
}

/**
 * Opens (or creates) the replica. A file that does not open throws `REPLICA_KEY_INVALID` when the key is
 * wrong (or cannot be told from a wrong one), `REPLICA_DAMAGED` when the file is damaged: cut short, a page
 * overwritten (see replica-damage.ts; the core then moves it aside and rebuilds, damaged-replica.ts).
 */
export function openReplica(options: OpenReplicaOptions): Replica {
  if (options.key.length !== 32) throw new Error('The replica key must be 32 bytes');
  const onDisk = options.file !== ':memory:';
  if (onDisk) mkdirSync(dirname(options.file), { recursive: true });
  const client = new Database(options.file);
  try {
    // An in-memory replica (tests) never touches the disk, and sqlite3mc refuses a key for it.
    if (onDisk) client.pragma(`hexkey='${options.key.toString('hex')}'`);
    try {
      // The first read proves the key opens the file (a wrong key reads as "not a database").
      client.pragma('schema_version');
    } catch (error) {
      throw unreadableReplica(error, options.file, options.key);
    }
    client.pragma('journal_mode = WAL');
    client.pragma('synchronous = NORMAL');
    client.pragma('foreign_keys = ON');
    client.pragma('busy_timeout = 5000');
    client.pragma('cache_size = -65536');
    client.pragma('temp_store = MEMORY');
    // A log grown large (a first sync's writer checkpoints every ~200 MB) is cut back when it restarts.
    client.pragma('journal_size_limit = 67108864');
    if (onDisk) assertIntact(client, options.file, options.fullCheckMaxBytes);
    const db = drizzle({ client, schema });
    applyMigrations(db, options.migrationsFolder);
    applyExtraMigrations(db, options.extraMigrations ?? []);
    if (onDisk) recordKeyCheck(options.file, options.key);
    return { db, close: () => client.close() };
  } catch (error) {
    client.close();
    throw damageOr(error, options.file);
  }
}
