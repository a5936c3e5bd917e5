import { fail } from '../../../src-shared/errors';
import type { Agent } from '../../../src-shared/schemas/entities';
import type { ReplicaDb } from '../../db/open-replica';
import { readMeta, writeMeta } from '../../repositories/meta-repository';
import type { Repositories } from '../../repositories/repositories';

/**
 * Who is working at this workspace. With a central service, only the agent its live session belongs to
 * (`signedIn()`, from the token kept in the replica): the picker is refused and an agent id alone in the
 * replica is nobody. Alone (the standalone demo), the agent chosen from the local agents.
 */
export function createSessionService(db: ReplicaDb, repos: Repositories, central: { signedIn: () => Agent | null } | null) {
  const assertStandalone = () => {
    if (central !== null) throw fail('SIGN_IN_REQUIRED');
  };
  return {
    agents(): Agent[] {
      assertStandalone();
      return repos.reference.agents();
    },

    currentAgent(): Agent | null {
      const id = readMeta(db, 'agent_id');
      if (id === null) return null;
      if (central === null) return repos.reference.agent(id);
      const identity = central.signedIn();
      if (identity?.id !== id) return null;
      // Before the first sync brings the agent's row, the identity of the sign-in stands in.
      return repos.reference.agent(id) ?? identity;
    },

    choose(agentId: string): Agent {
      assertStandalone();
      const agent = repos.reference.agent(agentId);
      if (agent === null) throw fail('AGENT_NOT_FOUND', { agentId });
      writeMeta(db, 'agent_id', agent.id);
      return agent;
    },

    leave(): void {
      assertStandalone();
      writeMeta(db, 'agent_id', null);
    },
  };
}
