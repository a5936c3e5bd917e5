import type { ErrorPayload } from '../../../src-shared/errors';
import { replicaDamage } from '../../db/damage-marker';
import { RECOVERY_META_KEY, type ReplicaRecovery } from '../../db/damaged-replica';
import type { ReplicaDb } from '../../db/open-replica';
import { readMeta, writeMeta } from '../../repositories/meta-repository';

/**
 * What the agent is told about their replica file: damage met while working (restart to rebuild), or a
 * damaged file found at start, set aside and rebuilt (db/damaged-replica.ts).
 */
export type ReplicaNotice = ErrorPayload<'REPLICA_DAMAGED_RESTART'> | (ErrorPayload<'REPLICA_DAMAGED'> & Omit<ReplicaRecovery, 'file'>);

export function createReplicaService(db: ReplicaDb) {
  const damage = replicaDamage(db);
  return {
    /** Shown until the agent dismisses it, across restarts; the call to restart until they do. */
    notice(): ReplicaNotice | null {
      if (damage.current() !== null) return { code: 'REPLICA_DAMAGED_RESTART', args: {} };
      const stored = readMeta(db, RECOVERY_META_KEY);
      if (stored === null) return null;
      const { file, ...rest } = JSON.parse(stored) as ReplicaRecovery;
      return { code: 'REPLICA_DAMAGED', args: { file }, ...rest };
    },

    dismissNotice(): void {
      writeMeta(db, RECOVERY_META_KEY, null);
    },

    /** The error to answer with when `error` is SQLite reporting damage (recorded beside the file), else null. */
    damageOf: (error: unknown) => damage.check(error),
    assertWritable: () => damage.assertWritable(),
    onDamage: (listener: () => void) => damage.onFound(listener),
  };
}

export type ReplicaService = ReturnType<typeof createReplicaService>;
