import { lt } from 'drizzle-orm';
import type { ReplicaDb } from '../db/open-replica';
import { auditLog } from '../db/schema';

export type AuditRow = typeof auditLog.$inferInsert;

/** Deletes the replica's audit rows written before `before`; returns how many went. */
export function purgeAuditBefore(db: ReplicaDb, before: Date): number {
  return db.delete(auditLog).where(lt(auditLog.at, before.toISOString())).run().changes;
}

/** The replica's copy of the audit: who changed what, field by field, written with each mutation. */
export function createAuditRepository(db: ReplicaDb) {
  return {
    append(rows: readonly AuditRow[]): void {
      for (const row of rows) db.insert(auditLog).values(row).run();
    },
    clear(): void {
      db.delete(auditLog).run();
    },
  };
}
