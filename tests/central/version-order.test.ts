import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it, vi } from 'vitest';
import { REPLICA_FORMAT, type PullResponse } from '../../src-shared/sync';
import { openCentralDb } from '../../src-central/db/open-central-db';
import { departments, syncCounter } from '../../src-central/db/schema';
import { nextVersion } from '../../src-central/db/versions';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { servePull } from '../../src-central/sync/pull';
import { applyPush } from '../../src-central/sync/push';
import { silentLogger, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity } from './support/sync-city';

const now = () => new Date('2026-03-02T09:00:00.000Z');

// PostgreSQL only: PGlite has one connection, on which transactions cannot interleave at all.
describe('versions in commit order on postgres', () => {
  const testDb = useCentralTestDb('postgres');

  it('makes a push that would take a later version wait for an earlier commit, so a pull never steps over a late commit', async () => {
    const city = await buildSyncCity(testDb().db);
    // Instance B: its own connections to the same database.
    const other = await openCentralDb({ databaseUrl: testDb().url, pgliteDir: null, databasePoolSize: 2 }, silentLogger);
    try {
      const storeA = createPgSyncStore(testDb().db);
      const storeB = createPgSyncStore(other.db);
      const clientId = uuidv7();
      const pull = async (from: Extract<PullResponse, { kind: 'patch' }> | null) => {
        const answer = await servePull(storeA, city.counter.id, {
          clientId,
          replicaFormat: REPLICA_FORMAT,
          cursor: from?.cursor ?? null,
          scope: from?.scope ?? null,
          bootstrap: null,
          pageSize: 1_000,
        });
        if (answer.kind !== 'patch') throw new Error(`expected a patch, got ${answer.kind}`);
        return answer;
      };
      const start = await pull(null);

      // A writer of instance A takes the next version and holds its transaction open, as a slow push would.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let took: (version: number) => void = () => undefined;
      const taken = new Promise<number>((resolve) => (took = resolve));
      const slow = testDb().db.transaction(async (tx) => {
        await tx.select({ version: syncCounter.version }).from(syncCounter).where(eq(syncCounter.id, 1)).for('update');
        const version = await nextVersion(tx);
        await tx.insert(departments).values({ id: uuidv7(), code: 'TARD', name: 'Arrivé tard', rowVersion: version });
        took(version);
        await held;
      });
      const early = await taken;

      // A push on instance B meanwhile: it queues on the counter row instead of taking a version of its own.
      const caseId = uuidv7();
      const pushed = applyPush(
        storeB,
        city.counter.id,
        {
          clientId: uuidv7(),
          replicaFormat: REPLICA_FORMAT,
          mutations: [
            {
              mutationId: 1,
              name: 'case.open',
              createdAt: now().toISOString(),
              args: {
                id: caseId,
                trackingCode: caseId.slice(-12),
                eventId: uuidv7(),
                categoryId: city.potHole.id,
                channel: 'phone',
                subject: 'Poussé pendant',
              },
            },
          ],
        },
        now,
      );
      const waiting = async () => {
        const result = await testDb().db.execute(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        return (result as unknown as { rows: { n: number }[] }).rows[0]?.n;
      };
      await vi.waitFor(async () => expect(await waiting()).toBe(1), { timeout: 10_000 });

      // A pull now sees neither: its cursor stays below the version the open transaction holds.
      const during = await pull(start);
      expect(during.cursor).toBe(start.cursor);
      expect(during.cursor).toBeLessThan(early);
      expect(during.upserts.departments).toEqual([]);

      release();
      await slow;
      const late = (await pushed).changed?.version;
      expect(late).toBe(early + 1);

      // From where it stopped, the replica gets both: the late commit was not stepped over.
      const after = await pull(during);
      expect(after.cursor).toBe(late);
      expect(after.upserts.departments.map((row) => row.code)).toEqual(['TARD']);
      expect(after.upserts.cases.map((row) => row.id)).toEqual([caseId]);
    } finally {
      await other.close();
    }
  });
});
