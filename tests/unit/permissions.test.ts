import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedActions, ruleFor, transitionRules } from '../../src-shared/domain/case-status';
import {
  canCommentIn,
  canOpenCaseIn,
  departmentsOf,
  holdsCitizenFile,
  mayPerform,
  offeredTransitions,
  permissionActions,
  permissionTable,
  rolesIn,
  surveyDesignDepartments,
  transitionPermission,
  type PermissionAction,
} from '../../src-shared/domain/permissions';
import { caseStatusSchema, roleSchema, type Role } from '../../src-shared/schemas/common';
import { scopeOf } from '../../src-shared/sync';
import type { AgentRole } from '../../src-shared/schemas/entities';

const voirie = '0190a000-0000-7000-8000-000000000001';
const etatCivil = '0190a000-0000-7000-8000-000000000002';
const proprete = '0190a000-0000-7000-8000-000000000003';

function agent(...grants: [string, Role][]): { roles: AgentRole[] } {
  return { roles: grants.map(([departmentId, role]) => ({ departmentId, role })) };
}

const counterAtEtatCivil = agent([etatCivil, 'counter']);
const fieldAtVoirie = agent([voirie, 'field']);
const supervisorAtVoirie = agent([voirie, 'supervisor']);
const adminAtProprete = agent([proprete, 'admin']);
const fieldAndSupervisor = agent([voirie, 'field'], [voirie, 'supervisor'], [proprete, 'field'], [voirie, 'field']);
const nobody = agent();
const ruleActions = transitionRules.map((rule) => rule.action);

describe('rolesIn', () => {
  it.each<[string, { roles: AgentRole[] }, string, Role[]]>([
    ['counter, own department', counterAtEtatCivil, etatCivil, ['counter']],
    ['counter, other department', counterAtEtatCivil, voirie, []],
    ['repeated grants, once each in schema order', fieldAndSupervisor, voirie, ['field', 'supervisor']],
    ['one of several departments', fieldAndSupervisor, proprete, ['field']],
    ['no roles', nobody, voirie, []],
  ])('%s', (_label, who, departmentId, expected) => {
    expect(rolesIn(who, departmentId)).toEqual(expected);
  });
});

describe('departmentsOf', () => {
  it.each<[string, { roles: AgentRole[] }, string[]]>([
    ['one department', counterAtEtatCivil, [etatCivil]],
    ['each department once, in grant order', fieldAndSupervisor, [voirie, proprete]],
    ['none', nobody, []],
  ])('%s', (_label, who, expected) => {
    expect(departmentsOf(who)).toEqual(expected);
  });
});

describe('canOpenCaseIn', () => {
  it.each<[string, { roles: AgentRole[] }, string, boolean]>([
    ['a counter agent, in its department', counterAtEtatCivil, etatCivil, true],
    ['a counter agent, in any other department', counterAtEtatCivil, voirie, true],
    ['a supervisor, in another department', supervisorAtVoirie, etatCivil, true],
    ['an admin, in another department', adminAtProprete, voirie, true],
    ['a field agent, in its department (street report)', fieldAtVoirie, voirie, true],
    ['a field agent, in another department', fieldAtVoirie, etatCivil, false],
    ['a field agent who also supervises, elsewhere', fieldAndSupervisor, etatCivil, true],
    ['an agent without roles', nobody, voirie, false],
  ])('%s → %s', (_label, who, departmentId, expected) => {
    expect(canOpenCaseIn(who, departmentId)).toBe(expected);
  });

  it('a field-only agent of two departments opens in those only', () => {
    const who = agent([voirie, 'field'], [proprete, 'field']);
    expect([voirie, proprete, etatCivil].map((id) => canOpenCaseIn(who, id))).toEqual([true, true, false]);
  });
});

describe('surveyDesignDepartments', () => {
  it.each<[string, { roles: AgentRole[] }, string[]]>([
    ['a supervisor designs for its department', supervisorAtVoirie, [voirie]],
    ['an admin designs for its department', adminAtProprete, [proprete]],
    ['a counter agent designs for none', counterAtEtatCivil, []],
    ['a field agent designs for none', fieldAtVoirie, []],
    ['a field agent who supervises one department designs for that one', fieldAndSupervisor, [voirie]],
    ['an agent without roles designs for none', nobody, []],
  ])('%s', (_label, who, expected) => {
    expect(surveyDesignDepartments(who)).toEqual(expected);
  });
});

describe('canCommentIn', () => {
  it.each<[string, { roles: AgentRole[] }, string, boolean]>([
    ['a counter agent, anywhere', counterAtEtatCivil, voirie, true],
    ['a field agent, in its department', fieldAtVoirie, voirie, true],
    ['a field agent, elsewhere', fieldAtVoirie, etatCivil, false],
    ['a supervisor, in its department', supervisorAtVoirie, voirie, true],
    ['a supervisor, elsewhere', supervisorAtVoirie, proprete, false],
    ['an admin, in its department', adminAtProprete, proprete, true],
    ['an admin, elsewhere', adminAtProprete, voirie, false],
    ['an agent without roles', nobody, voirie, false],
  ])('%s → %s', (_label, who, departmentId, expected) => {
    expect(canCommentIn(who, departmentId)).toBe(expected);
  });
});

/**
 * The permission table, cell by cell (docs/security/permissions.md). Roles in the order counter, field,
 * supervisor, admin, each held in Voirie alone. Case actions: two letters per role, a case of Voirie (the
 * agent's department) then one of État civil (another); citizen actions: one letter per role (the citizen
 * file belongs to no department). Y allowed, N refused.
 */
const expectedTable: Record<PermissionAction, string> = {
  'citizen.read': 'Y N Y Y',
  'citizen.create': 'Y N Y Y',
  'citizen.update': 'Y N Y Y',
  'case.open': 'YY YN YY YY',
  'case.transition.qualify': 'YN NN YN YN',
  'case.transition.assign': 'NN NN YN YN',
  'case.transition.take': 'NN YN YN YN',
  'case.transition.start': 'NN YN YN YN',
  'case.transition.wait_citizen': 'YN YN YN YN',
  'case.transition.resume': 'YN YN YN YN',
  'case.transition.resolve': 'NN YN YN YN',
  'case.transition.close': 'YN NN YN YN',
  'case.transition.reopen': 'YN NN YN YN',
  'case.transition.reject': 'NN NN YN YN',
  'case.transition.cancel': 'YN NN YN YN',
  'case.transfer': 'YN NN YN YN',
  'case.update': 'YN YN YN YN',
  'case.reassign': 'NN NN YN YN',
  'case.comment': 'YY YN YN YN',
  'survey.design': 'NN NN YN YN',
  'survey.response.enter': 'YY YN YN YN',
  'survey.synthesis.read': 'YN YN YN YN',
  'survey.answer.tag': 'YN YN YN YN',
  'outcome.publish': 'NN NN YN YN',
};

const citizenActions = new Set<PermissionAction>(['citizen.read', 'citizen.create', 'citizen.update']);

const cells = Object.entries(expectedTable).flatMap(([action, spec]) =>
  spec.split(' ').flatMap((letters, index) => {
    const role = roleSchema.options[index] as Role;
    const targets: (string | null)[] = citizenActions.has(action as PermissionAction) ? [null] : [voirie, etatCivil];
    return targets.map((departmentId, place) => ({
      action: action as PermissionAction,
      role,
      where: departmentId === null ? 'no department' : departmentId === voirie ? 'own department' : 'other department',
      departmentId,
      allowed: letters[place] === 'Y',
    }));
  }),
);

describe('mayPerform', () => {
  it('has a cell for every action of the table', () => {
    expect(Object.keys(expectedTable).sort()).toEqual([...permissionActions].sort());
  });

  it.each(cells)('$action by a $role, $where → $allowed', ({ action, role, departmentId, allowed }) => {
    expect(mayPerform(agent([voirie, role]), action, departmentId)).toBe(allowed);
  });

  it('refuses everything to an agent without roles', () => {
    for (const action of permissionActions) for (const where of [voirie, null]) expect(mayPerform(nobody, action, where)).toBe(false);
  });

  it('adds up the roles of an agent holding several', () => {
    const both = agent([voirie, 'field'], [proprete, 'counter']);
    expect(mayPerform(both, 'case.transition.take', voirie)).toBe(true);
    expect(mayPerform(both, 'case.transition.take', proprete)).toBe(false);
    expect(mayPerform(both, 'case.transition.close', proprete)).toBe(true);
    expect(mayPerform(both, 'citizen.update', null)).toBe(true);
  });

  it('follows the state machine: every action it offers on a case is allowed by the table, and no other', () => {
    for (const role of roleSchema.options) {
      for (const status of caseStatusSchema.options) {
        const offered = allowedActions(status, [role]);
        const permitted = ruleActions.filter(
          (action) => ruleFor(action).from.includes(status) && mayPerform(agent([voirie, role]), transitionPermission(action), voirie),
        );
        expect(offered, `${role} on a ${status} case`).toEqual(permitted);
      }
    }
  });

  it('offers on a case the transitions of every role the agent holds in its department', () => {
    for (const status of caseStatusSchema.options) {
      expect(offeredTransitions(fieldAndSupervisor, status, voirie)).toEqual(allowedActions(status, ['field', 'supervisor']));
      expect(offeredTransitions(fieldAndSupervisor, status, etatCivil)).toEqual([]);
    }
  });

  it('gives the citizen file to the replicas of the agents it lets read it, and to no one else', () => {
    for (const who of [counterAtEtatCivil, fieldAtVoirie, supervisorAtVoirie, adminAtProprete, fieldAndSupervisor, nobody]) {
      expect(scopeOf(who).citizens).toBe(holdsCitizenFile(who));
    }
  });
});

describe('docs/security/permissions.md', () => {
  it('shows the permission table as the code has it', () => {
    const page = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'security', 'permissions.md'), 'utf8');
    const words: Record<string, string> = { 'any department': 'any', 'own department': 'own', yes: 'any', '—': 'none' };
    const rows = [...page.matchAll(/^\| `([a-z_.]+)` \| (.+) \|$/gm)].map(([, action, cells]) => [
      action,
      Object.fromEntries((cells ?? '').split(' | ').map((cell, index) => [roleSchema.options[index], words[cell.trim()]])),
    ]);
    expect(Object.fromEntries(rows)).toEqual(permissionTable);
  });
});
