import { fail } from '../errors/catalogue';
import type { CaseStatus, Role } from '../schemas/common';
import type { CaseAction } from '../schemas/procedures';

/**
 * What a transition does to the case's deadline:
 * - `none`: nothing;
 * - `pause`: the clock stops (the case waits for the citizen), the deadline will be extended on resume;
 * - `resume`: the clock runs again and the deadline is pushed by the time spent paused;
 * - `stop`: the case is finished, its deadline no longer counts (never overdue again);
 * - `restart`: a reopened case gets a fresh deadline computed from now with its category's target, because
 *   the citizen is owed a new answer, not the remains of the old delay.
 */
export type DeadlineEffect = 'none' | 'pause' | 'resume' | 'stop' | 'restart';

export interface TransitionRule {
  action: CaseAction;
  from: readonly CaseStatus[];
  to: CaseStatus;
  /** Roles (in the case's department) allowed to act; `admin` is allowed everywhere and is not listed. */
  roles: readonly Role[];
  deadline: DeadlineEffect;
  /** The transition names another agent as assignee (the caller must supply one). */
  needsAssignee: boolean;
  /** The transition must carry a comment: the citizen or the next agent needs to know why. */
  needsComment: boolean;
}

/**
 * The case lifecycle (docs/architecture.md), one rule per action. `merged` is reached only through the merge
 * operation, which is not a status change an agent picks from a menu, so no rule leads to it.
 * `take` puts the acting agent as assignee, hence it does not need one supplied.
 * `assign` is also a re-assignment (supervisors move work between agents); a case waiting for the citizen
 * must be resumed first, so its paused deadline is never lost by a re-assignment.
 */
export const transitionRules: readonly TransitionRule[] = [
  {
    action: 'qualify',
    from: ['new'],
    to: 'qualified',
    roles: ['counter', 'supervisor'],
    deadline: 'none',
    needsAssignee: false,
    needsComment: false,
  },
  {
    action: 'assign',
    from: ['new', 'qualified', 'assigned', 'in_progress'],
    to: 'assigned',
    roles: ['supervisor'],
    deadline: 'none',
    needsAssignee: true,
    needsComment: false,
  },
  {
    action: 'take',
    from: ['qualified'],
    to: 'assigned',
    roles: ['field', 'supervisor'],
    deadline: 'none',
    needsAssignee: false,
    needsComment: false,
  },
  {
    action: 'start',
    from: ['assigned'],
    to: 'in_progress',
    roles: ['field', 'supervisor'],
    deadline: 'none',
    needsAssignee: false,
    needsComment: false,
  },
  {
    action: 'wait_citizen',
    from: ['in_progress'],
    to: 'waiting_citizen',
    roles: ['field', 'counter', 'supervisor'],
    deadline: 'pause',
    needsAssignee: false,
    needsComment: true,
  },
  {
    action: 'resume',
    from: ['waiting_citizen'],
    to: 'in_progress',
    // The citizen's answer arrives at the desk, by phone or in the street: whoever receives it resumes.
    roles: ['field', 'counter', 'supervisor'],
    deadline: 'resume',
    needsAssignee: false,
    needsComment: false,
  },
  {
    action: 'resolve',
    from: ['in_progress'],
    to: 'resolved',
    roles: ['field', 'supervisor'],
    deadline: 'stop',
    needsAssignee: false,
    needsComment: false,
  },
  {
    action: 'close',
    from: ['resolved'],
    to: 'closed',
    roles: ['counter', 'supervisor'],
    // Already stopped by `resolve`.
    deadline: 'none',
    needsAssignee: false,
    needsComment: false,
  },
  {
    action: 'reopen',
    from: ['resolved'],
    to: 'in_progress',
    roles: ['counter', 'supervisor'],
    deadline: 'restart',
    needsAssignee: false,
    needsComment: true,
  },
  {
    action: 'reject',
    from: ['new', 'qualified'],
    to: 'rejected',
    roles: ['supervisor'],
    deadline: 'stop',
    needsAssignee: false,
    needsComment: true,
  },
  {
    action: 'cancel',
    from: ['new', 'qualified', 'assigned', 'in_progress', 'waiting_citizen'],
    to: 'cancelled',
    roles: ['counter', 'supervisor'],
    deadline: 'stop',
    needsAssignee: false,
    needsComment: false,
  },
];

const terminalStatuses: ReadonlySet<CaseStatus> = new Set(['closed', 'rejected', 'cancelled', 'merged']);

/** Statuses whose deadline is running (or paused, for `waiting_citizen`): neither resolved nor terminal. */
export const openStatuses: readonly CaseStatus[] = ['new', 'qualified', 'assigned', 'in_progress', 'waiting_citizen'];

const rulesByAction = new Map(transitionRules.map((rule) => [rule.action, rule]));

export function ruleFor(action: CaseAction): TransitionRule {
  const rule = rulesByAction.get(action);
  // Unreachable while transitionRules covers every action; the unit tests hold that.
  if (!rule) throw new Error(`No transition rule for action ${action}`);
  return rule;
}

export function roleMayApply(rule: TransitionRule, roles: readonly Role[]): boolean {
  return roles.some((role) => role === 'admin' || rule.roles.includes(role));
}

/** Actions offered on a case, for the roles the agent holds in the case's department. */
export function allowedActions(status: CaseStatus, roles: readonly Role[]): CaseAction[] {
  return transitionRules.filter((rule) => rule.from.includes(status) && roleMayApply(rule, roles)).map((rule) => rule.action);
}

/**
 * Checks an action against the current status, then against the roles (in that order, so a stale screen
 * reports a status problem rather than a permission one), and returns the rule to apply.
 */
export function planTransition(input: { status: CaseStatus; action: CaseAction; roles: readonly Role[] }): TransitionRule {
  const rule = ruleFor(input.action);
  if (!rule.from.includes(input.status)) {
    throw fail('TRANSITION_NOT_ALLOWED', { from: input.status, action: input.action });
  }
  if (!roleMayApply(rule, input.roles)) {
    const role = input.roles.length > 0 ? input.roles.join(',') : 'none';
    throw fail('TRANSITION_FORBIDDEN', { action: input.action, role });
  }
  return rule;
}

export function isTerminal(status: CaseStatus): boolean {
  return terminalStatuses.has(status);
}

const legalSteps: ReadonlySet<string> = new Set(transitionRules.flatMap((rule) => rule.from.map((from) => `${from}>${rule.to}`)));

/** A status history is legal when it starts at `new` and each step is some rule's transition. */
export function isLegalPath(statuses: readonly CaseStatus[]): boolean {
  if (statuses[0] !== 'new') return false;
  for (let i = 1; i < statuses.length; i += 1) {
    if (!legalSteps.has(`${statuses[i - 1]}>${statuses[i]}`)) return false;
  }
  return true;
}
