import { lt, max, sql } from 'drizzle-orm';
import type { CentralDb } from '../../db/central-db-types';
import { syncCounter, tombstones } from '../../db/schema';

/** How long deletes are kept for replicas that were offline: a replica away longer rebuilds (a `reset`). */
export const TOMBSTONE_RETENTION_DAYS = 30;

/**
 * Forgets tombstones older than `before` and raises the horizon to the newest one forgotten: a replica
 * whose cursor is below it may have missed a delete, so its next pull answers `reset`.
 */
export async function purgeTombstones(db: CentralDb, before: Date): Promise<{ purged: number; horizon: number }> {
  return db.transaction(async (tx) => {
    const [oldest] = await tx
      .select({ version: max(tombstones.rowVersion) })
      .from(tombstones)
      .where(lt(tombstones.deletedAt, before));
    const upTo = oldest?.version ?? null;
    if (upTo === null) {
      const [row] = await tx.select({ horizon: syncCounter.horizon }).from(syncCounter);
      return { purged: 0, horizon: row?.horizon ?? 0 };
    }
    const deleted = await tx
      .delete(tombstones)
      .where(sql`${tombstones.rowVersion} <= ${upTo}`)
      .returning({ id: tombstones.entityId });
    const [row] = await tx
      .update(syncCounter)
      .set({ horizon: sql`greatest(${syncCounter.horizon}, ${upTo})` })
      .returning({ horizon: syncCounter.horizon });
    return { purged: deleted.length, horizon: row?.horizon ?? upTo };
  });
}
