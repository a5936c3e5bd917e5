import { departmentsOf, mayPerform } from '../../../src-shared/domain/permissions';
import type { Agent } from '../../../src-shared/schemas/entities';

type AgentRoles = Pick<Agent, 'roles'>;

/**
 * The departments whose synthesis (indicators, open answers, outcomes) the agent reads, those they steer
 * (`survey.design`) first: a supervisor who is also a counter agent everywhere opens on their own department.
 */
export function synthesisDepartments(agent: AgentRoles): string[] {
  const readable = departmentsOf(agent).filter((id) => mayPerform(agent, 'survey.synthesis.read', id));
  const steered = readable.filter((id) => mayPerform(agent, 'survey.design', id));
  return [...steered, ...readable.filter((id) => !steered.includes(id))];
}

/** The departments for which the agent writes and publishes outcomes. */
export function outcomeDepartments(agent: AgentRoles): string[] {
  return departmentsOf(agent).filter((id) => mayPerform(agent, 'outcome.publish', id));
}
