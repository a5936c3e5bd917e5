import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChangeBus, type ChangeBus, type ChangeNotice } from '../../src-central/bus';
import type { CentralDatabase } from '../../src-central/db/central-db-types';
import { openCentralDb } from '../../src-central/db/open-central-db';
import { createCentralTestDb, dbKinds, silentLogger, type CentralTestDb } from './support/central-test-db';

/** Every notice `bus` delivers until one with version `last` (included). */
function noticesUntil(bus: ChangeBus, last: number): Promise<ChangeNotice[]> {
  const seen: ChangeNotice[] = [];
  return new Promise((resolve) => {
    const stop = bus.subscribe((notice) => {
      seen.push(notice);
      if (notice.version !== last) return;
      stop();
      resolve(seen);
    });
  });
}

// A notice published outside a transaction reaches the publishing instance at once, without the round trip
// through the database, and only once: its echo through LISTEN is skipped. Other instances hear it as before.
describe.each(dbKinds)('change notices of this instance on %s', (kind) => {
  let testDb: CentralTestDb;
  let bus: ChangeBus;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
    bus = await createChangeBus(testDb.database, silentLogger);
  });
  afterAll(async () => {
    await bus.close();
    await testDb.close();
  });

  it('delivers before publish returns, and once', async () => {
    const received = noticesUntil(bus, 2);
    let deliveredFirst = false;
    const stop = bus.subscribe((notice) => {
      if (notice.version === 1) deliveredFirst = true;
    });
    const publishing = bus.publish({ departments: ['voirie', 'voirie'], version: 1 });
    expect(deliveredFirst).toBe(true);
    await publishing;
    stop();
    // A notice in a transaction travels through the database, after the first one's echo would have.
    await testDb.db.transaction(async (tx) => bus.publish({ departments: ['etat-civil'], version: 2 }, tx));
    expect(await received).toEqual([
      { departments: ['voirie'], version: 1 },
      { departments: ['etat-civil'], version: 2 },
    ]);
  });
});

describe('change notices between two instances on PostgreSQL', () => {
  let testDb: CentralTestDb;
  let second: CentralDatabase;
  let busA: ChangeBus;
  let busB: ChangeBus;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind: 'postgres' });
    second = await openCentralDb({ databaseUrl: testDb.url, pgliteDir: null, databasePoolSize: 2 }, silentLogger);
    busA = await createChangeBus(testDb.database, silentLogger);
    busB = await createChangeBus(second, silentLogger);
  });
  afterAll(async () => {
    await busA.close();
    await busB.close();
    await second.close();
    await testDb.close();
  });

  it('reaches the other instance once, and the publisher once', async () => {
    const onA = noticesUntil(busA, 8);
    const onB = noticesUntil(busB, 8);
    await busB.publish({ departments: ['voirie'], version: 7 });
    await testDb.db.transaction(async (tx) => busA.publish({ departments: ['voirie'], version: 8 }, tx));
    expect(await onA).toEqual([
      { departments: ['voirie'], version: 7 },
      { departments: ['voirie'], version: 8 },
    ]);
    expect(await onB).toEqual([
      { departments: ['voirie'], version: 7 },
      { departments: ['voirie'], version: 8 },
    ]);
  });
});
