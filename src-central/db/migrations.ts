import { sql } from 'drizzle-orm';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { bigint, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import { fail } from '../../src-shared/errors';
import type { CentralDb } from './central-db-types';

/** drizzle-kit's own bookkeeping table, kept as is so drizzle tooling still reads the history. */
const drizzleSchema = pgSchema('drizzle');
const appliedMigrations = drizzleSchema.table('__drizzle_migrations', {
  id: serial('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }),
});

/** Any constant: instances starting together on one PostgreSQL take turns to migrate. */
const migrationLock = 0x6775_6963;

export interface MigrationReport {
  /** Migrations this call applied (0 when the database was up to date). */
  applied: number;
  total: number;
}

/**
 * Applies the committed migrations after checking that what the database already applied is a prefix of
 * them (same hashes, same order). A database migrated by another version of the code (an edited migration,
 * a newer service) is refused rather than patched. The check and the migrations run in one transaction
 * holding an advisory lock, so two instances starting at once neither race nor half-apply.
 */
export async function applyCentralMigrations(db: CentralDb, migrationsFolder: string): Promise<MigrationReport> {
  const expected = readMigrationFiles({ migrationsFolder });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${migrationLock})`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(
      sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
    );
    const applied = await tx.select().from(appliedMigrations).orderBy(appliedMigrations.id);
    checkPrefix(applied, expected);
    const pending = expected.slice(applied.length);
    for (const migration of pending) {
      for (const statement of migration.sql) {
        if (statement.trim() !== '') await tx.execute(sql.raw(statement));
      }
      await tx.insert(appliedMigrations).values({ hash: migration.hash, createdAt: migration.folderMillis });
    }
    return { applied: pending.length, total: expected.length };
  });
}

function checkPrefix(applied: { hash: string; createdAt: number | null }[], expected: MigrationMeta[]): void {
  if (applied.length > expected.length) {
    throw fail('CENTRAL_MIGRATION_DIVERGED', {
      detail: `the database has ${applied.length} migrations applied, this version knows ${expected.length}`,
    });
  }
  applied.forEach((row, index) => {
    const migration = expected[index];
    if (migration === undefined || migration.hash !== row.hash || migration.folderMillis !== Number(row.createdAt)) {
      throw fail('CENTRAL_MIGRATION_DIVERGED', {
        detail: `migration #${index + 1} differs from the one applied to this database`,
      });
    }
  });
}

/** A migration an injected registry's extra tables need (tests/fixtures/notice-board), applied after the app's. */
export interface ExtraMigration {
  /** Unique and stable: the database records it once applied. */
  name: string;
  statements: readonly string[];
}

/**
 * Applies the extra migrations not applied yet, after checking that those applied are a prefix of them, in
 * one transaction under the same advisory lock. Their record is a table of its own, created only when a
 * registry brings any: the app's history stays drizzle's alone.
 */
export async function applyExtraMigrations(db: CentralDb, migrations: readonly ExtraMigration[]): Promise<number> {
  if (migrations.length === 0) return 0;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${migrationLock})`);
    await tx.execute(sql`create table if not exists guichet_extra_migrations (position integer primary key, name text not null)`);
    const applied = (await tx.execute(sql`select name from guichet_extra_migrations order by position`)) as unknown as {
      rows: { name: string }[];
    };
    applied.rows.forEach((row, index) => {
      if (migrations[index]?.name !== row.name) {
        throw fail('CENTRAL_MIGRATION_DIVERGED', { detail: `extra migration #${index + 1} differs from the one applied` });
      }
    });
    const pending = migrations.slice(applied.rows.length);
    for (const [offset, migration] of pending.entries()) {
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(
        sql`insert into guichet_extra_migrations (position, name) values (${applied.rows.length + offset}, ${migration.name})`,
      );
    }
    return pending.length;
  });
}
