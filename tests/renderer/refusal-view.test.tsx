import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src-renderer/app/i18n';
import { describeRefusal, type Lookups } from '../../src-renderer/features/sync';
import { buildAgent, buildCitizen, buildRefusal, voirie } from './fixtures';

const t = createI18n({ language: 'fr' }).t;
const agent = buildAgent({ id: '0190a000-0000-7000-8000-0000000000a9', name: 'Lucas Bernard' });
const category = {
  id: '0190a000-0000-7000-8000-0000000000e1',
  departmentId: voirie.id,
  serviceCode: 'nid-de-poule',
  label: 'Nid-de-poule',
  kind: 'report' as const,
  deadlineDays: 10,
  deadlineKind: 'working' as const,
  defaultPriority: 'normal' as const,
  duplicateRadiusM: 50,
  retentionMonths: 36,
};
const lookups: Lookups = {
  agent: (id) => (id === agent.id ? agent : undefined),
  category: (id) => (id === category.id ? category : undefined),
  department: (id) => (id === voirie.id ? voirie : undefined),
};
const caseId = '0190a000-0000-7000-8000-0000000000d1';
const eventId = '0190a000-0000-7000-8000-0000000000f1';
const {
  id: citizenId,
  latitude: _la,
  longitude: _lo,
  mergedInto: _m,
  createdAt: _c,
  updatedAt: _u,
  version: _v,
  ...values
} = buildCitizen();

describe('a refused change, in words', () => {
  it.each([
    [
      'case.transition',
      { caseId, action: 'assign', expectedStatus: 'qualified', assigneeId: agent.id, comment: null, eventId },
      'Changement de statut : Affecter',
      '',
    ],
    [
      'case.comment',
      { caseId, visibility: 'public', body: 'Intervention prévue lundi.', eventId },
      "Réponse à l'usager",
      'Intervention prévue lundi.',
    ],
    [
      'case.transfer',
      { caseId, expectedDepartmentId: voirie.id, categoryId: category.id, comment: 'Relève de la voirie.', eventId },
      'Transfert vers un autre service',
      'Relève de la voirie.',
    ],
    [
      'case.update',
      { caseId, expectedVersion: 2, subject: 'Trou profond', description: 'Près du passage piéton.', eventId },
      'Modification de la demande',
      'Trou profond\n\nPrès du passage piéton.',
    ],
    ['case.reassign', { caseId, assigneeId: agent.id, comment: null, eventId }, 'Réaffectation de la demande à Lucas Bernard', ''],
    [
      'case.open',
      {
        id: caseId,
        trackingCode: 'K7MP-3QXW',
        eventId,
        citizenId: null,
        categoryId: category.id,
        channel: 'phone',
        subject: 'Trou devant la poste',
        description: '',
        address: '3 place de la Poste',
        priority: null,
      },
      'Nouvelle demande : Trou devant la poste',
      'Trou devant la poste\n\n3 place de la Poste',
    ],
    ['citizen.create', { ...values, id: citizenId }, 'Nouvelle fiche usager : Jeanne Dupont', 'Prénom : Jeanne'],
    ['citizen.update', { id: citizenId, expectedVersion: 1, values }, 'Modification de la fiche usager', 'Prénom : Jeanne'],
  ])('%s', (name, args, title, copy) => {
    const view = describeRefusal(buildRefusal({ name, args }), t, 'fr', lookups);
    expect(view.title).toBe(title);
    expect(view.rows).not.toBeNull();
    if (copy.startsWith('Prénom')) expect(view.copyText.split('\n')[0]).toBe(copy);
    else expect(view.copyText).toBe(copy);
  });

  it('names agents, categories and departments rather than their ids', () => {
    const view = describeRefusal(
      buildRefusal({
        name: 'case.transfer',
        args: { caseId, expectedDepartmentId: voirie.id, categoryId: category.id, comment: null, eventId },
      }),
      t,
      'fr',
      lookups,
    );
    expect(view.rows).toEqual([
      { label: 'Nouvelle nature de la demande', value: 'Nid-de-poule' },
      { label: 'Service de destination', value: 'Voirie' },
      { label: 'Service que vous aviez sous les yeux', value: 'Voirie' },
    ]);
  });

  it('still offers the raw values to copy when this version cannot read them', () => {
    const view = describeRefusal(buildRefusal({ name: 'case.merge', args: { into: 'x' } }), t, 'fr', lookups);
    expect(view.title).toBe('Opération « case.merge »');
    expect(view.rows).toBeNull();
    expect(view.copyText).toContain('"into": "x"');
    expect(view.reason).toBe('Vous ne faites pas partie de ce service.');
  });

  it('reads a refusal for lack of rights as such, with the values the agent typed to copy', () => {
    const view = describeRefusal(
      buildRefusal({
        name: 'citizen.update',
        args: { id: citizenId, expectedVersion: 1, values },
        error: { code: 'FORBIDDEN', args: { action: 'citizen.update' } },
      }),
      t,
      'fr',
      lookups,
    );
    expect(view.reason).toBe('Vos rôles ne vous permettent pas cette opération.');
    expect(view.copyText).toContain(values.lastName);
  });
});
