import { parseOrFail } from '../../src-shared/errors';
import { mutationArgsSchemas, type MutationArgs, type MutationInput, type MutationName } from '../../src-shared/mutations';
import type { Agent } from '../../src-shared/schemas/entities';
import type { ReplicaDb } from '../db/open-replica';
import { auditLog, pendingMutations } from '../db/schema';
import { createRepositories, type Repositories } from '../repositories/repositories';
import { TrackedWriter } from '../repositories/tracked-writer';
import { clientId, nextMutationId } from './outbox';

export interface MutatorContext {
  agent: Agent;
  now: Date;
  repos: Repositories;
  write: TrackedWriter;
}

export type Mutator<N extends MutationName, R> = (ctx: MutatorContext, args: MutationArgs<N>) => R;

/**
 * Applies one named mutation in one SQLite transaction: the optimistic effect (through the tracked
 * writer, which keeps undo images), the outbox row the sync client will push, and the audit rows.
 * Anything thrown rolls all of it back, so a refused write leaves no trace but its error.
 */
export function runMutation<N extends MutationName, R>(
  db: ReplicaDb,
  input: { name: N; args: MutationInput<N>; agent: Agent; now: Date },
  mutator: Mutator<N, R>,
): R {
  // better-sqlite3 is synchronous on one connection: everything below runs inside this transaction.
  const transaction = db.$client.transaction(() => {
    const args = parseOrFail(mutationArgsSchemas[input.name], input.args) as MutationArgs<N>;
    const write = new TrackedWriter(db);
    const result = mutator({ agent: input.agent, now: input.now, repos: createRepositories(db), write }, args);
    const mutationId = nextMutationId(db);
    const at = input.now.toISOString();
    db
      .insert(pendingMutations)
      .values({
        mutationId,
        clientId: clientId(db),
        agentId: input.agent.id,
        name: input.name,
        args,
        createdAt: at,
        undo: write.undo,
      })
      .run();
    for (const change of write.changes) {
      db
        .insert(auditLog)
        .values({
          at,
          agentId: input.agent.id,
          action: input.name,
          entity: change.table,
          entityId: change.id,
          mutationId,
          changes: change.changes,
        })
        .run();
    }
    return result;
  });
  return transaction();
}
