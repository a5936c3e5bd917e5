import { fail } from '../../../src-shared/errors';
import { isMutationName, reapplyArgs, type MutationName } from '../../../src-shared/mutations';
import { generateTrackingCode } from '../../../src-shared/domain/tracking-code';
import type { Agent } from '../../../src-shared/schemas/entities';
import { replicaReader } from '../../mutations/run-mutation';
import type { FeatureDeps } from '../main-feature';

/**
 * The sync inbox: the refusals of the central service, each waiting for the agent to discard it or to
 * re-apply it as a new mutation on the current state, through the services' `mutate` like any other change.
 */
export function createSyncInbox({ db, repos, entropy, mutate, sync }: FeatureDeps) {
  /** A refusal still waiting for the agent's decision; one already decided, or unknown, is refused. */
  const openEntry = (mutationId: number) => {
    const entry = repos.syncInbox.byMutationId(mutationId);
    if (entry === undefined || entry.resolution !== null)
      throw fail('VALIDATION_FAILED', { issues: [{ path: 'mutationId', code: 'invalid_value' }] });
    return entry;
  };

  return {
    inbox: () => repos.syncInbox.open(),

    discard(mutationId: number): void {
      // The bulk bootstrap writes on its own connection meanwhile (see services.ts's mutate).
      if (sync.engine.bootstrapping()) throw fail('FIRST_SYNC_IN_PROGRESS');
      openEntry(mutationId);
      repos.syncInbox.resolve(mutationId, 'discarded');
    },

    /** Runs the refused change again as a new mutation, on the current state; the refusal leaves the inbox with it. */
    reapply(agent: Agent, mutationId: number, now: Date): void {
      const entry = openEntry(mutationId);
      if (!isMutationName(entry.name)) throw fail('UNKNOWN_MUTATION', { name: entry.name });
      const name: MutationName = entry.name;
      const args = reapplyArgs(name, entry.args as Record<string, unknown>, replicaReader(repos, db), entropy.id);
      if (name === 'case.open') args.trackingCode = generateTrackingCode(entropy.random);
      db.$client.transaction(() => {
        mutate({ name, args: args as never, agent, now });
        repos.syncInbox.resolve(mutationId, 'reapplied');
      })();
      void sync.syncNow();
    },
  };
}
