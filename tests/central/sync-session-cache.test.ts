import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_CACHE_MS } from '../../src-central/auth/auth-service';
import { revokeSession } from '../../src-central/auth/session-repository';
import { agents, sessions } from '../../src-central/db/schema';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { signInResultSchema } from '../../src-shared/schemas/auth';
import { pullResponseSchema, REPLICA_FORMAT } from '../../src-shared/sync';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity, password } from './support/sync-city';
import { ManualClock } from '../support/manual-clock';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

// The sync routes trust a checked session for SESSION_CACHE_MS (they re-read the agent themselves): what a
// revocation, a disabled agent or an expiry still get.
describe.each(dbKinds)('sessions of the sync routes on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let app: FastifyInstance;
  let clock: ManualClock;

  beforeEach(async () => {
    await buildSyncCity(testDb().db);
    clock = new ManualClock();
    app = await buildTestServer(testDb(), { clock, config: { sessionIdleHours: 24, sessionMaxDays: 1 }, plugins: [syncRoutes()] });
  });
  afterEach(async () => {
    await app.close();
  });

  const signIn = async () => {
    const answer = await app.inject({ method: 'POST', url: centralPaths.signIn, payload: { email: 'camille@ville.example', password } });
    expect(answer.statusCode).toBe(200);
    return signInResultSchema.parse(answer.json());
  };
  const clientId = uuidv7();
  /** A pull with no cursor reads the database; one with a cursor goes through the pull window. */
  const pull = (token: string, cursor: number | null) =>
    app.inject({
      method: 'POST',
      url: centralPaths.pull,
      headers: { authorization: `Bearer ${token}` },
      payload: { clientId, replicaFormat: REPLICA_FORMAT, cursor, scope: null },
    });
  const codeOf = (answer: { json(): unknown }) => (answer.json() as { code?: string }).code;

  it('honours a sign-out on this instance at once', async () => {
    const { token } = await signIn();
    expect((await pull(token, null)).statusCode).toBe(200);
    expect((await pull(token, 1)).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: centralPaths.signOut, headers: { authorization: `Bearer ${token}` } });
    expect(out.statusCode).toBe(204);
    for (const cursor of [null, 1]) {
      const answer = await pull(token, cursor);
      expect(answer.statusCode).toBe(401);
      expect(codeOf(answer)).toBe('SESSION_EXPIRED');
    }
  });

  it('honours a revocation made elsewhere (another instance, the admin CLI) within SESSION_CACHE_MS', async () => {
    const { token } = await signIn();
    expect((await pull(token, null)).statusCode).toBe(200);
    const [session] = await testDb().db.select({ id: sessions.id }).from(sessions);
    await revokeSession(testDb().db, session!.id, clock.now());
    // Still trusted from memory for a moment, never longer than SESSION_CACHE_MS.
    clock.advance(SESSION_CACHE_MS - 1);
    expect((await pull(token, 1)).statusCode).toBe(200);
    clock.advance(1);
    const answer = await pull(token, 1);
    expect(answer.statusCode).toBe(401);
    expect(codeOf(answer)).toBe('SESSION_EXPIRED');
    // The strict routes never trusted it.
    expect((await app.inject({ method: 'GET', url: centralPaths.me, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('refuses an agent disabled meanwhile at once, session cached or not', async () => {
    const { token, agent } = await signIn();
    expect((await pull(token, null)).statusCode).toBe(200);
    await testDb().db.update(agents).set({ disabledAt: clock.now() }).where(eq(agents.id, agent.id));
    for (const cursor of [null, 1]) {
      const answer = await pull(token, cursor);
      expect(answer.statusCode).toBe(401);
      expect(codeOf(answer)).toBe('ACCESS_DENIED');
    }
  });

  it('never serves an expired session from memory', async () => {
    const { token, expiresAt } = await signIn();
    clock.advance(Date.parse(expiresAt) - clock.now().getTime() - 1_000);
    expect((await pull(token, null)).statusCode).toBe(200);
    clock.advance(1_000);
    const answer = await pull(token, 1);
    expect(answer.statusCode).toBe(401);
    expect(codeOf(answer)).toBe('SESSION_EXPIRED');
  });

  it('answers a pull with a cursor with the same patch as the database path', async () => {
    const { token } = await signIn();
    const bootstrap = pullResponseSchema.parse((await pull(token, null)).json());
    if (bootstrap.kind !== 'patch') throw new Error(bootstrap.kind);
    const caughtUp = pullResponseSchema.parse((await pull(token, bootstrap.cursor)).json());
    expect(caughtUp).toMatchObject({ kind: 'patch', cursor: bootstrap.cursor, more: false, deletes: [], lastMutationId: 0 });
  });
});
