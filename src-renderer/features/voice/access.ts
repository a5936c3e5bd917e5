import { departmentsOf, mayPerform } from '../../../src-shared/domain/permissions';
import type { Agent } from '../../../src-shared/schemas/entities';

type AgentRoles = Pick<Agent, 'roles'>;

/** The departments whose synthesis (indicators, open answers, outcomes) the agent reads. */
export function synthesisDepartments(agent: AgentRoles): string[] {
  return departmentsOf(agent).filter((id) => mayPerform(agent, 'survey.synthesis.read', id));
}

/** The departments for which the agent writes and publishes outcomes. */
export function outcomeDepartments(agent: AgentRoles): string[] {
  return departmentsOf(agent).filter((id) => mayPerform(agent, 'outcome.publish', id));
}
