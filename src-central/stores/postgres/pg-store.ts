import { eq } from 'drizzle-orm';
import type { CentralDb } from '../../db/central-db-types';
import { syncCounter } from '../../db/schema';
import { planned, textStatements } from '../../db/planned';
import { preloadStatement } from './pg-entities';
import { pullReader } from './pg-pull';
import { appCentralRegistry, type CentralRegistry } from './pg-entity-tables';
import { PushGroup } from './pg-push';
import { createPushSequencer, type MemberOutcome } from './push-sequencer';
import type { SyncStore } from '../../sync/store';

/**
 * The sync store on PostgreSQL or PGlite (same drizzle code on both), of the entities `registry` binds (the
 * app's by default). `onGroup` sees each push group's size.
 */
export function createPgSyncStore(
  db: CentralDb,
  options: { onGroup?: (members: number) => void; registry?: CentralRegistry } = {},
): SyncStore {
  const registry = options.registry ?? appCentralRegistry;
  const lock = planned<{ version: number }>(db, 'guichet_push_lock', (executor) =>
    executor.select({ version: syncCounter.version }).from(syncCounter).where(eq(syncCounter.id, 1)).for('update'),
  );
  const statements = { preloads: preloadStatement(db), texts: textStatements(db) };
  const push = createPushSequencer((take) =>
    db.transaction(async (tx) => {
      // Pushers (of every instance) queue on the counter row: versions are handed out, and become
      // visible, in commit order. The members are those waiting once the lock is held.
      const [counter] = await lock.execute({}, tx as unknown as CentralDb);
      if (counter === undefined) throw new Error('sync_counter has no row: the migrations were not applied');
      const members = take();
      options.onGroup?.(members.length);
      const group = new PushGroup(tx as unknown as CentralDb, counter.version, statements, registry);
      await group.preload(members.map((member) => member.preload));
      const outcomes: MemberOutcome[] = [];
      for (const member of members) outcomes.push(await group.run(member.fn));
      await group.flush();
      return outcomes;
    }),
  );
  return {
    registry: registry.sync,
    push,
    read: (fn) =>
      db.transaction(async (tx) => fn(pullReader(tx as unknown as CentralDb, registry)), {
        isolationLevel: 'repeatable read',
        accessMode: 'read only',
      }),
  };
}
