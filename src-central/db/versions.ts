import { eq, sql } from 'drizzle-orm';
import type { CentralDb } from './central-db-types';
import { syncCounter } from './schema';

/**
 * Takes the next global sync version. Call it inside the transaction that writes the rows it stamps: the
 * counter row stays locked until that transaction ends, which serialises writers so versions are visible in
 * the order they were handed out.
 */
export async function nextVersion(tx: CentralDb): Promise<number> {
  const [row] = await tx
    .update(syncCounter)
    .set({ version: sql`${syncCounter.version} + 1` })
    .where(eq(syncCounter.id, 1))
    .returning({ version: syncCounter.version });
  if (row === undefined) throw new Error('sync_counter has no row: the migrations were not applied');
  return row.version;
}

/** The last version handed out (committed or about to be). */
export async function currentVersion(db: CentralDb): Promise<number> {
  const [row] = await db.select({ version: syncCounter.version }).from(syncCounter).where(eq(syncCounter.id, 1));
  return row?.version ?? 0;
}
