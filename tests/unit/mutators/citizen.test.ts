import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../src-shared/schemas/entities';
import { agents, buildCitizen, contextFor, ids, refusal, run } from './mutator-world';

const at = '2026-03-02T10:00:00.000Z';
const values = { firstName: 'Lucia', lastName: 'Quintavalle', email: 'Lucia.Q@Exemple.fr' };

describe('citizen.create', () => {
  it('files the citizen at version 1 with the form’s defaults, the email lower-cased', () => {
    const { effects, result } = run(contextFor(agents.counter), 'citizen.create', { id: ids.unknown, ...values });
    expect(result).toEqual({ id: ids.unknown });
    expect(effects).toEqual([
      {
        op: 'insert',
        entity: 'citizen',
        row: {
          id: ids.unknown,
          firstName: 'Lucia',
          lastName: 'Quintavalle',
          birthDate: null,
          email: 'lucia.q@exemple.fr',
          phone: null,
          address: null,
          preferredChannel: 'email',
          consents: { email: false, sms: false, surveys: false },
          certification: 'declared',
          latitude: null,
          longitude: null,
          mergedInto: null,
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
      },
    ]);
  });

  it.each<[string, Agent, Record<string, unknown>, { code: string }]>([
    ['a field agent (no citizen file)', agents.field, values, { code: 'FORBIDDEN' }],
    ['a missing last name', agents.counter, { firstName: 'Lucia' }, { code: 'VALIDATION_FAILED' }],
    ['a malformed email', agents.counter, { ...values, email: 'lucia@' }, { code: 'VALIDATION_FAILED' }],
  ])('refuses %s', (_, actor, args, expected) => {
    expect(refusal(contextFor(actor), 'citizen.create', { id: ids.unknown, ...args })).toMatchObject(expected);
  });
});

describe('citizen.update', () => {
  it('writes the form’s values on the version the agent saw and moves the version on', () => {
    const { effects, result } = run(contextFor(agents.counter), 'citizen.update', { id: ids.citizen, expectedVersion: 3, values });
    expect(result).toEqual({ id: ids.citizen, version: 4 });
    expect(effects).toEqual([
      {
        op: 'update',
        entity: 'citizen',
        id: ids.citizen,
        patch: expect.objectContaining({ firstName: 'Lucia', email: 'lucia.q@exemple.fr', updatedAt: at, version: 4 }),
      },
    ]);
  });

  it.each<[string, Agent, Record<string, unknown>, { code: string; args?: unknown }]>([
    [
      'a stale version',
      agents.counter,
      { expectedVersion: 2 },
      { code: 'VERSION_CONFLICT', args: { entity: 'citizen', expected: 2, actual: 3 } },
    ],
    ['an unknown citizen', agents.counter, { id: ids.unknown }, { code: 'CITIZEN_NOT_FOUND' }],
    [
      'a merged citizen',
      agents.counter,
      { id: ids.mergedCitizen },
      { code: 'CITIZEN_MERGED', args: { citizenId: ids.mergedCitizen, mergedInto: ids.citizen } },
    ],
    // The permission comes first: a field agent learns nothing of the record, not even that it is unknown.
    ['a field agent, before looking the citizen up', agents.field, { id: ids.unknown }, { code: 'FORBIDDEN' }],
  ])('refuses %s', (_, actor, overrides, expected) => {
    const ctx = contextFor(actor, { citizens: [buildCitizen(), buildCitizen({ id: ids.mergedCitizen, mergedInto: ids.citizen })] });
    expect(refusal(ctx, 'citizen.update', { id: ids.citizen, expectedVersion: 3, values, ...overrides })).toMatchObject(expected);
  });
});
