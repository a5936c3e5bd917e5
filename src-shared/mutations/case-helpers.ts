import { departmentsOf, mayPerform, type PermissionAction } from '../domain/permissions';
import { fail } from '../errors';
import type { Case, CaseEvent } from '../schemas/entities';
import type { MutationName } from './definitions';
import type { Effect, MutatorContext } from './effects';

/**
 * The case a mutation acts on, once the agent's permission on it is established: nothing of the row but
 * its department is read before. A case the agent may not act on answers as if it did not exist when it
 * lies outside the agent's departments (their replica does not hold it, and its existence is not theirs to
 * learn), and FORBIDDEN inside them; neither answer carries a field of the row.
 */
export function caseToActOn(ctx: MutatorContext, caseId: string, mutation: MutationName, permission: PermissionAction): Case {
  const found = ctx.read.case(caseId);
  if (found !== null && mayPerform(ctx.agent, permission, found.departmentId)) return found;
  if (found === null || !departmentsOf(ctx.agent).includes(found.departmentId)) throw fail('CASE_NOT_FOUND', { caseId });
  throw fail('FORBIDDEN', { action: mutation });
}

/** Refuses an action the agent's roles do not allow where it lands (null: the citizen file). */
export function requirePermission(
  ctx: MutatorContext,
  mutation: MutationName,
  permission: PermissionAction,
  departmentId: string | null,
): void {
  if (!mayPerform(ctx.agent, permission, departmentId)) throw fail('FORBIDDEN', { action: mutation });
}

/** A timeline event by the acting agent, now. */
export function caseEvent(ctx: MutatorContext, row: Pick<CaseEvent, 'id' | 'caseId' | 'type' | 'data'>): Effect {
  return { op: 'insert', entity: 'caseEvent', row: { ...row, at: ctx.now.toISOString(), agentId: ctx.agent.id } };
}
