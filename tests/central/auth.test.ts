import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashSessionToken } from '../../src-central/auth/tokens';
import { agentRoles, agents, sessions } from '../../src-central/db/schema';
import { signInResultSchema, type SignInResult } from '../../src-shared/schemas/auth';
import { centralBuilders } from './support/builders';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { ManualClock } from '../support/manual-clock';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const hour = 3_600_000;

describe.each(dbKinds)('agents sign in on %s', (kind) => {
  let testDb: CentralTestDb;
  let app: FastifyInstance;
  let clock: ManualClock;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
  });
  afterAll(async () => {
    await testDb.close();
  });
  beforeEach(async () => {
    await testDb.resetTables();
    clock = new ManualClock();
    app = await buildTestServer(testDb, { clock, config: { sessionIdleHours: 24 } });
  });
  afterEach(async () => {
    await app.close();
  });

  const signIn = (email: string, password: string, remoteAddress = '10.0.0.1') =>
    app.inject({ method: 'POST', url: centralPaths.signIn, payload: { email, password }, remoteAddress });
  const me = (token: string) => app.inject({ method: 'GET', url: centralPaths.me, headers: { authorization: `Bearer ${token}` } });

  async function signedInAgent() {
    const { buildDepartment, buildAgent } = centralBuilders(testDb.db);
    const department = await buildDepartment({ code: 'VOIRIE' });
    const agent = await buildAgent({ email: 'camille@ville.example', roles: [{ departmentId: department.id, role: 'field' }] });
    const answer = await signIn(agent.email, agent.password as string);
    expect(answer.statusCode).toBe(200);
    return { agent, department, result: signInResultSchema.parse(answer.json()) satisfies SignInResult };
  }

  it('signs in with the right password: an opaque token, its expiry and the agent with roles', async () => {
    const { agent, department, result } = await signedInAgent();
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.expiresAt).toBe(new Date(clock.now().getTime() + 24 * hour).toISOString());
    expect(result.agent).toEqual({
      id: agent.id,
      name: 'Camille Accueil',
      email: agent.email,
      roles: [{ departmentId: department.id, role: 'field' }],
    });
    const [stored] = await testDb.db.select().from(sessions);
    expect(stored?.tokenHash).toBe(hashSessionToken(result.token));
    expect(JSON.stringify(stored)).not.toContain(result.token);
  });

  it('stores argon2id hashes', async () => {
    const { agent } = await signedInAgent();
    const [row] = await testDb.db.select({ hash: agents.passwordHash }).from(agents).where(eq(agents.id, agent.id));
    expect(row?.hash).toMatch(/^\$argon2id\$v=19\$m=47104,t=3,p=1\$/);
  });

  it('matches emails case-insensitively', async () => {
    const { buildAgent } = centralBuilders(testDb.db);
    await buildAgent({ email: 'nadia@ville.example', password: 'long enough' });
    expect((await signIn('  Nadia@Ville.EXAMPLE ', 'long enough')).statusCode).toBe(200);
  });

  it('answers a wrong password, an unknown email, a disabled agent and a password-less agent alike', async () => {
    const { buildAgent } = centralBuilders(testDb.db);
    const known = await buildAgent({ email: 'known@ville.example', password: 'right password' });
    await buildAgent({ email: 'gone@ville.example', password: 'right password', disabledAt: new Date() });
    await buildAgent({ email: 'nopass@ville.example', password: null });
    const answers = await Promise.all([
      signIn(known.email, 'wrong password'),
      signIn('nobody@ville.example', 'right password'),
      signIn('gone@ville.example', 'right password'),
      signIn('nopass@ville.example', 'right password'),
    ]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toEqual({ code: 'SIGN_IN_FAILED', args: {} });
    }
  });

  it('spends a password verification on unknown emails too (timing does not reveal them)', async () => {
    const { buildAgent } = centralBuilders(testDb.db);
    const knownAgent = await buildAgent({ email: 'known@ville.example' });
    // The CPU this process spends (argon2 runs on its thread pool), not wall time: other processes' load
    // does not change it, and an argon2 verification dwarfs the rest of a sign-in.
    const work = async (email: string) => {
      const before = process.cpuUsage();
      for (let i = 0; i < 5; i++) await signIn(email, 'wrong password', `10.1.0.${i}`);
      const spent = process.cpuUsage(before);
      return spent.user + spent.system;
    };
    const known = await work(knownAgent.email);
    const unknown = await work('nobody@ville.example');
    // Without the dummy hash the unknown email costs ~50 times less; this only has to catch that.
    expect(unknown / known).toBeGreaterThan(0.4);
    expect(unknown / known).toBeLessThan(2.5);
  });

  it('refuses malformed sign-in bodies with VALIDATION_FAILED', async () => {
    const answer = await app.inject({ method: 'POST', url: centralPaths.signIn, payload: { email: 'not an email', password: '' } });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'VALIDATION_FAILED', args: { issues: [{ path: 'email' }, { path: 'password' }] } });
  });

  it('gives /me the agent with roles read from the database at each request', async () => {
    const { agent, department, result } = await signedInAgent();
    expect((await me(result.token)).json()).toEqual({ agent: result.agent, expiresAt: result.expiresAt });
    await testDb.db.delete(agentRoles).where(eq(agentRoles.agentId, agent.id));
    expect((await me(result.token)).json()).toMatchObject({ agent: { roles: [] } });
    expect(department.code).toBe('VOIRIE');
  });

  it('refuses missing and malformed tokens with ACCESS_DENIED', async () => {
    for (const authorization of [
      undefined,
      '',
      'Bearer',
      'Bearer short',
      'Basic dXNlcjpwYXNz',
      `Bearer ${'a'.repeat(44)}`,
      `Token ${'a'.repeat(43)}`,
    ]) {
      const answer = await app.inject({
        method: 'GET',
        url: centralPaths.me,
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(answer.statusCode, String(authorization)).toBe(401);
      expect(answer.json()).toEqual({ code: 'ACCESS_DENIED', args: {} });
    }
  });

  it('refuses an unknown well-formed token with SESSION_EXPIRED', async () => {
    const answer = await me('A'.repeat(43));
    expect(answer.statusCode).toBe(401);
    expect(answer.json()).toEqual({ code: 'SESSION_EXPIRED', args: {} });
  });

  it('refuses a token once its session has been unused for the idle timeout', async () => {
    const { result } = await signedInAgent();
    clock.advance(24 * hour - 1_000);
    expect((await me(result.token)).statusCode).toBe(200);
    clock.advance(24 * hour);
    const answer = await me(result.token);
    expect(answer.statusCode).toBe(401);
    expect(answer.json()).toEqual({ code: 'SESSION_EXPIRED', args: {} });
  });

  it('signs out: the token is revoked, other sessions live on', async () => {
    const { agent, result } = await signedInAgent();
    const other = signInResultSchema.parse((await signIn(agent.email, agent.password as string)).json());
    const out = await app.inject({ method: 'POST', url: centralPaths.signOut, headers: { authorization: `Bearer ${result.token}` } });
    expect(out.statusCode).toBe(204);
    expect((await me(result.token)).json()).toEqual({ code: 'SESSION_EXPIRED', args: {} });
    expect((await me(other.token)).statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: centralPaths.signOut, headers: { authorization: `Bearer ${result.token}` } });
    expect(again.statusCode).toBe(401);
  });

  it('refuses the sessions of an agent disabled meanwhile', async () => {
    const { agent, result } = await signedInAgent();
    await testDb.db.update(agents).set({ disabledAt: clock.now() }).where(eq(agents.id, agent.id));
    expect((await me(result.token)).json()).toEqual({ code: 'SESSION_EXPIRED', args: {} });
  });

  it('records activity on the session at most every five minutes', async () => {
    const { result } = await signedInAgent();
    const lastSeen = async () => (await testDb.db.select({ at: sessions.lastSeenAt }).from(sessions))[0]?.at.getTime();
    const signedInAt = clock.now().getTime();
    clock.advance(60_000);
    await me(result.token);
    expect(await lastSeen()).toBe(signedInAt);
    clock.advance(5 * 60_000);
    await me(result.token);
    expect(await lastSeen()).toBe(clock.now().getTime());
  });

  it('slows down repeated failures: 429 after five, retry time doubling, per email and IP', async () => {
    const { buildAgent } = centralBuilders(testDb.db);
    const agent = await buildAgent({ email: 'target@ville.example', password: 'the right one' });
    for (let attempt = 1; attempt <= 5; attempt++) expect((await signIn(agent.email, 'guess')).statusCode).toBe(401);
    const throttled = await signIn(agent.email, 'the right one');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()).toEqual({ code: 'SIGN_IN_THROTTLED', args: { retryAfterSeconds: 30 } });
    expect(throttled.headers['retry-after']).toBe('30');
    // Another machine is not slowed down by this one's failures.
    expect((await signIn(agent.email, 'the right one', '10.0.0.2')).statusCode).toBe(200);
    clock.advance(30_000);
    expect((await signIn(agent.email, 'guess again')).statusCode).toBe(401);
    expect((await signIn(agent.email, 'the right one')).json()).toEqual({ code: 'SIGN_IN_THROTTLED', args: { retryAfterSeconds: 60 } });
    clock.advance(60_000);
    expect((await signIn(agent.email, 'the right one')).statusCode).toBe(200);
  });
});
