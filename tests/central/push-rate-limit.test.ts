import { randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { openReplica } from '../../src-main/db/open-replica';
import { createServices } from '../../src-main/services/services';
import type { SyncRequestEvent } from '../../src-main/sync/http-transport';
import { isGuichetError } from '../../src-shared/errors';
import { REPLICA_FORMAT } from '../../src-shared/sync';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity, password } from './support/sync-city';
import { ManualClock } from '../support/manual-clock';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const replicaMigrations = join(import.meta.dirname, '..', '..', 'drizzle', 'local');

describe.each(dbKinds)('pushes are rate-limited per agent on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let app: FastifyInstance;
  let clock: ManualClock;

  beforeEach(async () => {
    await buildSyncCity(testDb().db);
    clock = new ManualClock();
  });
  afterEach(async () => {
    await app.close();
  });

  const start = async (pushRate: { pushRatePerSecond: number; pushBurst: number }) => {
    app = await buildTestServer(testDb(), {
      clock,
      config: pushRate,
      plugins: [syncRoutes()],
    });
  };

  /** A device of an agent signed in over HTTP: its pushes continue one gap-free sequence. */
  async function device(email: string) {
    const signIn = await app.inject({
      method: 'POST',
      url: centralPaths.signIn,
      payload: { email, password },
    });
    const token = (signIn.json() as { token: string }).token;
    const clientId = uuidv7();
    let mutationId = 0;
    return async () => {
      const answer = await app.inject({
        method: 'POST',
        url: centralPaths.push,
        headers: { authorization: `Bearer ${token}` },
        payload: {
          clientId,
          replicaFormat: REPLICA_FORMAT,
          mutations: [
            {
              mutationId: mutationId + 1,
              name: 'citizen.create',
              args: { id: uuidv7(), firstName: 'Léa', lastName: 'Martin' },
              createdAt: clock.now().toISOString(),
            },
          ],
        },
      });
      // A refused push is sent again with the same id, as a workspace does.
      if (answer.statusCode === 200) mutationId += 1;
      return answer;
    };
  }

  it('answers 429 RATE_LIMITED with Retry-After past the burst, per agent, and admits again once the bucket refills', async () => {
    await start({ pushRatePerSecond: 0.5, pushBurst: 3 });
    const camille = await device('camille@ville.example');
    const camilleElsewhere = await device('camille@ville.example');
    const field = await device('terrain@ville.example');
    const burst = [await camille(), await camille(), await camilleElsewhere()];
    expect(burst.map((answer) => answer.statusCode)).toEqual([200, 200, 200]);
    // Fourth push of the same agent, from either device: refused before anything is read or written.
    const refused = await camilleElsewhere();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.json()).toEqual({
      code: 'RATE_LIMITED',
      args: { retryAfterSeconds: 2 },
    });
    // Another agent is not slowed by this one; field agents may not create citizens, a refusal is still an answer.
    expect((await field()).statusCode).toBe(200);
    clock.advance(2_000);
    expect((await camilleElsewhere()).statusCode).toBe(200);
    expect((await camille()).statusCode).toBe(429);
  });

  it('lets PUSH_RATE_PER_SECOND=0 turn the limit off (benchmarks)', async () => {
    await start({ pushRatePerSecond: 0, pushBurst: 1 });
    const camille = await device('camille@ville.example');
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await camille());
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200]);
  });

  it('makes the workspace wait Retry-After before its next push, whatever asks it to sync', async () => {
    await start({ pushRatePerSecond: 1 / 30, pushBurst: 1 });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const replica = openReplica({
      file: ':memory:',
      key: randomBytes(32),
      migrationsFolder: replicaMigrations,
    });
    const services = createServices(replica.db, {
      centralUrl: url,
      clock,
    });
    const pushes: number[] = [];
    const onRequest = (event: unknown) => {
      if ((event as SyncRequestEvent).path === centralPaths.push) pushes.push(clock.now().getTime());
    };
    subscribe('guichet:sync-request', onRequest);
    try {
      await services.sync.signIn({ email: 'camille@ville.example', password });
      services.sync.stop();
      const agent = services.session.currentAgent()!;
      services.citizens.create(agent, { firstName: 'Léa', lastName: 'Martin' });
      await services.sync.engine.sync();
      services.citizens.create(agent, {
        firstName: 'Hugo',
        lastName: 'Martin',
      });
      const refusal = await services.sync.engine.sync().catch((error: unknown) => error);
      expect(isGuichetError(refusal) && refusal.toPayload()).toEqual({
        code: 'RATE_LIMITED',
        args: { retryAfterSeconds: 30 },
      });
      expect(pushes).toHaveLength(2);
      // A local write, a poke or the timer asking again within the 30 s: no request leaves the workspace.
      clock.advance(29_000);
      const early = await services.sync.engine.sync().catch((error: unknown) => error);
      expect(isGuichetError(early) && early.toPayload()).toEqual({
        code: 'RATE_LIMITED',
        args: { retryAfterSeconds: 1 },
      });
      expect(pushes).toHaveLength(2);
      clock.advance(1_000);
      await services.sync.engine.sync();
      expect(pushes).toHaveLength(3);
      expect(services.sync.status()).toMatchObject({ pending: 0 });
    } finally {
      unsubscribe('guichet:sync-request', onRequest);
      services.sync.stop();
      replica.close();
    }
  });
});
