import { fail } from '../../src-shared/errors';
import type { Agent } from '../../src-shared/schemas/entities';
import type { ReplicaDb } from '../db/open-replica';
import { readMeta, writeMeta } from '../mutations/outbox';
import type { Repositories } from '../repositories/repositories';

/** Who is working at this workspace. Chosen from the local agents until sign-in arrives with sync. */
export function createSessionService(db: ReplicaDb, repos: Repositories, lastIdentity: () => Agent | null = () => null) {
  return {
    agents(): Agent[] {
      return repos.reference.agents();
    },

    currentAgent(): Agent | null {
      const id = readMeta(db, 'agent_id');
      if (id === null) return null;
      // Before the first sync brings the agent's row, the identity of the sign-in stands in.
      const identity = lastIdentity();
      return repos.reference.agent(id) ?? (identity?.id === id ? identity : null);
    },

    choose(agentId: string): Agent {
      const agent = repos.reference.agent(agentId);
      if (agent === null) throw fail('AGENT_NOT_FOUND', { agentId });
      writeMeta(db, 'agent_id', agent.id);
      return agent;
    },

    leave(): void {
      writeMeta(db, 'agent_id', null);
    },
  };
}
