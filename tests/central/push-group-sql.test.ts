import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { fail } from '../../src-shared/errors';
import { dbKinds, useCentralTestDb } from './support/central-test-db';

/** A service write's own SQL (PushTx.sql) shares its member's fate in a push group: kept with it, undone with it. */
describe.each(dbKinds)('SQL of a push member (%s)', (kind) => {
  const testDb = useCentralTestDb(kind);

  it('rolls back a refused member’s SQL and keeps its neighbours’ in the same group', async () => {
    const db = testDb().db;
    await db.execute(sql`CREATE TABLE IF NOT EXISTS member_marks (name text PRIMARY KEY)`);
    await db.execute(sql`TRUNCATE member_marks`);
    let groups: number[] = [];
    const store = createPgSyncStore(db, { onGroup: (members) => groups.push(members) });
    const member = (name: string, refuse: boolean) =>
      store.push(async (tx) => {
        const own = await tx.sql!();
        await own.execute(sql`INSERT INTO member_marks (name) VALUES (${name})`);
        // Asked twice, one savepoint: the second call returns the same transaction.
        await (await tx.sql!()).execute(sql`INSERT INTO member_marks (name) VALUES (${`${name}-again`})`);
        if (refuse) throw fail('SURVEY_TOKEN_USED');
        return name;
      });
    groups = [];
    const outcomes = await Promise.allSettled([
      member('a', false),
      member('b', true),
      member('c', false),
      member('d', true),
      member('e', false),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    // The first ran alone, the four others waited and ran as one group.
    expect(groups).toEqual([1, 4]);
    const rows = ((await db.execute(sql`SELECT name FROM member_marks ORDER BY name`)) as unknown as { rows: { name: string }[] }).rows;
    expect(rows.map((row) => row.name)).toEqual(['a', 'a-again', 'c', 'c-again', 'e', 'e-again']);
  });
});
