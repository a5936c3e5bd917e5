import { fail } from '../../src-shared/errors';
import type { SignInInput, SignInResult } from '../../src-shared/schemas/auth';
import type { Agent } from '../../src-shared/schemas/entities';
import type { Clock } from '../../src-shared/domain/clock';
import type { CentralDb } from '../db/central-db-types';
import { findCredentialsByEmail, loadAgent } from './agent-repository';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { findLiveSession, insertSession, revokeSession, slidingExpiry, touchSession, type SessionLifetime } from './session-repository';
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
  /**
   * The same, answered from memory for `SESSION_CACHE_MS` after a check: for the sync routes, which re-read the
   * agent (roles, disabled) in their own snapshot and need the session only. A sign-out on this instance is
   * honoured at once; a revocation elsewhere (another instance, the admin CLI) within `SESSION_CACHE_MS`.
   */
  authenticateCached(token: string): Promise<Authenticated>;
  signOut(sessionId: string): Promise<void>;
}

/** How long a checked session is trusted by `authenticateCached` without asking the database again. */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_ENTRIES = 10_000;

/** How passwords are checked (argon2id); tests wrap it to count verifications. */
export interface PasswordVerifier {
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Spends a verification where there is no hash (unknown email), so timing reveals nothing. */
  verifyDummy(password: string): Promise<false>;
}

export const argon2Verifier: PasswordVerifier = { verify: verifyPassword, verifyDummy: verifyAgainstDummy };

export interface AuthServiceOptions {
  db: CentralDb;
  clock: Clock;
  throttle: SignInThrottle;
  sessionIdleHours: number;
  sessionMaxDays: number;
  passwords?: PasswordVerifier;
}

export function createAuthService(options: AuthServiceOptions): AuthService {
  const { db, clock, throttle } = options;
  const passwords = options.passwords ?? argon2Verifier;
  const lifetime: SessionLifetime = { idleMs: options.sessionIdleHours * 3_600_000, maxMs: options.sessionMaxDays * 86_400_000 };

  /** Every path spends one argon2 verification, so timing says nothing about which emails exist. */
  const checkPassword = async (input: SignInInput): Promise<string | null> => {
    const found = await findCredentialsByEmail(db, input.email);
    if (found === undefined || found.passwordHash === null) return passwords.verifyDummy(input.password).then(() => null);
    const matches = await passwords.verify(found.passwordHash, input.password);
    return matches && found.disabledAt === null ? found.id : null;
  };

  // Token hash → the check in flight or done, when it started (clock time), and its session once known.
  const cache = new Map<string, { at: number; check: Promise<Authenticated>; sessionId: string | null }>();

  const authenticate = async (tokenHash: string): Promise<Authenticated> => {
    const now = clock.now();
    const session = await findLiveSession(db, tokenHash, now);
    const agent = session === undefined ? undefined : await loadAgent(db, session.agentId);
    if (session === undefined || agent === undefined) throw fail('SESSION_EXPIRED');
    const expiresAt = await touchSession(db, session, now, lifetime);
    return { agent, session: { id: session.id, expiresAt } };
  };

  return {
    async signIn(input, ip) {
      // Counted before the (slow) check, so concurrent attempts cannot all slip under the limit.
      const admission = throttle.begin(input.email, ip);
      if ('refusedForSeconds' in admission) throw fail('SIGN_IN_THROTTLED', { retryAfterSeconds: admission.refusedForSeconds });
      if (admission.delayMs > 0) await throttle.wait(admission.delayMs, ip);
      const agentId = await checkPassword(input);
      const agent = agentId === null ? undefined : await loadAgent(db, agentId);
      if (agent === undefined) throw fail('SIGN_IN_FAILED');
      throttle.succeeded(input.email, ip);
      const now = clock.now();
      const expiresAt = slidingExpiry(now, now, lifetime);
      const token = newSessionToken();
      await insertSession(db, { tokenHash: hashSessionToken(token), agentId: agent.id, now, expiresAt });
      return { token, expiresAt: expiresAt.toISOString(), agent };
    },

    authenticate: (token) => authenticate(hashSessionToken(token)),

    async authenticateCached(token) {
      const tokenHash = hashSessionToken(token);
      const now = clock.now().getTime();
      const cached = cache.get(tokenHash);
      if (cached !== undefined && now - cached.at < SESSION_CACHE_MS) {
        const found = await cached.check;
        if (found.session.expiresAt.getTime() > now) return found;
      }
      const check = authenticate(tokenHash);
      if (cache.size >= SESSION_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
      const entry = { at: now, check, sessionId: null as string | null };
      cache.set(tokenHash, entry);
      // A refusal is not remembered: the next request asks again.
      check.then(
        (found) => {
          entry.sessionId = found.session.id;
        },
        () => {
          if (cache.get(tokenHash) === entry) cache.delete(tokenHash);
        },
      );
      return check;
    },

    async signOut(sessionId) {
      await revokeSession(db, sessionId, clock.now());
      // Checks still in flight may have read the session before its revocation: they go too.
      for (const [tokenHash, entry] of cache) if (entry.sessionId === sessionId || entry.sessionId === null) cache.delete(tokenHash);
    },
  };
}
