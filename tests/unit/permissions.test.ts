import { describe, expect, it } from 'vitest';
import { canCommentIn, canOpenCaseIn, departmentsOf, rolesIn } from '../../src-shared/domain/permissions';
import type { Role } from '../../src-shared/schemas/common';
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
