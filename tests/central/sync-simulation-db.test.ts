import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeed } from '../sim/simulation';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { pgSimServer } from './support/pg-sim-server';

// A share of the simulation's seeds on the real databases (the in-memory store runs hundreds in
// tests/sim): the PostgreSQL store must keep every invariant the in-memory one does.
const SEEDS = Number(process.env.SIM_DB_SEEDS ?? 16);

describe.each(dbKinds)('sync simulation on %s', (kind) => {
  let testDb: CentralTestDb;
  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
  });
  afterAll(async () => {
    await testDb.close();
  });

  it(`converges on ${SEEDS} seeds`, async () => {
    const failures: string[] = [];
    let applied = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      await testDb.resetTables();
      const report = await runSeed(seed, { server: pgSimServer(testDb.db), steps: 80 });
      applied += report.stats.applied;
      if (report.violations.length > 0) failures.push(`seed ${seed}: ${report.violations.slice(0, 5).join(' | ')}`);
    }
    expect(failures).toEqual([]);
    expect(applied).toBeGreaterThan(SEEDS * 5);
  }, 600_000);
});
