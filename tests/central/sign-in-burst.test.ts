import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAgainstDummy, verifyPassword } from '../../src-central/auth/passwords';
import type { PasswordVerifier } from '../../src-central/auth/auth-service';
import { centralBuilders } from './support/builders';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { ManualClock } from '../support/manual-clock';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

/** The real argon2 verifier, counting each verification (the cost an attacker makes the service pay). */
function countingVerifier() {
  const counter = { verifications: 0 };
  const verifier: PasswordVerifier = {
    verify: (hash, password) => {
      counter.verifications += 1;
      return verifyPassword(hash, password);
    },
    verifyDummy: (password) => {
      counter.verifications += 1;
      return verifyAgainstDummy(password);
    },
  };
  return { counter, verifier };
}

describe.each(dbKinds)('sign-in bursts on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let app: FastifyInstance;
  let counter: { verifications: number };
  let waits: { ip: string; ms: number }[];

  afterEach(async () => {
    await app.close();
  });

  async function start(config: { trustProxy?: string[] } = {}) {
    const counting = countingVerifier();
    counter = counting.counter;
    waits = [];
    app = await buildTestServer(testDb(), {
      clock: new ManualClock(),
      config,
      passwords: counting.verifier,
      // The address delay is recorded, not slept: the test asserts what is asked, never how long it took.
      throttle: { wait: async (ms, ip) => void waits.push({ ip, ms }) },
    });
  }

  const signIn = (email: string, password: string, remoteAddress: string, forwardedFor?: string) =>
    app.inject({
      method: 'POST',
      url: centralPaths.signIn,
      payload: { email, password },
      remoteAddress,
      ...(forwardedFor === undefined ? {} : { headers: { 'x-forwarded-for': forwardedFor } }),
    });

  describe('counting before checking', () => {
    beforeEach(() => start());

    it('verifies at most five passwords of a concurrent burst of 40 wrong ones for one account', async () => {
      const { buildAgent } = centralBuilders(testDb().db);
      const agent = await buildAgent({ email: 'cible@ville.example', password: 'the right one' });
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(agent.email, `guess ${i}`, '10.0.0.1')));
      const statuses = answers.map((answer) => answer.statusCode);
      expect(counter.verifications).toBe(5);
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(35);
      expect(answers.find((answer) => answer.statusCode === 429)?.json()).toEqual({
        code: 'SIGN_IN_THROTTLED',
        args: { retryAfterSeconds: 30 },
      });
    });

    it('slows an address that fails many accounts down, and another agent there still signs in', async () => {
      const { buildAgent } = centralBuilders(testDb().db);
      const colleague = await buildAgent({ email: 'collegue@ville.example', password: 'the right one' });
      const sprayed = await Promise.all(
        Array.from({ length: 60 }, (_, i) => signIn(`agent${i}@ville.example`, 'Printemps2026', '10.0.0.1')),
      );
      expect(new Set(sprayed.map((answer) => answer.statusCode))).toEqual(new Set([401]));
      const attackerWaits = waits.map((wait) => wait.ms);
      expect(attackerWaits.length).toBeGreaterThan(0);
      expect(Math.max(...attackerWaits)).toBe(5_000);
      waits = [];
      const answer = await signIn(colleague.email, 'the right one', '10.0.0.1');
      expect(answer.statusCode).toBe(200);
      expect(waits).toEqual([{ ip: '10.0.0.1', ms: 5_000 }]);
      // Another address is not slowed at all.
      waits = [];
      expect((await signIn(colleague.email, 'the right one', '10.0.0.2')).statusCode).toBe(200);
      expect(waits).toEqual([]);
    });
  });

  describe('behind trusted proxies (TRUST_PROXY)', () => {
    beforeEach(() => start({ trustProxy: ['10.0.0.5', '10.9.0.0/16'] }));

    it('throttles the workstation the proxy forwards for, not everyone behind the proxy', async () => {
      const { buildAgent } = centralBuilders(testDb().db);
      const agent = await buildAgent({ email: 'agent@ville.example', password: 'the right one' });
      const attempts = await Promise.all(Array.from({ length: 10 }, () => signIn(agent.email, 'guess', '10.0.0.5', '192.168.1.66')));
      expect(attempts.filter((answer) => answer.statusCode === 429)).toHaveLength(5);
      expect((await signIn(agent.email, 'the right one', '10.0.0.5', '192.168.1.66')).statusCode).toBe(429);
      expect((await signIn(agent.email, 'the right one', '10.0.0.5', '192.168.1.20')).statusCode).toBe(200);
      expect((await signIn(agent.email, 'the right one', '10.9.3.4', '192.168.1.21')).statusCode).toBe(200);
    });

    it('ignores X-Forwarded-For from a peer that is not a trusted proxy (an attacker cannot pick an address)', async () => {
      const { buildAgent } = centralBuilders(testDb().db);
      const agent = await buildAgent({ email: 'agent@ville.example', password: 'the right one' });
      const attempts = await Promise.all(
        Array.from({ length: 10 }, (_, i) => signIn(agent.email, 'guess', '172.16.0.9', `192.168.7.${i}`)),
      );
      expect(attempts.filter((answer) => answer.statusCode === 429)).toHaveLength(5);
      expect(counter.verifications).toBe(5);
    });
  });
});
