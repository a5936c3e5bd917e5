import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCentralDb } from '../../src-central/db/open-central-db';
import type { CentralDatabase } from '../../src-central/db/central-db-types';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { createCentralTestDb, silentLogger, type CentralTestDb } from './support/central-test-db';
import { buildSyncCity, signedInWorkspace, type TestWorkspace } from './support/sync-city';
import { buildTestServer } from './support/test-server';

/** Resolves when `condition` holds, checking now and at each change of the workspace. */
async function until(workspace: TestWorkspace, condition: () => boolean): Promise<void> {
  if (condition()) return;
  for await (const _ of workspace.services.changes(AbortSignal.timeout(20_000))) if (condition()) return;
}

// Several central instances serve one PostgreSQL: a commit on one pokes the workspaces connected to another,
// through LISTEN/NOTIFY.
describe('two central instances on one PostgreSQL', () => {
  let testDb: CentralTestDb;
  let second: CentralDatabase;
  const apps: FastifyInstance[] = [];
  const workspaces: TestWorkspace[] = [];

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind: 'postgres' });
    second = await openCentralDb({ databaseUrl: testDb.url, pgliteDir: null, databasePoolSize: 3 }, silentLogger);
  });
  afterAll(async () => {
    for (const workspace of workspaces) workspace.close();
    for (const app of apps) await app.close();
    await second.close();
    await testDb.close();
  });

  it('pokes a workspace of instance A when a push commits on instance B', async () => {
    const city = await buildSyncCity(testDb.db);
    const instanceA = await buildTestServer(testDb, { plugins: [syncRoutes()] });
    const instanceB = await buildTestServer({ ...testDb, database: second, db: second.db }, { plugins: [syncRoutes()] });
    apps.push(instanceA, instanceB);
    const urlA = await instanceA.listen({ port: 0, host: '127.0.0.1' });
    const urlB = await instanceB.listen({ port: 0, host: '127.0.0.1' });

    const watcher = await signedInWorkspace(urlA, 'terrain@ville.example');
    const writer = await signedInWorkspace(urlB, 'camille@ville.example');
    workspaces.push(watcher, writer);
    const poked = new Promise<void>((resolve) => {
      const unsubscribe = instanceA.central.bus.subscribe(() => {
        unsubscribe();
        resolve();
      });
    });
    // Signed in, so listening for pokes; connected and caught up before the write, so what brings the case is the poke.
    await until(watcher, () => watcher.services.sync.status().live);
    await watcher.services.sync.engine.sync();
    expect(watcher.replica.db.$client.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
    const arrived = until(watcher, () => watcher.replica.db.$client.prepare('SELECT count(*) FROM cases').pluck().get() === 1);
    const opened = writer.services.cases.open(writer.services.session.currentAgent()!, {
      categoryId: city.potHole.id,
      channel: 'phone',
      subject: 'Lampadaire',
    });
    await writer.services.sync.engine.sync();
    await poked;
    await arrived;
    expect(watcher.replica.db.$client.prepare('SELECT id FROM cases').pluck().get()).toBe(opened.id);
  });
});
