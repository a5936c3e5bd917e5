import { fail } from '../../src-shared/errors';
import type { SignInInput, SignInResult } from '../../src-shared/schemas/auth';
import type { Agent } from '../../src-shared/schemas/entities';
import type { Clock } from '../clock';
import type { CentralDb } from '../db/central-db-types';
import { findCredentialsByEmail, loadAgent } from './agent-repository';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { findLiveSession, insertSession, revokeSession, touchSession } from './session-repository';
import type { SignInThrottle } from './sign-in-throttle';
import { hashSessionToken, newSessionToken } from './tokens';

export interface Authenticated {
  agent: Agent;
  session: { id: string; expiresAt: Date };
}

export interface AuthService {
  /** Throws SIGN_IN_THROTTLED, or SIGN_IN_FAILED whatever was wrong (unknown email, password, disabled). */
  signIn(input: SignInInput, ip: string): Promise<SignInResult>;
  /** The agent and session of a bearer token; throws SESSION_EXPIRED if it is unknown, expired or revoked. */
  authenticate(token: string): Promise<Authenticated>;
  signOut(sessionId: string): Promise<void>;
}

export interface AuthServiceOptions {
  db: CentralDb;
  clock: Clock;
  throttle: SignInThrottle;
  sessionTtlHours: number;
}

export function createAuthService(options: AuthServiceOptions): AuthService {
  const { db, clock, throttle } = options;

  /** Every path spends one argon2 verification, so timing says nothing about which emails exist. */
  const checkPassword = async (input: SignInInput): Promise<string | null> => {
    const found = await findCredentialsByEmail(db, input.email);
    if (found === undefined || found.passwordHash === null) return verifyAgainstDummy(input.password).then(() => null);
    const matches = await verifyPassword(found.passwordHash, input.password);
    return matches && found.disabledAt === null ? found.id : null;
  };

  return {
    async signIn(input, ip) {
      const retryAfterSeconds = throttle.retryAfter(input.email, ip);
      if (retryAfterSeconds > 0) throw fail('SIGN_IN_THROTTLED', { retryAfterSeconds });
      const agentId = await checkPassword(input);
      const agent = agentId === null ? undefined : await loadAgent(db, agentId);
      if (agent === undefined) {
        throttle.recordFailure(input.email, ip);
        throw fail('SIGN_IN_FAILED');
      }
      throttle.recordSuccess(input.email, ip);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + options.sessionTtlHours * 3_600_000);
      const token = newSessionToken();
      await insertSession(db, { tokenHash: hashSessionToken(token), agentId: agent.id, now, expiresAt });
      return { token, expiresAt: expiresAt.toISOString(), agent };
    },

    async authenticate(token) {
      const now = clock.now();
      const session = await findLiveSession(db, hashSessionToken(token), now);
      const agent = session === undefined ? undefined : await loadAgent(db, session.agentId);
      if (session === undefined || agent === undefined) throw fail('SESSION_EXPIRED');
      await touchSession(db, session, now);
      return { agent, session: { id: session.id, expiresAt: session.expiresAt } };
    },

    async signOut(sessionId) {
      await revokeSession(db, sessionId, clock.now());
    },
  };
}
