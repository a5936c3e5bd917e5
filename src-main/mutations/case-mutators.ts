import { planTransition, isTerminal } from '../../src-shared/domain/case-status';
import { computeDeadline, extendDeadline } from '../../src-shared/domain/deadline';
import { canCommentIn, canOpenCaseIn, rolesIn } from '../../src-shared/domain/permissions';
import { fail, GuichetError } from '../../src-shared/errors';
import type { Case, CaseEventType } from '../../src-shared/schemas/entities';
import { caseEvents, cases } from '../db/schema';
import type { MutatorContext, Mutator } from './run-mutation';

function recordEvent(
  { agent, now, write }: MutatorContext,
  event: { id: string; caseId: string; type: CaseEventType; data: Record<string, unknown> },
): void {
  write.insert(caseEvents, { ...event, at: now.toISOString(), agentId: agent.id });
}

function loadCase({ repos }: MutatorContext, caseId: string): Case {
  const found = repos.cases.byId(caseId);
  if (found === null) throw fail('CASE_NOT_FOUND', { caseId });
  return found;
}

export const openCase: Mutator<'case.open', { id: string; trackingCode: string }> = (ctx, args) => {
  const { agent, now, repos, write } = ctx;
  const category = repos.reference.category(args.categoryId);
  if (category === null) throw fail('CATEGORY_NOT_FOUND', { categoryId: args.categoryId });
  if (!canOpenCaseIn(agent, category.departmentId)) throw fail('NOT_A_MEMBER', { departmentId: category.departmentId });
  if (args.citizenId !== null) {
    const citizen = repos.citizens.byId(args.citizenId);
    if (citizen === null) throw fail('CITIZEN_NOT_FOUND', { citizenId: args.citizenId });
    if (citizen.mergedInto !== null) {
      throw fail('CITIZEN_MERGED', { citizenId: citizen.id, mergedInto: citizen.mergedInto });
    }
  }
  const at = now.toISOString();
  write.insert(cases, {
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
    deadline: computeDeadline(now, { days: category.deadlineDays, kind: category.deadlineKind }),
    deadlinePausedAt: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    version: 1,
  });
  recordEvent(ctx, { id: args.eventId, caseId: args.id, type: 'created', data: { channel: args.channel } });
  return { id: args.id, trackingCode: args.trackingCode };
};

/**
 * A status change is a compare-and-set on the status the agent saw, checked by the state machine
 * against the agent's roles in the case's department.
 */
export const transitionCase: Mutator<'case.transition', { id: string; status: Case['status'] }> = (ctx, args) => {
  const { agent, now, repos, write } = ctx;
  const current = loadCase(ctx, args.caseId);
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
    const assignee = repos.reference.agent(assigneeId);
    if (assignee === null || rolesIn(assignee, current.departmentId).length === 0) {
      throw new GuichetError('ASSIGNEE_NOT_IN_DEPARTMENT', { agentId: assigneeId, departmentId: current.departmentId });
    }
  }

  const patch: Partial<typeof cases.$inferInsert> = {
    status: rule.to,
    assigneeId,
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  const category = repos.reference.category(current.categoryId);
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
  write.update(cases, current.id, patch);

  recordEvent(ctx, {
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
  });
  return { id: current.id, status: rule.to };
};

export const commentCase: Mutator<'case.comment', { id: string }> = (ctx, args) => {
  const current = loadCase(ctx, args.caseId);
  if (!canCommentIn(ctx.agent, current.departmentId)) throw fail('NOT_A_MEMBER', { departmentId: current.departmentId });
  recordEvent(ctx, {
    id: args.eventId,
    caseId: current.id,
    type: args.visibility === 'internal' ? 'internal_note' : 'public_reply',
    // A public reply is recorded now and sent once notifications exist.
    data: args.visibility === 'internal' ? { body: args.body } : { body: args.body, delivery: 'pending' },
  });
  return { id: args.eventId };
};
