import { describe, expect, it } from 'vitest';
import type { Agent, Case } from '../../../src-shared/schemas/entities';
import { agents, buildCase, contextFor, ids, refusal, run } from './mutator-world';

const at = '2026-03-02T10:00:00.000Z';

interface Row {
  title: string;
  actor: Agent;
  current: Partial<Case>;
  args: Record<string, unknown>;
  patch: Partial<Case>;
  data: Record<string, unknown>;
}

const accepted: Row[] = [
  {
    title: 'a counter agent qualifies a new case',
    actor: agents.counter,
    current: {},
    args: { action: 'qualify', expectedStatus: 'new' },
    patch: { status: 'qualified', assigneeId: null, closedAt: null, version: 3 },
    data: { action: 'qualify', from: 'new', to: 'qualified', comment: null },
  },
  {
    title: 'a field agent takes a qualified case for themselves',
    actor: agents.field,
    current: { status: 'qualified' },
    args: { action: 'take', expectedStatus: 'qualified' },
    patch: { status: 'assigned', assigneeId: ids.field },
    data: { action: 'take', assigneeId: ids.field, previousAssigneeId: null },
  },
  {
    title: 'a supervisor assigns to an agent of the department',
    actor: agents.supervisor,
    current: { status: 'qualified' },
    args: { action: 'assign', expectedStatus: 'qualified', assigneeId: ids.field },
    patch: { status: 'assigned', assigneeId: ids.field },
    data: { action: 'assign', assigneeId: ids.field, previousAssigneeId: null },
  },
  {
    title: 'waiting for the citizen pauses the deadline',
    actor: agents.field,
    current: { status: 'in_progress', assigneeId: ids.field },
    args: { action: 'wait_citizen', expectedStatus: 'in_progress', comment: 'Merci de préciser le numéro.' },
    patch: { status: 'waiting_citizen', deadlinePausedAt: at, deadline: undefined },
    data: { comment: 'Merci de préciser le numéro.' },
  },
  {
    title: 'resuming moves the deadline by the working days spent waiting',
    actor: agents.field,
    current: { status: 'waiting_citizen', assigneeId: ids.field, deadlinePausedAt: '2026-02-23T10:00:00.000Z' },
    args: { action: 'resume', expectedStatus: 'waiting_citizen' },
    patch: { status: 'in_progress', deadline: '2026-03-23', deadlinePausedAt: null },
    data: { from: 'waiting_citizen', to: 'in_progress' },
  },
  {
    title: 'resolving leaves the case open to a reopening',
    actor: agents.field,
    current: { status: 'in_progress', assigneeId: ids.field },
    args: { action: 'resolve', expectedStatus: 'in_progress' },
    patch: { status: 'resolved', closedAt: null },
    data: { to: 'resolved' },
  },
  {
    title: 'closing a resolved case dates its closing now',
    actor: agents.counter,
    current: { status: 'resolved', assigneeId: ids.field },
    args: { action: 'close', expectedStatus: 'resolved' },
    patch: { status: 'closed', closedAt: at, assigneeId: ids.field },
    data: { action: 'close', from: 'resolved', to: 'closed' },
  },
  {
    title: 'reopening restarts the deadline from now and clears the closing date',
    actor: agents.counter,
    current: { status: 'resolved', assigneeId: ids.field, closedAt: '2026-02-28T10:00:00.000Z' },
    args: { action: 'reopen', expectedStatus: 'resolved', comment: 'Le trou est revenu.' },
    patch: { status: 'in_progress', deadline: '2026-03-16', closedAt: null },
    data: { action: 'reopen', comment: 'Le trou est revenu.' },
  },
];

describe('case.transition', () => {
  it.each(accepted)('$title', ({ actor, current, args, patch, data }) => {
    const ctx = contextFor(actor, { cases: [buildCase(current)] });
    const { effects, result } = run(ctx, 'case.transition', { caseId: ids.case, eventId: ids.event, ...args });
    expect(result).toEqual({ id: ids.case, status: patch.status });
    const [update, event] = effects;
    expect(update).toMatchObject({ op: 'update', entity: 'case', id: ids.case, patch: { updatedAt: at, version: 3 } });
    const written = update?.op === 'update' ? update.patch : {};
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) expect(written, field).not.toHaveProperty(field);
      else expect(written, field).toHaveProperty(field, value);
    }
    expect(event).toMatchObject({
      op: 'insert',
      entity: 'caseEvent',
      row: { id: ids.event, caseId: ids.case, type: 'status_changed', data },
    });
  });

  it.each<[string, Agent, Partial<Case>, Record<string, unknown>, { code: string; args?: unknown }]>([
    [
      'a status other than the one the agent saw',
      agents.counter,
      { status: 'qualified' },
      { action: 'qualify', expectedStatus: 'new' },
      { code: 'STATUS_CHANGED', args: { expected: 'new', actual: 'qualified' } },
    ],
    [
      'an action the state machine does not allow from there',
      agents.supervisor,
      {},
      { action: 'resolve', expectedStatus: 'new' },
      { code: 'TRANSITION_NOT_ALLOWED', args: { from: 'new', action: 'resolve' } },
    ],
    [
      'an action the agent’s role does not allow, in their department',
      agents.counter,
      {},
      { action: 'assign', expectedStatus: 'new', assigneeId: ids.field },
      { code: 'FORBIDDEN', args: { action: 'case.transition' } },
    ],
    [
      'a case outside the agent’s departments, as if it did not exist',
      agents.civilClerk,
      {},
      { action: 'qualify', expectedStatus: 'new' },
      { code: 'CASE_NOT_FOUND', args: { caseId: ids.case } },
    ],
    [
      'an assignment without an assignee',
      agents.supervisor,
      {},
      { action: 'assign', expectedStatus: 'new' },
      { code: 'ASSIGNEE_REQUIRED' },
    ],
    [
      'an assignee from another department',
      agents.supervisor,
      {},
      { action: 'assign', expectedStatus: 'new', assigneeId: ids.civilClerk },
      { code: 'ASSIGNEE_NOT_IN_DEPARTMENT', args: { agentId: ids.civilClerk, departmentId: ids.voirie } },
    ],
    [
      'waiting for the citizen without saying why',
      agents.field,
      { status: 'in_progress', assigneeId: ids.field },
      { action: 'wait_citizen', expectedStatus: 'in_progress' },
      { code: 'VALIDATION_FAILED', args: { issues: [{ path: 'comment', code: 'required' }] } },
    ],
  ])('refuses %s', (_, actor, current, args, expected) => {
    const ctx = contextFor(actor, { cases: [buildCase(current)] });
    expect(refusal(ctx, 'case.transition', { caseId: ids.case, eventId: ids.event, ...args })).toMatchObject(expected);
  });

  it('refuses an unknown case as not found', () => {
    const ctx = contextFor(agents.supervisor);
    expect(refusal(ctx, 'case.transition', { caseId: ids.unknown, eventId: ids.event, action: 'qualify', expectedStatus: 'new' })).toEqual({
      code: 'CASE_NOT_FOUND',
      args: { caseId: ids.unknown },
    });
  });
});
