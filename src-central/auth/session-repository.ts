import { and, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { CentralDb } from '../db/central-db-types';
import { agents, sessions } from '../db/schema';

export interface LiveSession {
  id: string;
  agentId: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
}

export async function insertSession(
  db: CentralDb,
  input: { tokenHash: string; agentId: string; now: Date; expiresAt: Date },
): Promise<string> {
  const id = uuidv7();
  await db.insert(sessions).values({
    id,
    tokenHash: input.tokenHash,
    agentId: input.agentId,
    createdAt: input.now,
    expiresAt: input.expiresAt,
    lastSeenAt: input.now,
  });
  return id;
}

/** The session of a token hash if it is neither revoked nor expired and its agent is not disabled. */
export async function findLiveSession(db: CentralDb, tokenHash: string, now: Date): Promise<LiveSession | undefined> {
  const [row] = await db
    .select({
      id: sessions.id,
      agentId: sessions.agentId,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), isNull(agents.disabledAt)));
  return row;
}

/** How long a session lives: unused (`idleMs`, sliding) and at most (`maxMs` after its sign-in). */
export interface SessionLifetime {
  idleMs: number;
  maxMs: number;
}

/** Activity at `now` moves the end of the session to `idleMs` from now, never past `maxMs` after sign-in. */
export function slidingExpiry(createdAt: Date, now: Date, lifetime: SessionLifetime): Date {
  return new Date(Math.min(now.getTime() + lifetime.idleMs, createdAt.getTime() + lifetime.maxMs));
}

/**
 * Records activity and slides the expiry, at most once per `everyMs` (5 minutes), so authenticating a
 * request rarely writes: the session then ends between `idleMs - everyMs` and `idleMs` after the last use.
 * Returns the expiry the session now has.
 */
export async function touchSession(
  db: CentralDb,
  session: LiveSession,
  now: Date,
  lifetime: SessionLifetime,
  everyMs = 5 * 60_000,
): Promise<Date> {
  if (now.getTime() - session.lastSeenAt.getTime() < everyMs) return session.expiresAt;
  const expiresAt = slidingExpiry(session.createdAt, now, lifetime);
  await db
    .update(sessions)
    .set({ lastSeenAt: now, expiresAt })
    .where(and(eq(sessions.id, session.id), lt(sessions.lastSeenAt, now), isNull(sessions.revokedAt)));
  return expiresAt;
}

/** Of these sessions, the ones still live at `now` (not revoked, not expired, agent not disabled). */
export async function liveSessionIds(db: CentralDb, ids: readonly string[], now: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(inArray(sessions.id, [...ids]), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), isNull(agents.disabledAt)));
  return new Set(rows.map((row) => row.id));
}

export async function revokeSession(db: CentralDb, sessionId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeSessionsOfAgent(db: CentralDb, agentId: string, now: Date): Promise<number> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.agentId, agentId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length;
}
