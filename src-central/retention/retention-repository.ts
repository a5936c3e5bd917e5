import { and, lt, sql } from 'drizzle-orm';
import type { CentralDb } from '../db/central-db-types';
import { auditLog, mutationLog } from '../db/schema';

/**
 * Clears the arguments (what the agent typed) of mutations logged before `before`: the row stays, with its
 * outcome and coded error, so a resend is still answered from the log and the audit of outcomes holds.
 */
export async function clearMutationArgs(db: CentralDb, before: Date): Promise<number> {
  const cleared = await db
    .update(mutationLog)
    .set({ args: sql`'null'::jsonb` })
    .where(and(lt(mutationLog.createdAt, before), sql`jsonb_typeof(${mutationLog.args}) <> 'null'`))
    .returning({ mutationId: mutationLog.mutationId });
  return cleared.length;
}

/** Deletes the audit rows written before `before`. */
export async function purgeAudit(db: CentralDb, before: Date): Promise<number> {
  const purged = await db.delete(auditLog).where(lt(auditLog.at, before)).returning({ id: auditLog.id });
  return purged.length;
}
