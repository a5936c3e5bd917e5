import { lt } from 'drizzle-orm';
import type { ReplicaDb } from '../db/open-replica';
import { auditLog } from '../db/schema';

/** Deletes the replica's audit rows written before `before`; returns how many went. */
export function purgeAuditBefore(db: ReplicaDb, before: Date): number {
  return db.delete(auditLog).where(lt(auditLog.at, before.toISOString())).run().changes;
}
