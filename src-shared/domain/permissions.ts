import { roleSchema, type Role } from '../schemas/common';
import type { Agent } from '../schemas/entities';

type AgentRoles = Pick<Agent, 'roles'>;

/** The agent's roles in one department, without repeats, in the schema's order. */
export function rolesIn(agent: AgentRoles, departmentId: string): Role[] {
  const held = new Set(agent.roles.filter((entry) => entry.departmentId === departmentId).map((entry) => entry.role));
  return roleSchema.options.filter((role) => held.has(role));
}

/** Departments the agent belongs to, each once, in the order granted. */
export function departmentsOf(agent: AgentRoles): string[] {
  return [...new Set(agent.roles.map((entry) => entry.departmentId))];
}

const deskRoles: ReadonlySet<Role> = new Set(['counter', 'supervisor', 'admin']);

function holdsAnywhere(agent: AgentRoles, roles: ReadonlySet<Role>): boolean {
  return agent.roles.some((entry) => roles.has(entry.role));
}

/**
 * Whether the agent may open a case in a department. Opening a request for any department is the point of
 * the desk (DESIGN.md §1), so a counter agent, a supervisor or an admin of any department may open one
 * anywhere; a field agent only in its own departments (reports made in the street).
 */
export function canOpenCaseIn(agent: AgentRoles, departmentId: string): boolean {
  if (holdsAnywhere(agent, deskRoles)) return true;
  return agent.roles.some((entry) => entry.departmentId === departmentId && entry.role === 'field');
}

const counterRole: ReadonlySet<Role> = new Set(['counter']);

/**
 * Whether the agent may add a note to a case of a department: any member of it, and counter agents
 * anywhere, because they take the citizen's calls about every department's cases.
 */
export function canCommentIn(agent: AgentRoles, departmentId: string): boolean {
  return holdsAnywhere(agent, counterRole) || agent.roles.some((entry) => entry.departmentId === departmentId);
}
