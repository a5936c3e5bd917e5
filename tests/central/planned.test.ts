import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { planned, textStatements } from '../../src-central/db/planned';
import { syncCounter } from '../../src-central/db/schema';
import { dbKinds, useCentralTestDb } from './support/central-test-db';

// What a literal written into PGlite's EXECUTE must survive: quotes, backslashes, JSON, braces, non-ASCII.
const awkward = [`l'Hôtel de "Ville"`, 'C:\\dossiers\\n°12', '{"a":"\\\\\'x\'","b":[1,2]}', 'ÉÈ€😀', '', "''\\'"];

describe.each(dbKinds)('statements planned once on %s', (kind) => {
  const testDb = useCentralTestDb(kind);

  it('gives back every argument as it was given, whatever characters it holds', async () => {
    const echo = planned<{ text: string; list: string[]; n: string; flag: boolean; nothing: string | null }>(
      testDb().db,
      'guichet_test_echo',
      (db) =>
        db
          .select({
            text: sql<string>`${sql.placeholder('text')}::text`.as('text'),
            list: sql<string[]>`${sql.placeholder('list')}::text[]`.as('list'),
            n: sql<string>`(${sql.placeholder('n')}::float8)::text`.as('n'),
            flag: sql<boolean>`${sql.placeholder('flag')}::boolean`.as('flag'),
            nothing: sql<string | null>`${sql.placeholder('nothing')}::text`.as('nothing'),
          })
          .from(syncCounter),
    );
    for (const text of awkward) {
      const [row] = await echo.execute({ text, list: [text, 'a,b', '{c}', 'NULL'], n: -12.5, flag: true, nothing: null });
      expect(row).toEqual({ text, list: [text, 'a,b', '{c}', 'NULL'], n: '-12.5', flag: true, nothing: null });
    }
  });

  it('prepares once when first used by several at the same time', async () => {
    const version = planned<{ version: number }>(testDb().db, 'guichet_test_version', (db) =>
      db.select({ version: syncCounter.version }).from(syncCounter),
    );
    const rows = await Promise.all(Array.from({ length: 5 }, () => version.execute({})));
    expect(rows.map((found) => found.map((row) => Number(row.version)))).toEqual(Array.from({ length: 5 }, () => [0]));
  });

  it('runs statements built as text, the same text again and more distinct ones than it keeps', async () => {
    const run = textStatements(testDb().db);
    const db = testDb().db;
    await db.execute(sql`create temporary table planned_echo (n int, t text)`);
    const insert = (n: number, t: string) => {
      // One text per n (a shape), the value a parameter.
      const query = { sql: `insert into planned_echo (n, t) values (${n}, $1)`, params: [t] };
      return run(query, db, () => db.execute(sql.raw(`insert into planned_echo (n, t) values (${n}, '${t.replace(/'/g, "''")}')`)));
    };
    for (let n = 0; n < 70; n++) await insert(n, awkward[n % awkward.length] as string);
    await insert(0, 'encore');
    await insert(69, "l'autre");
    const result = await db.execute(sql`select n, t from planned_echo order by n, t`);
    const rows = (result as unknown as { rows: { n: number; t: string }[] }).rows;
    expect(rows).toHaveLength(72);
    expect(
      rows
        .filter((row) => row.n === 0)
        .map((row) => row.t)
        .sort(),
    ).toEqual([awkward[0], 'encore'].sort());
    expect(
      rows
        .filter((row) => row.n === 69)
        .map((row) => row.t)
        .sort(),
    ).toEqual([awkward[69 % awkward.length], "l'autre"].sort());
    for (const row of rows.filter((candidate) => candidate.n > 0 && candidate.n < 69)) expect(row.t).toBe(awkward[row.n % awkward.length]);
  });
});
