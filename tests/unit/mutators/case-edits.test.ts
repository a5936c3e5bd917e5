import { describe, expect, it } from 'vitest';
import type { Agent, Case } from '../../../src-shared/schemas/entities';
import { agents, buildCase, contextFor, ids, refusal, run } from './mutator-world';

const at = '2026-03-02T10:00:00.000Z';
const withCase = (actor: Agent, current: Partial<Case> = {}) => contextFor(actor, { cases: [buildCase(current)] });

describe('case.comment', () => {
  it.each([
    ['internal', 'internal_note', { body: 'Vu au guichet.' }],
    ['public', 'public_reply', { body: 'Vu au guichet.', delivery: 'pending' }],
  ] as const)('records a %s comment as %s', (visibility, type, data) => {
    const { effects, result } = run(withCase(agents.counter), 'case.comment', {
      caseId: ids.case,
      eventId: ids.event,
      visibility,
      body: 'Vu au guichet.',
    });
    expect(result).toEqual({ id: ids.event });
    expect(effects).toEqual([
      { op: 'insert', entity: 'caseEvent', row: { id: ids.event, caseId: ids.case, type, data, at, agentId: ids.counter } },
    ]);
  });

  it.each<[string, Agent, string, { code: string }]>([
    ['a field agent of another department, as if the case did not exist', agents.field, 'Vu.', { code: 'CASE_NOT_FOUND' }],
    ['an empty body', agents.counter, '', { code: 'VALIDATION_FAILED' }],
  ])('refuses %s', (_, actor, body, expected) => {
    const ctx = contextFor(actor, { cases: [buildCase({ departmentId: ids.etatCivil, categoryId: ids.birthCertificate })] });
    expect(refusal(ctx, 'case.comment', { caseId: ids.case, eventId: ids.event, visibility: 'internal', body })).toMatchObject(expected);
  });
});

describe('case.transfer', () => {
  const transfer = { caseId: ids.case, eventId: ids.event, expectedDepartmentId: ids.voirie, categoryId: ids.birthCertificate };

  it('moves a new case to the category’s department with a deadline counted from now, and says so in its timeline', () => {
    const { effects, result } = run(withCase(agents.counter), 'case.transfer', transfer);
    expect(result).toEqual({ id: ids.case, departmentId: ids.etatCivil });
    expect(effects).toEqual([
      {
        op: 'update',
        entity: 'case',
        id: ids.case,
        patch: {
          categoryId: ids.birthCertificate,
          departmentId: ids.etatCivil,
          kind: 'request',
          deadline: '2026-03-07',
          deadlinePausedAt: null,
          updatedAt: at,
          version: 3,
        },
      },
      {
        op: 'insert',
        entity: 'caseEvent',
        row: expect.objectContaining({
          type: 'transferred',
          data: {
            fromDepartmentId: ids.voirie,
            toDepartmentId: ids.etatCivil,
            fromCategoryId: ids.potHole,
            toCategoryId: ids.birthCertificate,
            comment: null,
          },
        }),
      },
    ]);
  });

  it.each<[string, Agent, Partial<Case>, Record<string, unknown>, { code: string; args?: unknown }]>([
    [
      'a department other than the one seen',
      agents.counter,
      { departmentId: ids.etatCivil, categoryId: ids.birthCertificate },
      {},
      { code: 'DEPARTMENT_CHANGED' },
    ],
    [
      'a case already worked on',
      agents.counter,
      { status: 'in_progress' },
      {},
      { code: 'TRANSITION_NOT_ALLOWED', args: { from: 'in_progress', action: 'transfer' } },
    ],
    ['a category of the same department', agents.counter, {}, { categoryId: ids.potHole }, { code: 'VALIDATION_FAILED' }],
    ['an unknown category', agents.counter, {}, { categoryId: ids.unknown }, { code: 'CATEGORY_NOT_FOUND' }],
    ['a field agent (no transfers)', agents.field, {}, {}, { code: 'FORBIDDEN', args: { action: 'case.transfer' } }],
  ])('refuses %s', (_, actor, current, overrides, expected) => {
    expect(refusal(withCase(actor, current), 'case.transfer', { ...transfer, ...overrides })).toMatchObject(expected);
  });
});

describe('case.update', () => {
  const edit = { caseId: ids.case, eventId: ids.event, expectedVersion: 2 };

  it('writes the fields that changed, and lists each change in the timeline', () => {
    const { effects, result } = run(withCase(agents.field), 'case.update', {
      ...edit,
      subject: 'Nid-de-poule profond',
      priority: 'normal',
    });
    expect(result).toEqual({ id: ids.case, applied: 'edit' });
    expect(effects).toEqual([
      { op: 'update', entity: 'case', id: ids.case, patch: { subject: 'Nid-de-poule profond', updatedAt: at, version: 3 } },
      {
        op: 'insert',
        entity: 'caseEvent',
        row: expect.objectContaining({
          type: 'updated',
          data: { changes: { subject: { from: 'Nid-de-poule devant l’école', to: 'Nid-de-poule profond' } } },
        }),
      },
    ]);
  });

  it('changes nothing when every value is the one already there', () => {
    expect(run(withCase(agents.field), 'case.update', { ...edit, priority: 'normal' })).toEqual({
      effects: [],
      result: { id: ids.case, applied: 'edit' },
    });
  });

  it('keeps a description written on a stale version as an internal note instead of losing it', () => {
    const { effects, result } = run(withCase(agents.field, { version: 5 }), 'case.update', { ...edit, description: 'Long texte.' });
    expect(result).toEqual({ id: ids.case, applied: 'note' });
    expect(effects).toEqual([
      {
        op: 'insert',
        entity: 'caseEvent',
        row: expect.objectContaining({ type: 'internal_note', data: { body: 'Long texte.', kind: 'description_not_applied' } }),
      },
    ]);
  });

  it.each<[string, Partial<Case>, Record<string, unknown>, { code: string; args?: unknown }]>([
    [
      'a field on a stale version',
      { version: 5 },
      { subject: 'Autre objet' },
      { code: 'VERSION_CONFLICT', args: { entity: 'case', expected: 2, actual: 5 } },
    ],
    [
      'a closed case',
      { status: 'closed' },
      { subject: 'Autre objet' },
      { code: 'TRANSITION_NOT_ALLOWED', args: { from: 'closed', action: 'update' } },
    ],
  ])('refuses %s', (_, current, overrides, expected) => {
    expect(refusal(withCase(agents.field, current), 'case.update', { ...edit, ...overrides })).toMatchObject(expected);
  });
});

describe('case.reassign', () => {
  const reassign = { caseId: ids.case, eventId: ids.event, assigneeId: ids.supervisor };

  it('overwrites whoever holds the case, and logs the previous holder', () => {
    const { effects, result } = run(
      withCase(agents.supervisor, { status: 'in_progress', assigneeId: ids.field }),
      'case.reassign',
      reassign,
    );
    expect(result).toEqual({ id: ids.case, assigneeId: ids.supervisor });
    expect(effects).toEqual([
      { op: 'update', entity: 'case', id: ids.case, patch: { assigneeId: ids.supervisor, updatedAt: at, version: 3 } },
      {
        op: 'insert',
        entity: 'caseEvent',
        row: expect.objectContaining({
          type: 'assigned',
          data: { assigneeId: ids.supervisor, previousAssigneeId: ids.field, overwrite: true, comment: null },
        }),
      },
    ]);
  });

  it.each<[string, Agent, Partial<Case>, Record<string, unknown>, { code: string }]>([
    ['a case nobody holds yet', agents.supervisor, { status: 'new' }, {}, { code: 'TRANSITION_NOT_ALLOWED' }],
    [
      'an assignee from another department',
      agents.supervisor,
      { status: 'assigned' },
      { assigneeId: ids.civilClerk },
      { code: 'ASSIGNEE_NOT_IN_DEPARTMENT' },
    ],
    ['a counter agent', agents.counter, { status: 'assigned' }, {}, { code: 'FORBIDDEN' }],
  ])('refuses %s', (_, actor, current, overrides, expected) => {
    expect(refusal(withCase(actor, current), 'case.reassign', { ...reassign, ...overrides })).toMatchObject(expected);
  });
});
