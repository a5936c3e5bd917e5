import { desc, eq, isNull } from 'drizzle-orm';
import { fail } from '../../src-shared/errors';
import { isMutationName, reapplyArgs, type MutationName } from '../../src-shared/mutations';
import { generateTrackingCode } from '../../src-shared/domain/tracking-code';
import type { Agent } from '../../src-shared/schemas/entities';
import type { ReplicaDb } from '../db/open-replica';
import { syncInbox } from '../db/schema';
import { replicaReader, runMutation } from '../mutations/run-mutation';
import type { Repositories } from '../repositories/repositories';
import type { Entropy } from '../services/identity';

/**
 * The sync inbox: the refusals of the central service, each waiting for the agent to discard it or to
 * re-apply it as a new mutation on the current state.
 */
export function createSyncInbox(
  db: ReplicaDb,
  repos: Repositories,
  options: { entropy: Entropy; assertWritable: () => void; afterReapply: () => void },
) {
  /** A refusal still waiting for the agent's decision; one already decided, or unknown, is refused. */
  const openEntry = (mutationId: number) => {
    const entry = db.select().from(syncInbox).where(eq(syncInbox.mutationId, mutationId)).get();
    if (entry === undefined || entry.resolution !== null)
      throw fail('VALIDATION_FAILED', { issues: [{ path: 'mutationId', code: 'invalid_value' }] });
    return entry;
  };

  return {
    inbox() {
      return db.select().from(syncInbox).where(isNull(syncInbox.resolution)).orderBy(desc(syncInbox.mutationId)).all();
    },

    discard(mutationId: number): void {
      options.assertWritable();
      openEntry(mutationId);
      db.update(syncInbox).set({ resolution: 'discarded' }).where(eq(syncInbox.mutationId, mutationId)).run();
    },

    /** Runs the refused change again as a new mutation, on the current state. */
    reapply(agent: Agent, mutationId: number, now: Date): void {
      options.assertWritable();
      const entry = openEntry(mutationId);
      if (!isMutationName(entry.name)) throw fail('UNKNOWN_MUTATION', { name: entry.name });
      const name: MutationName = entry.name;
      const args = reapplyArgs(name, entry.args as Record<string, unknown>, replicaReader(repos), options.entropy.id);
      if (name === 'case.open') args.trackingCode = generateTrackingCode(options.entropy.random);
      db.$client.transaction(() => {
        runMutation(db, repos, { name, args: args as never, agent, now });
        db.update(syncInbox).set({ resolution: 'reapplied' }).where(eq(syncInbox.mutationId, mutationId)).run();
      })();
      options.afterReapply();
    },
  };
}
