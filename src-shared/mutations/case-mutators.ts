import { isTerminal, planTransition } from '../domain/case-status';
import { computeDeadline, extendDeadline } from '../domain/deadline';
import { rolesIn, transitionPermission } from '../domain/permissions';
import { fail } from '../errors';
import type { Case } from '../schemas/entities';
import type { MutationArgs } from './definitions';
import { caseEvent, caseToActOn, requirePermission } from './case-helpers';
import type { Decision, MutatorContext } from './effects';

/**
 * A case lands in its category's department (reference data every replica holds). Naming a citizen needs
 * the citizen file: without it the citizen is not even looked up, so nothing of the record is told.
 */
export function openCase(ctx: MutatorContext, args: MutationArgs<'case.open'>): Decision<{ id: string; trackingCode: string }> {
  const category = ctx.read.category(args.categoryId);
  if (category === null) throw fail('CATEGORY_NOT_FOUND', { categoryId: args.categoryId });
  requirePermission(ctx, 'case.open', 'case.open', category.departmentId);
  if (args.citizenId !== null) {
    requirePermission(ctx, 'case.open', 'citizen.read', null);
    const citizen = ctx.read.citizen(args.citizenId);
    if (citizen === null) throw fail('CITIZEN_NOT_FOUND', { citizenId: args.citizenId });
    if (citizen.mergedInto !== null) throw fail('CITIZEN_MERGED', { citizenId: citizen.id, mergedInto: citizen.mergedInto });
  }
  const at = ctx.now.toISOString();
  const row: Case = {
    id: args.id,
    trackingCode: args.trackingCode,
    kind: category.kind,
    citizenId: args.citizenId,
    categoryId: category.id,
    departmentId: category.departmentId,
    channel: args.channel,
    subject: args.subject,
    description: args.description,
    address: args.address,
    latitude: null,
    longitude: null,
    status: 'new',
    priority: args.priority ?? category.defaultPriority,
    assigneeId: null,
    parentId: null,
    duplicateOfId: null,
    deadline: computeDeadline(ctx.now, { days: category.deadlineDays, kind: category.deadlineKind }),
    deadlinePausedAt: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    version: 1,
  };
  return {
    effects: [
      { op: 'insert', entity: 'case', row },
      caseEvent(ctx, { id: args.eventId, caseId: args.id, type: 'created', data: { channel: args.channel } }),
    ],
    result: { id: args.id, trackingCode: args.trackingCode },
  };
}

/**
 * A status change is a compare-and-set on the status the agent saw, checked by the state machine. The
 * agent's role for the action is checked first: the case's status is told only to those who may act.
 */
export function transitionCase(
  ctx: MutatorContext,
  args: MutationArgs<'case.transition'>,
): Decision<{ id: string; status: Case['status'] }> {
  const { agent, now } = ctx;
  const current = caseToActOn(ctx, args.caseId, 'case.transition', transitionPermission(args.action));
  if (current.status !== args.expectedStatus) {
    throw fail('STATUS_CHANGED', { expected: args.expectedStatus, actual: current.status });
  }
  const rule = planTransition({ status: current.status, action: args.action, roles: rolesIn(agent, current.departmentId) });
  if (rule.needsComment && args.comment === null) {
    throw fail('VALIDATION_FAILED', { issues: [{ path: 'comment', code: 'required' }] });
  }
  const assigneeId = rule.action === 'take' ? agent.id : rule.needsAssignee ? args.assigneeId : current.assigneeId;
  if (rule.needsAssignee && assigneeId === null) throw fail('ASSIGNEE_REQUIRED');
  if (assigneeId !== null && assigneeId !== current.assigneeId) {
    const assignee = ctx.read.agent(assigneeId);
    if (assignee === null || rolesIn(assignee, current.departmentId).length === 0) {
      throw fail('ASSIGNEE_NOT_IN_DEPARTMENT', { agentId: assigneeId, departmentId: current.departmentId });
    }
  }

  const patch: Partial<Case> = { status: rule.to, assigneeId, updatedAt: now.toISOString(), version: current.version + 1 };
  const category = ctx.read.category(current.categoryId);
  if (rule.deadline === 'pause') patch.deadlinePausedAt = now.toISOString();
  if (rule.deadline === 'resume' && current.deadline !== null && current.deadlinePausedAt !== null && category !== null) {
    patch.deadline = extendDeadline(current.deadline, new Date(current.deadlinePausedAt), now, category.deadlineKind);
    patch.deadlinePausedAt = null;
  }
  if (rule.deadline === 'restart' && category !== null) {
    patch.deadline = computeDeadline(now, { days: category.deadlineDays, kind: category.deadlineKind });
    patch.deadlinePausedAt = null;
  }
  patch.closedAt = isTerminal(rule.to) ? now.toISOString() : null;

  return {
    effects: [
      { op: 'update', entity: 'case', id: current.id, patch },
      caseEvent(ctx, {
        id: args.eventId,
        caseId: current.id,
        type: 'status_changed',
        // One event per transition; an assignment made by it (assign, take) is part of it.
        data: {
          action: rule.action,
          from: current.status,
          to: rule.to,
          comment: args.comment,
          ...(assigneeId !== current.assigneeId ? { assigneeId, previousAssigneeId: current.assigneeId } : {}),
        },
      }),
    ],
    result: { id: current.id, status: rule.to },
  };
}

export function commentCase(ctx: MutatorContext, args: MutationArgs<'case.comment'>): Decision<{ id: string }> {
  const current = caseToActOn(ctx, args.caseId, 'case.comment', 'case.comment');
  return {
    effects: [
      caseEvent(ctx, {
        id: args.eventId,
        caseId: current.id,
        type: args.visibility === 'internal' ? 'internal_note' : 'public_reply',
        // The central service emails a feedback's reply to its author who consented, and writes what became of it
        // in `delivery` (src-central/mail/voice-mail-sender.ts); other cases' replies are not emailed yet.
        data: args.visibility === 'internal' ? { body: args.body } : { body: args.body, delivery: 'pending' },
      }),
    ],
    result: { id: args.eventId },
  };
}

const transferableStatuses: readonly Case['status'][] = ['new', 'qualified'];

/**
 * A misrouted case goes to the right department before anyone works on it (new or qualified), with a
 * category of that department and a deadline counted from now. Its timeline goes with it.
 */
export function transferCase(ctx: MutatorContext, args: MutationArgs<'case.transfer'>): Decision<{ id: string; departmentId: string }> {
  const current = caseToActOn(ctx, args.caseId, 'case.transfer', 'case.transfer');
  if (current.departmentId !== args.expectedDepartmentId) {
    throw fail('DEPARTMENT_CHANGED', { expected: args.expectedDepartmentId, actual: current.departmentId });
  }
  if (!transferableStatuses.includes(current.status)) throw fail('TRANSITION_NOT_ALLOWED', { from: current.status, action: 'transfer' });
  const category = ctx.read.category(args.categoryId);
  if (category === null) throw fail('CATEGORY_NOT_FOUND', { categoryId: args.categoryId });
  if (category.departmentId === current.departmentId) {
    throw fail('VALIDATION_FAILED', { issues: [{ path: 'categoryId', code: 'same_department' }] });
  }
  const patch: Partial<Case> = {
    categoryId: category.id,
    departmentId: category.departmentId,
    kind: category.kind,
    deadline: computeDeadline(ctx.now, { days: category.deadlineDays, kind: category.deadlineKind }),
    deadlinePausedAt: null,
    updatedAt: ctx.now.toISOString(),
    version: current.version + 1,
  };
  return {
    effects: [
      { op: 'update', entity: 'case', id: current.id, patch },
      caseEvent(ctx, {
        id: args.eventId,
        caseId: current.id,
        type: 'transferred',
        data: {
          fromDepartmentId: current.departmentId,
          toDepartmentId: category.departmentId,
          fromCategoryId: current.categoryId,
          toCategoryId: category.id,
          comment: args.comment,
        },
      }),
    ],
    result: { id: current.id, departmentId: category.departmentId },
  };
}
