import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fail } from '../../src-shared/errors';
import type { ReplicaDb } from './open-replica';

interface AppliedMigration {
  hash: string;
  created_at: number;
}

/**
 * Applies the committed migrations, after checking that what the database already applied is a
 * prefix of them. A replica written by another version of the code (an edited migration, or a
 * newer app) is refused rather than patched: its data may not mean what this code thinks.
 */
export function applyMigrations(db: ReplicaDb, migrationsFolder: string): void {
  const expected = readMigrationFiles({ migrationsFolder });
  const applied = readApplied(db);
  if (applied.length > expected.length) {
    throw fail('REPLICA_MIGRATION_DIVERGED', {
      detail: `the replica has ${applied.length} migrations applied, this version knows ${expected.length}`,
    });
  }
  applied.forEach((row, index) => {
    const migration = expected[index];
    if (migration === undefined || migration.hash !== row.hash || migration.folderMillis !== Number(row.created_at)) {
      throw fail('REPLICA_MIGRATION_DIVERGED', {
        detail: `migration #${index + 1} differs from the one applied to this replica`,
      });
    }
  });
  migrate(db, { migrationsFolder });
}

function readApplied(db: ReplicaDb): AppliedMigration[] {
  const table = db.$client.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
  if (table === undefined) return [];
  return db.$client.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY rowid').all() as AppliedMigration[];
}

/** A migration an injected registry's extra tables need (tests/fixtures/notice-board), applied after the app's. */
export interface ExtraMigration {
  /** Unique and stable: the replica records it once applied. */
  name: string;
  statements: readonly string[];
}

/**
 * Applies the extra migrations not applied yet, after checking that those applied are a prefix of them, in
 * one transaction. Their record is a table of its own, created only when a registry brings any.
 */
export function applyExtraMigrations(db: ReplicaDb, migrations: readonly ExtraMigration[]): void {
  if (migrations.length === 0) return;
  const client = db.$client;
  client.transaction(() => {
    client.exec('CREATE TABLE IF NOT EXISTS _extra_migrations (position INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    const applied = client.prepare('SELECT name FROM _extra_migrations ORDER BY position').pluck().all() as string[];
    applied.forEach((name, index) => {
      if (migrations[index]?.name !== name) {
        throw fail('REPLICA_MIGRATION_DIVERGED', { detail: `extra migration #${index + 1} differs from the one applied` });
      }
    });
    migrations.slice(applied.length).forEach((migration, offset) => {
      for (const statement of migration.statements) client.exec(statement);
      client.prepare('INSERT INTO _extra_migrations (position, name) VALUES (?, ?)').run(applied.length + offset, migration.name);
    });
  })();
}
