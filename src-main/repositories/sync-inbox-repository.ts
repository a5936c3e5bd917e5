import { count, desc, eq, isNull } from 'drizzle-orm';
import type { ReplicaDb } from '../db/open-replica';
import { syncInbox } from '../db/schema';

export type SyncInboxEntry = typeof syncInbox.$inferSelect;

/** The central service's refusals kept in `_sync_inbox` until the agent decides (see features/sync/sync-inbox.ts). */
export function createSyncInboxRepository(db: ReplicaDb) {
  return {
    /** Refusals still waiting for a decision, newest first. */
    open(): SyncInboxEntry[] {
      return db.select().from(syncInbox).where(isNull(syncInbox.resolution)).orderBy(desc(syncInbox.mutationId)).all();
    },
    openCount(): number {
      return db.select({ n: count() }).from(syncInbox).where(isNull(syncInbox.resolution)).get()?.n ?? 0;
    },
    byMutationId(mutationId: number): SyncInboxEntry | undefined {
      return db.select().from(syncInbox).where(eq(syncInbox.mutationId, mutationId)).get();
    },
    resolve(mutationId: number, resolution: 'discarded' | 'reapplied'): void {
      db.update(syncInbox).set({ resolution }).where(eq(syncInbox.mutationId, mutationId)).run();
    },
    /** Refusals the central service answered, in one transaction; one already recorded stays as it is. */
    record(entries: readonly Omit<SyncInboxEntry, 'resolution'>[]): void {
      if (entries.length === 0) return;
      db.$client.transaction(() => {
        for (const entry of entries) db.insert(syncInbox).values(entry).onConflictDoNothing().run();
      })();
    },
    /** Puts back refusals taken out whole (a parked outbox). */
    restore(entries: readonly SyncInboxEntry[]): void {
      if (entries.length > 0)
        db.insert(syncInbox)
          .values([...entries])
          .run();
    },
    clear(): void {
      db.delete(syncInbox).run();
    },
  };
}
