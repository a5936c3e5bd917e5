import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeChannel, everyDepartment, type ChangeBus, type ChangeNotice } from '../../src-central/bus';
import type { CentralDatabase } from '../../src-central/db/central-db-types';
import { openCentralDb } from '../../src-central/db/open-central-db';
import { createCentralTestDb, dbKinds, silentLogger, type CentralTestDb } from './support/central-test-db';
import { buildTestServer } from './support/test-server';

/** The next notice the bus delivers that `accept` wants. */
function nextNotice(bus: ChangeBus, accept: (notice: ChangeNotice) => boolean = () => true): Promise<ChangeNotice> {
  return new Promise((resolve) => {
    const stop = bus.subscribe((notice) => {
      if (!accept(notice)) return;
      stop();
      resolve(notice);
    });
  });
}

describe.each(dbKinds)('change bus on %s', (kind) => {
  let testDb: CentralTestDb;
  let app: FastifyInstance;
  let bus: ChangeBus;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
    app = await buildTestServer(testDb);
    bus = app.central.bus;
  });
  afterAll(async () => {
    await app.close();
    await testDb.close();
  });

  it('delivers a published notice to every subscriber', async () => {
    const first = nextNotice(bus);
    const second = nextNotice(bus);
    await bus.publish({ departments: ['dep-a', 'dep-b', 'dep-a'], version: 7 });
    expect(await first).toEqual({ departments: ['dep-a', 'dep-b'], version: 7 });
    expect(await second).toEqual({ departments: ['dep-a', 'dep-b'], version: 7 });
  });

  it('says "every department" when the list would not fit in a NOTIFY', async () => {
    const received = nextNotice(bus);
    await bus.publish({
      departments: Array.from({ length: 400 }, (_, i) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`),
      version: 8,
    });
    expect(await received).toEqual({ departments: [everyDepartment], version: 8 });
  });

  it('sends a notice published in a transaction only if it commits', async () => {
    const received = nextNotice(bus);
    await testDb.db
      .transaction(async (tx) => {
        await bus.publish({ departments: ['rolled-back'], version: 9 }, tx);
        tx.rollback();
      })
      .catch(() => undefined);
    await testDb.db.transaction(async (tx) => bus.publish({ departments: ['committed'], version: 10 }, tx));
    expect(await received).toEqual({ departments: ['committed'], version: 10 });
  });

  it('ignores a malformed payload on its channel', async () => {
    const received = nextNotice(bus);
    await testDb.database.notify(changeChannel, 'not json');
    await testDb.database.notify(changeChannel, JSON.stringify({ departments: 'dep', version: -1 }));
    await bus.publish({ departments: ['dep'], version: 11 });
    expect(await received).toEqual({ departments: ['dep'], version: 11 });
  });

  it('keeps delivering when a subscriber throws', async () => {
    const stop = bus.subscribe(() => {
      throw new Error('a broken subscriber');
    });
    const received = nextNotice(bus);
    await bus.publish({ departments: ['dep'], version: 12 });
    expect(await received).toEqual({ departments: ['dep'], version: 12 });
    stop();
  });
});

describe('two central instances on one PostgreSQL database', () => {
  let testDb: CentralTestDb;
  let databaseB: CentralDatabase;
  let instanceA: FastifyInstance;
  let instanceB: FastifyInstance;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind: 'postgres' });
    databaseB = await openCentralDb({ databaseUrl: testDb.url, pgliteDir: null }, silentLogger);
    instanceA = await buildTestServer(testDb);
    instanceB = await buildTestServer({ ...testDb, database: databaseB, db: databaseB.db });
    await instanceA.listen({ port: 0, host: '127.0.0.1' });
    await instanceB.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await instanceA.close();
    await instanceB.close();
    await databaseB.close();
    await testDb.close();
  });

  it('delivers to a subscriber of instance A a change published by instance B', async () => {
    expect(instanceA.server.address()).not.toEqual(instanceB.server.address());
    const onA = nextNotice(instanceA.central.bus);
    await databaseB.db.transaction(async (tx) => instanceB.central.bus.publish({ departments: ['voirie'], version: 41 }, tx));
    expect(await onA).toEqual({ departments: ['voirie'], version: 41 });
  });

  it('tells subscribers to assume everything changed after its LISTEN connection was lost', async () => {
    await databaseB.db.execute(sql`update sync_counter set version = 42`);
    const afterReconnect = nextNotice(instanceA.central.bus, (notice) => notice.departments[0] === everyDepartment);
    await databaseB.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and query like 'LISTEN%'`,
    );
    expect(await afterReconnect).toEqual({ departments: [everyDepartment], version: 42 });
    const onA = nextNotice(instanceA.central.bus, (notice) => notice.version === 43);
    await instanceB.central.bus.publish({ departments: ['voirie'], version: 43 });
    expect(await onA).toEqual({ departments: ['voirie'], version: 43 });
  });
});
