import { departmentsOf, holdsCitizenFile } from '../domain/permissions';
import type { Agent } from '../schemas/entities';
import type { SyncScope } from './protocol';

/**
 * What a replica receives, from the agent's current roles on the server (never the client's claim):
 * the cases and timelines of the departments they work for; the city's citizens only if they serve the
 * public (`citizen.read` in the permission table: a field agent's laptop carries no citizen file). Departments, categories and agents are the
 * city's reference data and go to everyone.
 */
export function scopeOf(agent: Pick<Agent, 'roles'>): SyncScope {
  return {
    departments: departmentsOf(agent).sort(),
    citizens: holdsCitizenFile(agent),
  };
}

export function inScope(scope: SyncScope, departmentId: string): boolean {
  return scope.departments.includes(departmentId);
}

/** What `next` has that `previous` lacked (to bootstrap), and what it lost (to drop). */
export function scopeDifference(previous: SyncScope, next: SyncScope): { added: SyncScope; dropped: SyncScope } {
  return {
    added: {
      departments: next.departments.filter((id) => !previous.departments.includes(id)),
      citizens: next.citizens && !previous.citizens,
    },
    dropped: {
      departments: previous.departments.filter((id) => !next.departments.includes(id)),
      citizens: previous.citizens && !next.citizens,
    },
  };
}

export function isEmptyScope(scope: SyncScope): boolean {
  return scope.departments.length === 0 && !scope.citizens;
}
