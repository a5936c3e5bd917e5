import type { Clock } from '../../src-shared/domain/clock';
import type { ReplicaDb } from '../db/open-replica';
import { readMeta } from '../repositories/meta-repository';
import { purgeAuditBefore } from '../repositories/audit-repository';

/**
 * How long the replica keeps its own audit rows (who changed what on this workstation) unless the city says
 * otherwise: its central service hands LOCAL_AUDIT_RETENTION_DAYS to each workspace at sign-in (kept in
 * `_meta`). The central service's audit is the record (AUDIT_RETENTION_DAYS there); the laptop's copy only
 * serves the agent's recent history.
 */
export const LOCAL_AUDIT_RETENTION_DAYS = 90;
export const RETENTION_META_KEY = 'local_audit_retention_days';

const hour = 3_600_000;

/** Purges expired local audit rows at most once an hour; the sync service calls it at each sync attempt. */
export function createLocalRetention(db: ReplicaDb, options: { clock: Clock }) {
  let lastRun = Number.NEGATIVE_INFINITY;
  return {
    runIfDue(): number {
      const now = options.clock.now().getTime();
      if (now - lastRun < hour) return 0;
      lastRun = now;
      const days = Number(readMeta(db, RETENTION_META_KEY) ?? LOCAL_AUDIT_RETENTION_DAYS);
      return purgeAuditBefore(db, new Date(now - days * 86_400_000));
    },
  };
}
