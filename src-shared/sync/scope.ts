import { departmentsOf, holdsCitizenFile } from '../domain/permissions';
import type { Agent } from '../schemas/entities';
import type { Audience } from './entity-registry';
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

/** What a read asks for: rows of `scope`, and the city's reference data too when `reference`. */
export interface ScopeQuery {
  scope: SyncScope;
  reference: boolean;
}

/** Which rows of an audience a read takes: every one, those of some departments, or none. */
export type RowFilter = { kind: 'all' } | { kind: 'departments'; ids: ReadonlySet<string> } | { kind: 'none' };

/**
 * The scope rule, once: the memory store, the pull window and the replica filter rows with `inScope`; the
 * SQL builders (PostgreSQL pages, SQLite scope drops) turn the same filter into their WHERE clauses.
 */
export function audienceFilter(query: ScopeQuery, audience: Audience): RowFilter {
  switch (audience) {
    case 'everyone':
      return query.reference ? { kind: 'all' } : { kind: 'none' };
    case 'citizenFile':
      return query.scope.citizens ? { kind: 'all' } : { kind: 'none' };
    case 'departments':
      return query.scope.departments.length === 0 ? { kind: 'none' } : { kind: 'departments', ids: new Set(query.scope.departments) };
  }
}

export function passes(filter: RowFilter, departmentId: string | null): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'departments':
      return departmentId !== null && filter.ids.has(departmentId);
  }
}

/** Whether a row of `audience` in `departmentId` (null: it has none) belongs to what `query` reads. */
export function inScope(query: ScopeQuery, audience: Audience, departmentId: string | null): boolean {
  return passes(audienceFilter(query, audience), departmentId);
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
