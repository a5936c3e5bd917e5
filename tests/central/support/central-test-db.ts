import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { pino } from 'pino';
import type { CentralDatabase, CentralDb, CentralDbKind } from '../../../src-central/db/central-db-types';
import { applyCentralMigrations } from '../../../src-central/db/migrations';
import { openCentralDb } from '../../../src-central/db/open-central-db';
import * as schema from '../../../src-central/db/schema';

export const centralMigrationsDir = join(import.meta.dirname, '..', '..', '..', 'drizzle', 'central');

/** Both kinds, for `describe.each(dbKinds)`: every central suite runs on PGlite and on PostgreSQL. */
export const dbKinds: CentralDbKind[] = ['pglite', 'postgres'];

/** The server's admin connection: DATABASE_URL (CI) or the local default. */
export const adminDatabaseUrl = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

export const silentLogger = pino({ level: 'silent' });

export interface CentralTestDb {
  kind: CentralDbKind;
  database: CentralDatabase;
  db: CentralDb;
  /** The PostgreSQL URL of this test database (null on PGlite), to open more instances on it. */
  url: string | null;
  /** Empties every table and rewinds the version counter: the state right after migrating. */
  resetTables(): Promise<void>;
  close(): Promise<void>;
}

export interface TestDbOptions {
  kind: CentralDbKind;
  /** False leaves the database empty (migration tests). */
  migrate?: boolean;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * One database per test file (PGlite takes seconds to create): in memory for PGlite, a fresh
 * `guichet_test_<random>` database on the PostgreSQL server, dropped by `close()`.
 */
export async function createCentralTestDb(options: TestDbOptions): Promise<CentralTestDb> {
  let url: string | null = null;
  let dropDatabase = async (): Promise<void> => undefined;
  if (options.kind === 'postgres') {
    const name = `guichet_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const target = new URL(adminDatabaseUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    dropDatabase = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const database = await openCentralDb({ databaseUrl: url, pgliteDir: null, databasePoolSize: 5 }, silentLogger);
  if (options.migrate ?? true) await applyCentralMigrations(database.db, centralMigrationsDir);
  return {
    kind: options.kind,
    database,
    db: database.db,
    url,
    resetTables: () => resetTables(database.db),
    async close() {
      await database.close();
      await dropDatabase();
    },
  };
}

const tableNames = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .filter((name) => name !== 'sync_counter');

async function resetTables(db: CentralDb): Promise<void> {
  await db.execute(sql.raw(`TRUNCATE ${tableNames.map((name) => `"${name}"`).join(', ')} RESTART IDENTITY CASCADE`));
  await db.execute(sql`UPDATE sync_counter SET version = 0, horizon = 0`);
}

/**
 * The test database of the enclosing `describe` (or file): created before its tests, closed after them, its
 * tables emptied before each test (this hook runs before the file's own `beforeEach`). Returns its getter.
 * `createTimeout` is for projects whose default hook timeout is shorter than creating a PGlite database takes.
 */
export function useCentralTestDb(kind: CentralDbKind, createTimeout?: number): () => CentralTestDb {
  let testDb: CentralTestDb | null = null;
  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
  }, createTimeout);
  afterAll(async () => {
    await testDb?.close();
  });
  beforeEach(async () => {
    await testDb?.resetTables();
  });
  return () => {
    if (testDb === null) throw new Error('the test database is created in beforeAll');
    return testDb;
  };
}
