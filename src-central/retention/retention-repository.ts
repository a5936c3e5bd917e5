import { and, inArray, lt, sql } from 'drizzle-orm';
import type { CentralDb } from '../db/central-db-types';
import { auditLog, mutationLog } from '../db/schema';

/**
 * Rows handled per statement: the first pass on a service that kept years of log must not hold one
 * transaction (and its locks, and PGlite's single thread) for minutes.
 */
const BATCH = 5_000;

async function inBatches(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await step();
    total += done;
    if (done < BATCH) return total;
  }
}

/**
 * Clears the arguments (what the agent typed) of mutations logged before `before`: the row stays, with its
 * outcome and coded error, so a resend is still answered from the log and the audit of outcomes holds.
 */
export function clearMutationArgs(db: CentralDb, before: Date): Promise<number> {
  const expired = db
    .select({ clientId: mutationLog.clientId, mutationId: mutationLog.mutationId })
    .from(mutationLog)
    .where(and(lt(mutationLog.createdAt, before), sql`jsonb_typeof(${mutationLog.args}) <> 'null'`))
    .limit(BATCH);
  return inBatches(async () => {
    const cleared = await db
      .update(mutationLog)
      .set({ args: sql`'null'::jsonb` })
      .where(sql`(${mutationLog.clientId}, ${mutationLog.mutationId}) in (${expired})`)
      .returning({ mutationId: mutationLog.mutationId });
    return cleared.length;
  });
}

/** Deletes the audit rows written before `before`. */
export function purgeAudit(db: CentralDb, before: Date): Promise<number> {
  const expired = db.select({ id: auditLog.id }).from(auditLog).where(lt(auditLog.at, before)).limit(BATCH);
  return inBatches(async () => {
    const purged = await db.delete(auditLog).where(inArray(auditLog.id, expired)).returning({ id: auditLog.id });
    return purged.length;
  });
}
