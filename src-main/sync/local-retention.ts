import type { ReplicaDb } from '../db/open-replica';
import { purgeAuditBefore } from '../repositories/audit-repository';

/**
 * How long the replica keeps its own audit rows (who changed what on this workstation). The central service's
 * audit is the record (AUDIT_RETENTION_DAYS there); the laptop's copy only serves the agent's recent history.
 */
export const LOCAL_AUDIT_RETENTION_DAYS = 90;

const hour = 3_600_000;

/** Purges expired local audit rows at most once an hour; the sync service calls it at each sync attempt. */
export function createLocalRetention(db: ReplicaDb, options: { clock: () => Date; days?: number }) {
  const days = options.days ?? LOCAL_AUDIT_RETENTION_DAYS;
  let lastRun = Number.NEGATIVE_INFINITY;
  return {
    runIfDue(): number {
      const now = options.clock().getTime();
      if (now - lastRun < hour) return 0;
      lastRun = now;
      return purgeAuditBefore(db, new Date(now - days * 86_400_000));
    },
  };
}
