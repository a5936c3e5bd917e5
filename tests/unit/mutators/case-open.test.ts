import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../src-shared/schemas/entities';
import { agents, contextFor, ids, refusal, run } from './mutator-world';

const openArgs = {
  id: ids.newCase,
  trackingCode: 'K7MP-3QXW',
  eventId: ids.event,
  citizenId: ids.citizen,
  categoryId: ids.potHole,
  channel: 'counter',
  subject: 'Nid-de-poule rue des Lilas',
  address: '12 rue des Lilas',
};

describe('case.open', () => {
  it('files a new case in its category’s department, with the category’s deadline and priority, and a created event', () => {
    const { effects, result } = run(contextFor(agents.counter), 'case.open', openArgs);
    expect(result).toEqual({ id: ids.newCase, trackingCode: 'K7MP-3QXW' });
    expect(effects).toEqual([
      {
        op: 'insert',
        entity: 'case',
        row: expect.objectContaining({
          id: ids.newCase,
          departmentId: ids.voirie,
          kind: 'report',
          status: 'new',
          priority: 'normal',
          citizenId: ids.citizen,
          description: '',
          // 10 working days from Monday 2 March 2026.
          deadline: '2026-03-16',
          createdAt: '2026-03-02T10:00:00.000Z',
          closedAt: null,
          version: 1,
        }),
      },
      {
        op: 'insert',
        entity: 'caseEvent',
        row: {
          id: ids.event,
          caseId: ids.newCase,
          type: 'created',
          data: { channel: 'counter' },
          at: '2026-03-02T10:00:00.000Z',
          agentId: ids.counter,
        },
      },
    ]);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['an explicit priority wins over the category’s', { priority: 'urgent' }, { priority: 'urgent' }],
    [
      'a calendar-day category counts calendar days',
      { categoryId: ids.birthCertificate, citizenId: null },
      { departmentId: ids.etatCivil, kind: 'request', priority: 'low', deadline: '2026-03-07', citizenId: null },
    ],
  ])('%s', (_, overrides, expected) => {
    const [insert] = run(contextFor(agents.counter), 'case.open', { ...openArgs, ...overrides }).effects;
    expect(insert).toMatchObject({ op: 'insert', entity: 'case', row: expected });
  });

  it('lets a field agent file an anonymous street report in their own department', () => {
    const { effects } = run(contextFor(agents.field), 'case.open', { ...openArgs, citizenId: null });
    expect(effects.map((effect) => effect.entity)).toEqual(['case', 'caseEvent']);
  });

  it.each<[string, Agent, Record<string, unknown>, { code: string; args?: unknown }]>([
    ['an unknown category', agents.counter, { categoryId: ids.unknown }, { code: 'CATEGORY_NOT_FOUND', args: { categoryId: ids.unknown } }],
    [
      'a field agent outside their department',
      agents.field,
      { categoryId: ids.birthCertificate, citizenId: null },
      { code: 'FORBIDDEN', args: { action: 'case.open' } },
    ],
    ['a field agent naming a citizen (no citizen file)', agents.field, {}, { code: 'FORBIDDEN', args: { action: 'case.open' } }],
    ['an unknown citizen', agents.counter, { citizenId: ids.unknown }, { code: 'CITIZEN_NOT_FOUND', args: { citizenId: ids.unknown } }],
    [
      'a citizen merged into another',
      agents.counter,
      { citizenId: ids.mergedCitizen },
      { code: 'CITIZEN_MERGED', args: { citizenId: ids.mergedCitizen, mergedInto: ids.citizen } },
    ],
    ['a subject too short', agents.counter, { subject: 'ab' }, { code: 'VALIDATION_FAILED' }],
    ['an unknown channel', agents.counter, { channel: 'pigeon' }, { code: 'VALIDATION_FAILED' }],
  ])('refuses %s', (_, actor, overrides, expected) => {
    expect(refusal(contextFor(actor), 'case.open', { ...openArgs, ...overrides })).toMatchObject(expected);
  });
});
