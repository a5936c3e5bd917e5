import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { CentralDb } from '../db/central-db-types';
import { agents, sessions } from '../db/schema';

export interface LiveSession {
  id: string;
  agentId: string;
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
    .select({ id: sessions.id, agentId: sessions.agentId, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), isNull(agents.disabledAt)));
  return row;
}

/** Records activity at most once per `every` ms, so authenticating a request rarely writes. */
export async function touchSession(db: CentralDb, session: LiveSession, now: Date, everyMs = 5 * 60_000): Promise<void> {
  if (now.getTime() - session.lastSeenAt.getTime() < everyMs) return;
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, session.id), lt(sessions.lastSeenAt, now)));
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
