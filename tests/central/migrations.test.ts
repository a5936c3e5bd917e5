import { sql } from 'drizzle-orm';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCentralMigrations } from '../../src-central/db/migrations';
import { currentVersion, nextVersion } from '../../src-central/db/versions';
import { isGuichetError } from '../../src-shared/errors';
import { centralMigrationsDir, createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

/** A copy of the committed migrations the test may alter. */
function migrationsCopy(): string {
  const folder = mkdtempSync(join(tmpdir(), 'guichet-migrations-'));
  cpSync(centralMigrationsDir, folder, { recursive: true });
  return folder;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe.each(dbKinds)('central migrations on %s', (kind) => {
  let testDb: CentralTestDb;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind, migrate: false });
  });
  afterAll(async () => {
    await testDb.close();
  });

  it('applies every committed migration once, then nothing', async () => {
    const journal = JSON.parse(readFileSync(join(centralMigrationsDir, 'meta', '_journal.json'), 'utf8')) as Journal;
    expect(await applyCentralMigrations(testDb.db, centralMigrationsDir)).toEqual({
      applied: journal.entries.length,
      total: journal.entries.length,
    });
    expect(await applyCentralMigrations(testDb.db, centralMigrationsDir)).toEqual({ applied: 0, total: journal.entries.length });
  });

  it('creates the schema the sync relies on, with the counter row in place', async () => {
    await applyCentralMigrations(testDb.db, centralMigrationsDir);
    await testDb.db.execute(sql`update sync_counter set version = 0`);
    expect(await currentVersion(testDb.db)).toBe(0);
    const versions = await testDb.db.transaction(async (tx) => [await nextVersion(tx), await nextVersion(tx)]);
    expect(versions).toEqual([1, 2]);
    expect(await currentVersion(testDb.db)).toBe(2);
    await expect(testDb.db.execute(sql`insert into sync_counter (id, version) values (2, 0)`)).rejects.toThrow();
    await expect(
      testDb.db.execute(
        sql`insert into mutation_log (client_id, mutation_id, agent_id, name, args, outcome, created_at)
            values (gen_random_uuid(), 1, gen_random_uuid(), 'x', '{}', 'lost', now())`,
      ),
    ).rejects.toThrow();
  });

  it('refuses a database whose applied migration differs from the code', async () => {
    await applyCentralMigrations(testDb.db, centralMigrationsDir);
    const folder = migrationsCopy();
    const first = join(folder, '0000_init.sql');
    writeFileSync(first, `${readFileSync(first, 'utf8')}\n-- edited after shipping\n`);
    const error = await rejection(applyCentralMigrations(testDb.db, folder));
    expect(isGuichetError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'CENTRAL_MIGRATION_DIVERGED',
      args: { detail: 'migration #1 differs from the one applied to this database' },
    });
  });

  it('refuses a database migrated by a newer version', async () => {
    await applyCentralMigrations(testDb.db, centralMigrationsDir);
    const folder = migrationsCopy();
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as Journal;
    const applied = journal.entries.length;
    journal.entries = journal.entries.slice(0, 1);
    writeFileSync(journalFile, JSON.stringify(journal));
    const error = await rejection(applyCentralMigrations(testDb.db, folder));
    expect(isGuichetError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'CENTRAL_MIGRATION_DIVERGED',
      args: { detail: `the database has ${applied} migrations applied, this version knows 1` },
    });
  });

  it('applies a new migration on top of the shipped history', async () => {
    const folder = migrationsCopy();
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as Journal;
    const last = journal.entries.at(-1) as Journal['entries'][number];
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_test_extra' });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(join(folder, '9999_test_extra.sql'), 'CREATE TABLE "test_extra" ("id" integer PRIMARY KEY);');
    expect(await applyCentralMigrations(testDb.db, folder)).toMatchObject({ applied: 1 });
    await testDb.db.execute(sql`insert into test_extra (id) values (1)`);
  });
});
