import {
  decide,
  type Effect,
  type MutationInput,
  type MutationName,
  type MutationReader,
  type MutationResult,
} from '../../src-shared/mutations';
import type { Agent, Citizen } from '../../src-shared/schemas/entities';
import type { ReplicaDb } from '../db/open-replica';
import { auditLog, caseEvents, cases, citizens, pendingMutations } from '../db/schema';
import type { Repositories } from '../repositories/repositories';
import { citizenColumns } from '../repositories/row-mappers';
import { TrackedWriter } from '../repositories/tracked-writer';
import { clientId, nextMutationId } from './outbox';

/** The replica answers a mutator's reads straight from SQLite, inside the mutation's transaction. */
export function replicaReader(repos: Repositories): MutationReader {
  return {
    case: (id) => repos.cases.byId(id),
    citizen: (id) => repos.citizens.byId(id),
    category: (id) => repos.reference.category(id),
    agent: (id) => repos.reference.agent(id),
  };
}

/** Applies a mutator's effects to the replica through the tracked writer (undo images, audit diffs). */
export function applyEffects(write: TrackedWriter, repos: Repositories, effects: readonly Effect[]): void {
  for (const effect of effects) {
    switch (effect.entity) {
      case 'citizen':
        if (effect.op === 'insert') {
          write.insert(citizens, { ...(citizenColumns(effect.row) as typeof citizens.$inferInsert), id: effect.row.id });
        } else {
          const current = repos.citizens.byId(effect.id) as Citizen;
          write.update(citizens, effect.id, citizenColumns(effect.patch, current));
        }
        break;
      case 'case':
        if (effect.op === 'insert') write.insert(cases, effect.row);
        else write.update(cases, effect.id, effect.patch);
        break;
      case 'caseEvent':
        write.insert(caseEvents, effect.row);
        break;
    }
  }
}

/**
 * Applies one named mutation in one SQLite transaction: the optimistic effect (through the tracked
 * writer, which keeps undo images), the outbox row the sync client will push, and the audit rows.
 * Anything thrown rolls all of it back, so a refused write leaves no trace but its error.
 */
export function runMutation<N extends MutationName>(
  db: ReplicaDb,
  repos: Repositories,
  input: { name: N; args: MutationInput<N>; agent: Agent; now: Date },
): MutationResult<N> {
  // better-sqlite3 is synchronous on one connection: everything below runs inside this transaction.
  const transaction = db.$client.transaction(() => {
    const decision = decide({ agent: input.agent, now: input.now, read: replicaReader(repos) }, input.name, input.args);
    const write = new TrackedWriter(db);
    applyEffects(write, repos, decision.effects);
    const mutationId = nextMutationId(db);
    const at = input.now.toISOString();
    db.insert(pendingMutations)
      .values({
        mutationId,
        clientId: clientId(db),
        agentId: input.agent.id,
        name: input.name,
        args: decision.args,
        createdAt: at,
        undo: write.undo,
      })
      .run();
    for (const change of write.changes) {
      db.insert(auditLog)
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
    return decision.result;
  });
  return transaction();
}
