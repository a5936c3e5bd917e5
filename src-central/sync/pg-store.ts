import { eq } from 'drizzle-orm';
import type { CentralDb } from '../db/central-db-types';
import { syncCounter } from '../db/schema';
import { pullReader } from './pg-pull';
import { pushTx } from './pg-push';
import type { SyncStore } from './store';

/** The sync store on PostgreSQL or PGlite (same drizzle code on both). */
export function createPgSyncStore(db: CentralDb): SyncStore {
  return {
    push: (fn) =>
      db.transaction(async (tx) => {
        // Pushers queue on the counter row: versions are handed out, and become visible, in commit order.
        await tx.select({ version: syncCounter.version }).from(syncCounter).where(eq(syncCounter.id, 1)).for('update');
        return fn(pushTx(tx as unknown as CentralDb));
      }),
    read: (fn) => db.transaction(async (tx) => fn(pullReader(tx as unknown as CentralDb)), { isolationLevel: 'repeatable read', accessMode: 'read only' }),
  };
}

