import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CentralDatabase } from '../../src-central/db/central-db-types';
import { openCentralDb } from '../../src-central/db/open-central-db';
import { sessions } from '../../src-central/db/schema';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { createCentralTestDb, dbKinds, silentLogger, useCentralTestDb, type CentralTestDb } from './support/central-test-db';
import { buildSyncCity, password } from './support/sync-city';
import { ManualClock } from '../support/manual-clock';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

/**
 * Sessions end cleanly (docs/security/sessions.md): activity slides the expiry up to a maximum, the extension is
 * written rarely, and a poke socket closes when its session is signed out, revoked or expired.
 */

const hour = 3_600_000;
const lifetime = { sessionIdleHours: 8, sessionMaxDays: 2 };

async function signIn(baseUrl: string, email: string): Promise<{ token: string; expiresAt: string }> {
  const response = await fetch(`${baseUrl}${centralPaths.signIn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { token: string; expiresAt: string };
}

/** Opens a poke socket; resolves once open, with a promise of its close code. */
function openPoke(baseUrl: string, token: string): Promise<{ socket: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${centralPaths.poke}?token=${token}`);
    const closed = new Promise<number>((resolveClose) => socket.on('close', (code) => resolveClose(code)));
    socket.on('open', () => resolve({ socket, closed }));
    socket.on('error', reject);
  });
}

describe.each(dbKinds)('session lifetime on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let app: FastifyInstance;
  let baseUrl: string;
  let clock: ManualClock;
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  const sockets: WebSocket[] = [];

  const me = (token: string) => app.inject({ method: 'GET', url: centralPaths.me, headers: { authorization: `Bearer ${token}` } });
  const storedExpiry = async () => (await testDb().db.select({ at: sessions.expiresAt }).from(sessions))[0]?.at.getTime();
  const poke = async (token: string) => {
    const opened = await openPoke(baseUrl, token);
    sockets.push(opened.socket);
    return opened;
  };

  beforeEach(async () => {
    city = await buildSyncCity(testDb().db);
    clock = new ManualClock();
    app = await buildTestServer(testDb(), { clock, config: lifetime, plugins: [syncRoutes({ sessionCheckMs: 50 })] });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    while (sockets.length > 0) sockets.pop()?.terminate();
    await app.close();
  });

  it('slides the expiry with activity, ends it after the idle timeout', async () => {
    const { token } = await signIn(baseUrl, 'terrain@ville.example');
    // 21 hours of work, never 8 without a request: well past the idle timeout from the sign-in.
    for (let step = 0; step < 3; step++) {
      clock.advance(7 * hour);
      expect((await me(token)).statusCode).toBe(200);
    }
    const { token: idle } = await signIn(baseUrl, 'camille@ville.example');
    clock.advance(7 * hour);
    expect((await me(idle)).statusCode).toBe(200);
    clock.advance(8 * hour);
    expect((await me(idle)).json()).toEqual({ code: 'SESSION_EXPIRED', args: {} });
  });

  it('ends even an active session at the configured maximum after sign-in', async () => {
    const { token } = await signIn(baseUrl, 'terrain@ville.example');
    for (let elapsed = 6; elapsed < 48; elapsed += 6) {
      clock.advance(6 * hour);
      expect((await me(token)).statusCode, `${elapsed} h`).toBe(200);
    }
    clock.advance(6 * hour);
    expect((await me(token)).json()).toEqual({ code: 'SESSION_EXPIRED', args: {} });
  });

  it('writes the extension only once the session has gone unused for five minutes', async () => {
    const { token, expiresAt } = await signIn(baseUrl, 'terrain@ville.example');
    expect(await storedExpiry()).toBe(Date.parse(expiresAt));
    clock.advance(60_000);
    await me(token);
    clock.advance(60_000);
    await me(token);
    expect(await storedExpiry()).toBe(Date.parse(expiresAt));
    clock.advance(5 * 60_000);
    const answer = await me(token);
    expect(await storedExpiry()).toBe(clock.now().getTime() + 8 * hour);
    expect(answer.json()).toMatchObject({ expiresAt: new Date(clock.now().getTime() + 8 * hour).toISOString() });
  });

  it('closes the poke socket of a session signed out', async () => {
    const { token } = await signIn(baseUrl, 'terrain@ville.example');
    const { closed } = await poke(token);
    const out = await fetch(`${baseUrl}${centralPaths.signOut}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(204);
    expect(await closed).toBe(4401);
  });

  it('closes the poke socket of a session revoked elsewhere, or expired', async () => {
    const revoked = await signIn(baseUrl, 'terrain@ville.example');
    const expiring = await signIn(baseUrl, 'camille@ville.example');
    const other = await signIn(baseUrl, 'camille@ville.example');
    const revokedSocket = await poke(revoked.token);
    const expiringSocket = await poke(expiring.token);
    const otherSocket = await poke(other.token);
    // As the admin command does: straight in the database, not through this instance.
    await testDb().db.update(sessions).set({ revokedAt: clock.now() }).where(eq(sessions.agentId, city.field.id));
    expect(await revokedSocket.closed).toBe(4401);
    // Keep the other session in use; the expiring one is not.
    clock.advance(7 * hour);
    expect((await me(other.token)).statusCode).toBe(200);
    clock.advance(2 * hour);
    expect(await expiringSocket.closed).toBe(4401);
    expect(otherSocket.socket.readyState).toBe(WebSocket.OPEN);
  });
});

describe('sign-out on another instance (PostgreSQL)', () => {
  let testDb: CentralTestDb;
  let second: CentralDatabase;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind: 'postgres' });
    second = await openCentralDb({ databaseUrl: testDb.url, pgliteDir: null, databasePoolSize: 3 }, silentLogger);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await second.close();
    await testDb.close();
  });

  it('closes the poke socket held by one instance when the session signs out on the other', async () => {
    await buildSyncCity(testDb.db);
    // Instance A never checks sessions on its own during the test: only the bus can close the socket.
    const instanceA = await buildTestServer(testDb, { plugins: [syncRoutes({ sessionCheckMs: 3_600_000 })] });
    const instanceB = await buildTestServer({ ...testDb, database: second, db: second.db }, { plugins: [syncRoutes()] });
    apps.push(instanceA, instanceB);
    const urlA = await instanceA.listen({ port: 0, host: '127.0.0.1' });
    const urlB = await instanceB.listen({ port: 0, host: '127.0.0.1' });
    const { token } = await signIn(urlB, 'terrain@ville.example');
    const { closed } = await openPoke(urlA, token);

    const out = await fetch(`${urlB}${centralPaths.signOut}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(204);

    expect(await closed).toBe(4401);
  });
});
