import { describe, expect, it } from 'vitest';
import {
  audienceFilter,
  emptyRowSet,
  entityNameSchema,
  entityRegistry,
  inScope,
  listNames,
  rowSetSchema,
  type Audience,
  type SyncScope,
} from '../../src-shared/sync';

const north = '00000000-0000-4000-8000-000000000001';
const south = '00000000-0000-4000-8000-000000000002';
const counter: SyncScope = { departments: [north], citizens: true };
const field: SyncScope = { departments: [south], citizens: false };
const nobody: SyncScope = { departments: [], citizens: false };

describe('the scope rule', () => {
  const cases: [string, SyncScope, boolean, Audience, string | null, boolean][] = [
    ['reference data reaches everyone in a changes page', field, true, 'everyone', null, true],
    ['reference data stays out of a bootstrap of added departments', counter, false, 'everyone', null, false],
    ['reference data reaches an agent with no department', nobody, true, 'everyone', null, true],
    ['citizens reach the holders of the citizen file', counter, true, 'citizenFile', null, true],
    ['citizens stay off a field agent’s laptop', field, true, 'citizenFile', null, false],
    ['citizens come with a bootstrap that adds the citizen file', counter, false, 'citizenFile', null, true],
    ['a row of one of the agent’s departments reaches them', counter, true, 'departments', north, true],
    ['a row of another department does not', counter, true, 'departments', south, false],
    ['a department row whose department is unknown reaches nobody', counter, true, 'departments', null, false],
    ['an agent without departments receives no department row', nobody, true, 'departments', north, false],
  ];
  it.each(cases)('%s', (_name, scope, reference, audience, departmentId, expected) => {
    expect(inScope({ scope, reference }, audience, departmentId)).toBe(expected);
  });

  it('gives the SQL builders a filter they can turn into a WHERE clause', () => {
    expect(audienceFilter({ scope: counter, reference: true }, 'everyone')).toEqual({ kind: 'all' });
    expect(audienceFilter({ scope: field, reference: true }, 'citizenFile')).toEqual({ kind: 'none' });
    expect(audienceFilter({ scope: counter, reference: true }, 'departments')).toEqual({ kind: 'departments', ids: new Set([north]) });
    expect(audienceFilter({ scope: nobody, reference: true }, 'departments')).toEqual({ kind: 'none' });
  });
});

describe('the entity registry', () => {
  it('derives the protocol’s entity names and page lists from its entries', () => {
    expect(entityNameSchema.options).toEqual(entityRegistry.map((declared) => declared.name));
    expect(Object.keys(rowSetSchema.shape)).toEqual(listNames);
    expect(Object.keys(emptyRowSet())).toEqual(listNames);
  });

  it('finds each child’s parent among the entities declared before it', () => {
    entityRegistry.forEach((declared, index) => {
      if (declared.department.kind !== 'parent') return;
      const parent = declared.department.entity;
      expect(entityRegistry.slice(0, index).map((earlier) => earlier.name)).toContain(parent);
    });
  });
});
