import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  isLegalPath,
  isTerminal,
  openStatuses,
  planTransition,
  transitionRules,
  type DeadlineEffect,
} from '../../src-shared/domain/case-status';
import { GuichetError } from '../../src-shared/errors/catalogue';
import { caseStatusSchema, roleSchema, type CaseStatus, type Role } from '../../src-shared/schemas/common';
import { caseActionSchema, type CaseAction } from '../../src-shared/schemas/procedures';

const allStatuses = caseStatusSchema.options;
const allRoles = roleSchema.options;

/** The specification, written out independently of the module's table. */
const spec: Record<
  CaseAction,
  {
    from: CaseStatus[];
    to: CaseStatus;
    roles: Role[];
    deadline: DeadlineEffect;
    needsAssignee: boolean;
    needsComment: boolean;
  }
> = {
  qualify: {
    from: ['new'],
    to: 'qualified',
    roles: ['counter', 'supervisor'],
    deadline: 'none',
    needsAssignee: false,
    needsComment: false,
  },
  assign: {
    from: ['new', 'qualified', 'assigned', 'in_progress'],
    to: 'assigned',
    roles: ['supervisor'],
    deadline: 'none',
    needsAssignee: true,
    needsComment: false,
  },
  take: {
    from: ['qualified'],
    to: 'assigned',
    roles: ['field', 'supervisor'],
    deadline: 'none',
    needsAssignee: false,
    needsComment: false,
  },
  start: {
    from: ['assigned'],
    to: 'in_progress',
    roles: ['field', 'supervisor'],
    deadline: 'none',
    needsAssignee: false,
    needsComment: false,
  },
  wait_citizen: {
    from: ['in_progress'],
    to: 'waiting_citizen',
    roles: ['field', 'counter', 'supervisor'],
    deadline: 'pause',
    needsAssignee: false,
    needsComment: true,
  },
  resume: {
    from: ['waiting_citizen'],
    to: 'in_progress',
    roles: ['field', 'counter', 'supervisor'],
    deadline: 'resume',
    needsAssignee: false,
    needsComment: false,
  },
  resolve: {
    from: ['in_progress'],
    to: 'resolved',
    roles: ['field', 'supervisor'],
    deadline: 'stop',
    needsAssignee: false,
    needsComment: false,
  },
  close: {
    from: ['resolved'],
    to: 'closed',
    roles: ['counter', 'supervisor'],
    deadline: 'none',
    needsAssignee: false,
    needsComment: false,
  },
  reopen: {
    from: ['resolved'],
    to: 'in_progress',
    roles: ['counter', 'supervisor'],
    deadline: 'restart',
    needsAssignee: false,
    needsComment: true,
  },
  reject: { from: ['new', 'qualified'], to: 'rejected', roles: ['supervisor'], deadline: 'stop', needsAssignee: false, needsComment: true },
  cancel: {
    from: ['new', 'qualified', 'assigned', 'in_progress', 'waiting_citizen'],
    to: 'cancelled',
    roles: ['counter', 'supervisor'],
    deadline: 'stop',
    needsAssignee: false,
    needsComment: false,
  },
};

const actions = caseActionSchema.options;

function thrown(fn: () => unknown): GuichetError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GuichetError) return error;
    throw error;
  }
  throw new Error('expected a GuichetError');
}

describe('transitionRules', () => {
  it('has exactly one rule per action', () => {
    expect(transitionRules.map((rule) => rule.action).sort()).toEqual([...actions].sort());
  });

  it.each(actions)('%s matches the specification', (action) => {
    const rule = transitionRules.find((candidate) => candidate.action === action);
    const expected = spec[action];
    expect(rule).toBeDefined();
    expect([...(rule?.from ?? [])].sort()).toEqual([...expected.from].sort());
    expect(rule?.to).toBe(expected.to);
    expect([...(rule?.roles ?? [])].sort()).toEqual([...expected.roles].sort());
    expect(rule?.deadline).toBe(expected.deadline);
    expect(rule?.needsAssignee).toBe(expected.needsAssignee);
    expect(rule?.needsComment).toBe(expected.needsComment);
  });

  it('never leaves a terminal status', () => {
    for (const rule of transitionRules) expect(rule.from.filter(isTerminal)).toEqual([]);
  });
});

const roleCases = actions.flatMap((action) =>
  spec[action].from.flatMap((from) =>
    allRoles.map((role) => ({ action, from, role, allowed: role === 'admin' || spec[action].roles.includes(role) })),
  ),
);

describe('planTransition by role', () => {
  it.each(roleCases)('$action from $from as $role: allowed=$allowed', ({ action, from, role, allowed }) => {
    if (allowed) {
      expect(planTransition({ status: from, action, roles: [role] }).to).toBe(spec[action].to);
    } else {
      const error = thrown(() => planTransition({ status: from, action, roles: [role] }));
      expect(error.code).toBe('TRANSITION_FORBIDDEN');
      expect(error.args).toEqual({ action, role });
    }
  });

  it.each([
    { roles: [] as Role[], role: 'none' },
    { roles: ['counter', 'field'] as Role[], role: 'counter,field' },
  ])('names the roles $role when refusing', ({ roles, role }) => {
    const error = thrown(() => planTransition({ status: 'new', action: 'reject', roles }));
    expect(error.code).toBe('TRANSITION_FORBIDDEN');
    expect(error.args).toEqual({ action: 'reject', role });
    expect(error.status).toBe('forbidden');
  });

  it('allows when any one of several roles may', () => {
    expect(planTransition({ status: 'assigned', action: 'start', roles: ['counter', 'field'] }).to).toBe('in_progress');
  });
});

const illegalCases = actions.flatMap((action) =>
  allStatuses.filter((status) => !spec[action].from.includes(status)).map((from) => ({ action, from })),
);

describe('planTransition from a wrong status', () => {
  it.each(illegalCases)('$action from $from is not allowed, even for an admin', ({ action, from }) => {
    const error = thrown(() => planTransition({ status: from, action, roles: ['admin'] }));
    expect(error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(error.args).toEqual({ from, action });
    expect(error.status).toBe('conflict');
  });

  it('reports the status before the role', () => {
    expect(thrown(() => planTransition({ status: 'closed', action: 'reject', roles: [] })).code).toBe('TRANSITION_NOT_ALLOWED');
  });
});

describe('allowedActions', () => {
  it.each<{ status: CaseStatus; roles: Role[]; expected: CaseAction[] }>([
    { status: 'new', roles: ['counter'], expected: ['qualify', 'cancel'] },
    { status: 'new', roles: ['supervisor'], expected: ['qualify', 'assign', 'reject', 'cancel'] },
    { status: 'new', roles: ['field'], expected: [] },
    { status: 'qualified', roles: ['field'], expected: ['take'] },
    { status: 'qualified', roles: ['admin'], expected: ['assign', 'take', 'reject', 'cancel'] },
    { status: 'assigned', roles: ['field'], expected: ['start'] },
    { status: 'in_progress', roles: ['field'], expected: ['wait_citizen', 'resolve'] },
    { status: 'in_progress', roles: ['counter'], expected: ['wait_citizen', 'cancel'] },
    { status: 'waiting_citizen', roles: ['field'], expected: ['resume'] },
    { status: 'waiting_citizen', roles: ['counter'], expected: ['resume', 'cancel'] },
    { status: 'resolved', roles: ['counter'], expected: ['close', 'reopen'] },
    { status: 'resolved', roles: ['field'], expected: [] },
    { status: 'in_progress', roles: ['field', 'counter'], expected: ['wait_citizen', 'resolve', 'cancel'] },
    { status: 'closed', roles: ['admin'], expected: [] },
    { status: 'merged', roles: ['admin'], expected: [] },
    { status: 'in_progress', roles: [], expected: [] },
  ])('$status as $roles → $expected', ({ status, roles, expected }) => {
    expect(allowedActions(status, roles)).toEqual(expected);
  });

  it('offers only actions that planTransition accepts', () => {
    for (const status of allStatuses) {
      for (const role of allRoles) {
        for (const action of allowedActions(status, [role])) {
          expect(() => planTransition({ status, action, roles: [role] })).not.toThrow();
        }
      }
    }
  });
});

describe('isTerminal and openStatuses', () => {
  it.each<[CaseStatus, boolean]>([
    ['new', false],
    ['qualified', false],
    ['assigned', false],
    ['in_progress', false],
    ['waiting_citizen', false],
    ['resolved', false],
    ['closed', true],
    ['rejected', true],
    ['cancelled', true],
    ['merged', true],
  ])('%s terminal: %s', (status, terminal) => {
    expect(isTerminal(status)).toBe(terminal);
  });

  it('open statuses are neither resolved nor terminal', () => {
    expect([...openStatuses].sort()).toEqual(['assigned', 'in_progress', 'new', 'qualified', 'waiting_citizen']);
  });
});

describe('isLegalPath', () => {
  it.each<[CaseStatus[], boolean]>([
    [['new'], true],
    [[], false],
    [['qualified'], false],
    [['new', 'qualified', 'assigned', 'in_progress', 'resolved', 'closed'], true],
    [['new', 'qualified', 'assigned', 'in_progress', 'waiting_citizen', 'in_progress', 'waiting_citizen', 'in_progress', 'resolved'], true],
    [['new', 'assigned', 'assigned', 'in_progress', 'assigned'], true],
    [['new', 'qualified', 'assigned', 'in_progress', 'resolved', 'in_progress', 'resolved', 'closed'], true],
    [['new', 'rejected'], true],
    [['new', 'qualified', 'assigned', 'cancelled'], true],
    [['new', 'in_progress'], false],
    [['new', 'new'], false],
    [['new', 'qualified', 'qualified'], false],
    [['new', 'qualified', 'assigned', 'rejected'], false],
    [['new', 'qualified', 'assigned', 'in_progress', 'waiting_citizen', 'resolved'], false],
    [['new', 'qualified', 'assigned', 'in_progress', 'waiting_citizen', 'assigned'], false],
    [['new', 'qualified', 'assigned', 'in_progress', 'resolved', 'cancelled'], false],
    [['new', 'qualified', 'assigned', 'in_progress', 'resolved', 'closed', 'in_progress'], false],
    [['new', 'merged'], false],
  ])('%j → %s', (path, legal) => {
    expect(isLegalPath(path)).toBe(legal);
  });

  it('accepts every walk made of allowed actions', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (choices) => {
        const path: CaseStatus[] = ['new'];
        for (const choice of choices) {
          const status = path[path.length - 1] ?? 'new';
          const options = allowedActions(status, ['admin']);
          const action = options[choice % Math.max(options.length, 1)];
          if (action === undefined) break;
          path.push(planTransition({ status, action, roles: ['admin'] }).to);
        }
        expect(isLegalPath(path)).toBe(true);
      }),
    );
  });
});
