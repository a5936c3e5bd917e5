import type { ErrorPayload } from '../../../src-shared/errors';
import { RECOVERY_META_KEY, type ReplicaRecovery } from '../../db/damaged-replica';
import type { ReplicaDb } from '../../db/open-replica';
import { readMeta, writeMeta } from '../../mutations/outbox';

/** What the agent is told after their replica file was found damaged and rebuilt (db/damaged-replica.ts). */
export type ReplicaNotice = ErrorPayload<'REPLICA_DAMAGED'> & Omit<ReplicaRecovery, 'file'>;

export function createReplicaService(db: ReplicaDb) {
  return {
    /** Shown until the agent dismisses it, across restarts. */
    notice(): ReplicaNotice | null {
      const stored = readMeta(db, RECOVERY_META_KEY);
      if (stored === null) return null;
      const { file, ...rest } = JSON.parse(stored) as ReplicaRecovery;
      return { code: 'REPLICA_DAMAGED', args: { file }, ...rest };
    },

    dismissNotice(): void {
      writeMeta(db, RECOVERY_META_KEY, null);
    },
  };
}
