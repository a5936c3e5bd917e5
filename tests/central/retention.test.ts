import { asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, mutationLog } from '../../src-central/db/schema';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { REPLICA_FORMAT } from '../../src-shared/sync';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity, password } from './support/sync-city';
import { ManualClock } from '../support/manual-clock';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const day = 86_400_000;

describe.each(dbKinds)('retention on the central service on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let app: FastifyInstance;
  let clock: ManualClock;

  beforeEach(async () => {
    await buildSyncCity(testDb().db);
    clock = new ManualClock();
    app = await buildTestServer(testDb(), {
      clock,
      config: { mutationArgsRetentionDays: 30, auditRetentionDays: 60 },
      plugins: [syncRoutes()],
    });
  });
  afterEach(async () => {
    await app.close();
  });

  /** One workspace's pushes; it signs in again before each (weeks pass between them). */
  async function device() {
    const clientId = uuidv7();
    return async (mutationId: number, lastName: string) => {
      const signIn = await app.inject({
        method: 'POST',
        url: centralPaths.signIn,
        payload: { email: 'camille@ville.example', password },
      });
      const token = (signIn.json() as { token: string }).token;
      return app.inject({
        method: 'POST',
        url: centralPaths.push,
        headers: { authorization: `Bearer ${token}` },
        payload: {
          clientId,
          replicaFormat: REPLICA_FORMAT,
          mutations: [
            {
              mutationId,
              name: 'citizen.create',
              args: { id: uuidv7(), firstName: 'Léa', lastName },
              createdAt: clock.now().toISOString(),
            },
          ],
        },
      });
    };
  }

  const logged = () =>
    testDb()
      .db.select({
        mutationId: mutationLog.mutationId,
        args: mutationLog.args,
        outcome: mutationLog.outcome,
      })
      .from(mutationLog)
      .orderBy(asc(mutationLog.mutationId));
  const audited = async () =>
    (await testDb().db.select({ changes: auditLog.changes }).from(auditLog).orderBy(asc(auditLog.id))).map((row) =>
      JSON.stringify(row.changes),
    );

  /** Makes a pushed mutation's log row and audit rows as old as `days` (the push writes them now). */
  async function age(mutationId: number, days: number) {
    const at = new Date(clock.now().getTime() - days * day);
    await testDb().db.update(mutationLog).set({ createdAt: at }).where(eq(mutationLog.mutationId, mutationId));
    await testDb().db.update(auditLog).set({ at }).where(eq(auditLog.mutationId, mutationId));
  }

  it('clears what agents typed from the mutation log after MUTATION_ARGS_RETENTION_DAYS, keeping each outcome', async () => {
    const push = await device();
    expect((await push(1, 'Ancienne')).statusCode).toBe(200);
    expect((await push(2, 'Récente')).statusCode).toBe(200);
    await age(1, 31);
    await age(2, 29);
    expect(await app.central.retention.run()).toEqual({ argsCleared: 1, auditPurged: 0 });
    const rows = await logged();
    expect(rows.map((row) => [row.mutationId, row.outcome])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
    ]);
    expect(rows[0]?.args).toBeNull();
    expect(JSON.stringify(rows[1]?.args)).toContain('Récente');
    // A resend of the cleared mutation is still answered from the log: idempotence outlives the content.
    const resent = await push(1, 'Ancienne');
    expect(resent.json()).toMatchObject({ results: [{ mutationId: 1, outcome: 'applied' }], lastMutationId: 2 });
    expect(JSON.stringify(await logged())).not.toContain('Ancienne');
  });

  it('purges the audit rows older than AUDIT_RETENTION_DAYS', async () => {
    const push = await device();
    await push(1, 'Ancienne');
    await push(2, 'Récente');
    await age(1, 61);
    await age(2, 59);
    expect(await app.central.retention.run()).toEqual({ argsCleared: 2, auditPurged: 1 });
    const left = await audited();
    expect(left).toHaveLength(1);
    expect(left[0]).toContain('Récente');
    expect(await app.central.retention.run()).toEqual({ argsCleared: 0, auditPurged: 0 });
  });

  it('purges a backlog larger than one statement handles, in several', async () => {
    const old = new Date(clock.now().getTime() - 90 * day);
    await testDb().db.execute(sql`
      insert into audit_log (at, agent_id, action, entity, entity_id, changes)
      select ${old.toISOString()}::timestamptz, null, 'seed', 'case', n::text, '{}'::jsonb from generate_series(1, 12001) as n`);

    expect(await app.central.retention.run()).toEqual({ argsCleared: 0, auditPurged: 12001 });
    expect(await testDb().db.$count(auditLog)).toBe(0);
  });
});
