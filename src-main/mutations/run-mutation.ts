import { eq, getTableColumns } from 'drizzle-orm';
import type { Effect, MutationInput, MutationName, MutationReader, MutationResult } from '../../src-shared/mutations';
import type { Agent } from '../../src-shared/schemas/entities';
import type { ReplicaDb } from '../db/open-replica';
import type { Repositories } from '../repositories/repositories';
import { appReplicaRegistry, type ReplicaRegistry } from '../sync/replica-tables';
import { TrackedWriter } from '../repositories/tracked-writer';
import { clientId, nextMutationId } from '../repositories/outbox-repository';

/** The app's entities as the replica's repositories read them. */
function namedReaders(repos: Repositories): Omit<MutationReader, 'row'> {
  return {
    case: (id) => repos.cases.byId(id),
    citizen: (id) => repos.citizens.byId(id),
    category: (id) => repos.reference.category(id),
    agent: (id) => repos.reference.agent(id),
  };
}

/**
 * The replica answers a mutator's reads straight from SQLite, inside the mutation's transaction. `row` reads
 * the app's entities through their named readers, another registry's from their table (whose columns are
 * their fields: such an entity's binding has no `toColumns`).
 */
export function replicaReader(repos: Repositories, db: ReplicaDb, registry: ReplicaRegistry = appReplicaRegistry): MutationReader {
  const readers = namedReaders(repos);
  const named: Record<string, (id: string) => object | null> = readers;
  const stored = (entity: string, id: string) => {
    const { table } = registry.named(entity).bound;
    const idColumn = getTableColumns(table)['id'];
    if (idColumn === undefined) throw new Error(`${entity}'s table has no id column`);
    return (db.select().from(table).where(eq(idColumn, id)).get() as Record<string, unknown> | undefined) ?? null;
  };
  const row = (entity: string, id: string) => {
    const read = Object.hasOwn(named, entity) ? named[entity] : undefined;
    return read === undefined ? stored(entity, id) : (read(id) as Record<string, unknown> | null);
  };
  return { ...readers, row };
}

/**
 * The SQLite effect interpreter: a mutator's effects written to the replica through the tracked writer (undo
 * images, audit diffs), each into its entity's table as src-main/sync/replica-tables.ts binds it.
 */
export function applyEffects(
  write: TrackedWriter,
  repos: Repositories,
  effects: readonly Effect[],
  registry: ReplicaRegistry = appReplicaRegistry,
): void {
  const reader = namedReaders(repos) as unknown as Record<string, ((id: string) => unknown) | undefined>;
  for (const effect of effects) {
    const { bound } = registry.named(effect.entity);
    const table = bound.table as Parameters<TrackedWriter['insert']>[0];
    const toColumns = bound.toColumns as ((row: object, current?: unknown) => object) | undefined;
    const companion = bound.companion as { table: never; name: string; key: string; rows(row: unknown): object[] } | undefined;
    if (effect.op === 'insert') {
      write.insert(table, { ...(toColumns === undefined ? effect.row : toColumns(effect.row)), id: effect.row.id });
      if (companion !== undefined) write.replaceCompanion(companion, effect.row.id, companion.rows(effect.row));
    } else {
      const current = toColumns === undefined ? null : (reader[effect.entity]?.(effect.id) ?? null);
      write.update(table, effect.id, toColumns === undefined ? effect.patch : toColumns(effect.patch, current));
      // An entity with companion rows has its fields as columns (responses): the row read back is the entity.
      if (companion !== undefined) write.replaceCompanion(companion, effect.id, companion.rows(write.current(table, effect.id)));
    }
  }
}

/**
 * Applies one named mutation in one SQLite transaction: the optimistic effect (through the tracked
 * writer, which keeps undo images), the outbox row the sync client will push, and the audit rows.
 * Anything thrown rolls all of it back, so a refused write leaves no trace but its error. `registry`: the
 * mutations and tables it knows (the app's unless the workspace was given another; typed for the app's).
 */
export function runMutation<N extends MutationName>(
  db: ReplicaDb,
  repos: Repositories,
  input: { name: N; args: MutationInput<N>; agent: Agent; now: Date },
  registry: ReplicaRegistry = appReplicaRegistry,
): MutationResult<N> {
  // better-sqlite3 is synchronous on one connection: everything below runs inside this transaction.
  const transaction = db.$client.transaction(() => {
    const ctx = { agent: input.agent, now: input.now, read: replicaReader(repos, db, registry) };
    const decision = registry.sync.decide(ctx, input.name, input.args);
    const write = new TrackedWriter(db);
    applyEffects(write, repos, decision.effects as Effect[], registry);
    const mutationId = nextMutationId(db);
    const at = input.now.toISOString();
    repos.outbox.append({
      mutationId,
      clientId: clientId(db),
      agentId: input.agent.id,
      name: input.name,
      args: decision.args,
      createdAt: at,
      undo: write.undo,
    });
    repos.audit.append(
      write.changes.map((change) => ({
        at,
        agentId: input.agent.id,
        action: input.name,
        entity: change.table,
        entityId: change.id,
        mutationId,
        changes: change.changes,
      })),
    );
    return decision.result as MutationResult<N>;
  });
  return transaction();
}
