import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { citizens, mutationLog, sessions } from '../../src-central/db/schema';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import { createServices, type Services } from '../../src-main/services/services';
import { createCaller } from '../../src-main/trpc/root';
import { useCentralTestDb } from '../central/support/central-test-db';
import { buildSyncCity, password } from '../central/support/sync-city';
import { buildTestServer } from '../central/support/test-server';
import { ManualClock } from '../support/manual-clock';
import { failure } from '../support/failure';

/**
 * A session that ends without a sign-out (docs/security/sessions.md): the workspace keeps its outbox, stops
 * syncing, asks for a sign-in saying why, and pushes what waited once the same agent is back.
 */

const hour = 3_600_000;
const testDb = useCentralTestDb('pglite', 60_000);
let city: Awaited<ReturnType<typeof buildSyncCity>>;
let clock: ManualClock;
let central: FastifyInstance;
let replica: Replica;
let services: Services;
let caller: ReturnType<typeof createCaller>;

beforeEach(async () => {
  city = await buildSyncCity(testDb().db);
  clock = new ManualClock(new Date().toISOString());
  central = await buildTestServer(testDb(), {
    clock,
    config: { sessionIdleHours: 8, sessionMaxDays: 30 },
    plugins: [syncRoutes({ sessionCheckMs: 50 })],
  });
  const url = await central.listen({ port: 0, host: '127.0.0.1' });
  replica = openReplica({ file: ':memory:', key: randomBytes(32), migrationsFolder: resolve('drizzle/local') });
  services = createServices(replica.db, { centralUrl: url });
  caller = createCaller(() => ({ services, agent: services.session.currentAgent() }));
});
afterEach(async () => {
  services.sync.stop();
  replica.close();
  await central.close();
});

/** Resolves when `condition` holds, checking now and at each change of the workspace. */
async function until(condition: () => boolean): Promise<void> {
  if (condition()) return;
  for await (const _ of services.changes(AbortSignal.timeout(20_000))) if (condition()) return;
}

/** Signs in, bootstraps, and writes a citizen that stays in the outbox (the workspace syncs no more by itself). */
async function workOffline(email: string) {
  await caller.sync.signIn({ email, password });
  services.sync.stop();
  await services.sync.engine.sync();
  return caller.citizen.create({ firstName: 'Léa', lastName: 'Attente' });
}

const serverCitizen = async (id: string) =>
  (await testDb().db.select({ lastName: citizens.lastName }).from(citizens).where(eq(citizens.id, id)))[0] ?? null;

describe('a session that ends', () => {
  it('on expiry keeps the outbox, stops, asks for a sign-in, and pushes what waited once the agent is back', async () => {
    const citizen = await workOffline(city.counter.email);
    clock.advance(9 * hour);

    services.sync.start();
    await until(() => services.sync.status().sessionEnded !== null);

    expect(services.sync.status()).toMatchObject({ signedIn: false, sessionEnded: 'SESSION_EXPIRED', pending: 1 });
    expect(await caller.session.current()).toBeNull();
    expect(await failure(caller.case.list({}))).toMatchObject({ code: 'SIGN_IN_REQUIRED' });
    expect(await serverCitizen(citizen.id)).toBeNull();

    await caller.sync.signIn({ email: city.counter.email, password });
    await until(() => services.sync.status().pending === 0);

    expect(services.sync.status()).toMatchObject({ signedIn: true, sessionEnded: null });
    expect(await serverCitizen(citizen.id)).toEqual({ lastName: 'Attente' });
    expect(await testDb().db.select({ agentId: mutationLog.agentId }).from(mutationLog)).toEqual([{ agentId: city.counter.id }]);
  });

  it('when revoked, learns it from its poke socket closing', async () => {
    await caller.sync.signIn({ email: city.field.email, password });
    await until(() => services.sync.status().live);

    await testDb().db.update(sessions).set({ revokedAt: clock.now() }).where(eq(sessions.agentId, city.field.id));
    await until(() => services.sync.status().sessionEnded !== null);

    expect(services.sync.status()).toMatchObject({ signedIn: false, sessionEnded: 'SESSION_EXPIRED', live: false });
  });

  it('keeps what waited for its agent when another agent signs in next', async () => {
    const citizen = await workOffline(city.counter.email);
    clock.advance(9 * hour);
    services.sync.start();
    await until(() => services.sync.status().sessionEnded !== null);

    await caller.sync.signIn({ email: city.field.email, password });
    services.sync.stop();
    await services.sync.engine.sync();
    expect(services.sync.status()).toMatchObject({ pending: 0, sessionEnded: null });
    expect(await serverCitizen(citizen.id)).toBeNull();
    await caller.sync.signOut();

    await caller.sync.signIn({ email: city.counter.email, password });
    await until(() => services.sync.status().pending === 0);
    expect(await serverCitizen(citizen.id)).toEqual({ lastName: 'Attente' });
    expect(
      await testDb().db.select({ agentId: mutationLog.agentId }).from(mutationLog).where(eq(mutationLog.name, 'citizen.create')),
    ).toEqual([{ agentId: city.counter.id }]);
  });
});
