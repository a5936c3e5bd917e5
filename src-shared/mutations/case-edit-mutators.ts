import { isTerminal } from '../domain/case-status';
import { rolesIn } from '../domain/permissions';
import { fail } from '../errors';
import type { Case } from '../schemas/entities';
import type { MutationArgs } from './definitions';
import { caseEvent, caseToActOn } from './case-helpers';
import type { Decision, MutatorContext } from './effects';

const scalarFields = ['subject', 'address', 'priority'] as const;

/**
 * Edits a case's fields on the version the agent saw. On a stale version the scalars are refused
 * (VERSION_CONFLICT: the agent sees both values in the sync inbox), but a description alone is not lost: it
 * becomes an internal note, since long text is the one edit that cannot be retyped from memory.
 */
export function updateCase(ctx: MutatorContext, args: MutationArgs<'case.update'>): Decision<{ id: string; applied: 'edit' | 'note' }> {
  const current = caseToActOn(ctx, args.caseId, 'case.update', 'case.update');
  if (isTerminal(current.status)) throw fail('TRANSITION_NOT_ALLOWED', { from: current.status, action: 'update' });
  const patch: Partial<Case> = {};
  for (const field of scalarFields) {
    const value = args[field];
    if (value !== undefined && value !== current[field]) Object.assign(patch, { [field]: value });
  }
  const description = args.description !== undefined && args.description !== current.description ? args.description : undefined;
  if (current.version !== args.expectedVersion) {
    if (Object.keys(patch).length > 0 || description === undefined) {
      throw fail('VERSION_CONFLICT', { entity: 'case', expected: args.expectedVersion, actual: current.version });
    }
    return {
      effects: [
        caseEvent(ctx, {
          id: args.eventId,
          caseId: current.id,
          type: 'internal_note',
          data: { body: description, kind: 'description_not_applied' },
        }),
      ],
      result: { id: current.id, applied: 'note' },
    };
  }
  if (description !== undefined) patch.description = description;
  if (Object.keys(patch).length === 0) return { effects: [], result: { id: current.id, applied: 'edit' } };
  const changes = Object.fromEntries(Object.entries(patch).map(([field, to]) => [field, { from: current[field as keyof Case], to }]));
  return {
    effects: [
      { op: 'update', entity: 'case', id: current.id, patch: { ...patch, updatedAt: ctx.now.toISOString(), version: current.version + 1 } },
      caseEvent(ctx, { id: args.eventId, caseId: current.id, type: 'updated', data: { changes } }),
    ],
    result: { id: current.id, applied: 'edit' },
  };
}

const reassignableStatuses: readonly Case['status'][] = ['assigned', 'in_progress', 'waiting_citizen'];

/**
 * A supervisor moves work between agents whatever the holder did meanwhile: no compare-and-set, a
 * privileged overwrite, logged with the previous assignee.
 */
export function reassignCase(ctx: MutatorContext, args: MutationArgs<'case.reassign'>): Decision<{ id: string; assigneeId: string }> {
  const current = caseToActOn(ctx, args.caseId, 'case.reassign', 'case.reassign');
  if (!reassignableStatuses.includes(current.status)) throw fail('TRANSITION_NOT_ALLOWED', { from: current.status, action: 'reassign' });
  const assignee = ctx.read.agent(args.assigneeId);
  if (assignee === null || rolesIn(assignee, current.departmentId).length === 0) {
    throw fail('ASSIGNEE_NOT_IN_DEPARTMENT', { agentId: args.assigneeId, departmentId: current.departmentId });
  }
  return {
    effects: [
      {
        op: 'update',
        entity: 'case',
        id: current.id,
        patch: { assigneeId: assignee.id, updatedAt: ctx.now.toISOString(), version: current.version + 1 },
      },
      caseEvent(ctx, {
        id: args.eventId,
        caseId: current.id,
        type: 'assigned',
        data: { assigneeId: assignee.id, previousAssigneeId: current.assigneeId, overwrite: true, comment: args.comment },
      }),
    ],
    result: { id: current.id, assigneeId: assignee.id },
  };
}
