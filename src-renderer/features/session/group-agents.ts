import type { Role } from '../../../src-shared/schemas/common';
import type { Agent } from '../../../src-shared/schemas/entities';
import { normalizeName } from '../../../src-shared/domain/similarity';

export interface AgentGroup {
  role: Role | null;
  agents: Agent[];
}

/** Counter agents first: they use the desk most. */
const roleOrder: readonly Role[] = ['counter', 'supervisor', 'field', 'admin'];

/**
 * Agents grouped by their main (first) role, filtered by a query matched against name, email and the
 * names of their departments, accents and case ignored.
 */
export function groupAgents(agents: readonly Agent[], query: string, departmentName: (id: string) => string | undefined): AgentGroup[] {
  const needle = normalizeName(query);
  const groups = new Map<Role | null, AgentGroup>();
  for (const agent of agents) {
    const departments = agent.roles.map((entry) => departmentName(entry.departmentId) ?? '').join(' ');
    if (needle !== '' && !normalizeName(`${agent.name} ${agent.email} ${departments}`).includes(needle)) continue;
    const role = agent.roles[0]?.role ?? null;
    const group = groups.get(role) ?? { role, agents: [] };
    group.agents.push(agent);
    groups.set(role, group);
  }
  const rank = (group: AgentGroup): number => (group.role === null ? roleOrder.length : roleOrder.indexOf(group.role));
  return [...groups.values()].sort((a, b) => rank(a) - rank(b));
}

export interface RoleSummary {
  role: Role;
  /** Department names when known; `count` always. */
  departments: string[];
  count: number;
}

/** "Agent d'accueil in 12 departments" rather than the same role listed twelve times. */
export function summarizeRoles(agent: Agent, departmentName: (id: string) => string | undefined): RoleSummary[] {
  const byRole = new Map<Role, RoleSummary>();
  for (const entry of agent.roles) {
    const summary = byRole.get(entry.role) ?? { role: entry.role, departments: [], count: 0 };
    summary.count += 1;
    const name = departmentName(entry.departmentId);
    if (name !== undefined) summary.departments.push(name);
    byRole.set(entry.role, summary);
  }
  return [...byRole.values()];
}
