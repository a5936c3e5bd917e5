import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../src-shared/schemas/entities';
import type { Survey, SurveyStatus } from '../../../src-shared/schemas/surveys';
import { agents, ids, refusal, run } from './mutator-world';
import { at, definition, surveyId, world } from './survey-world';

const saveArgs = (overrides: Record<string, unknown> = {}) => ({
  id: surveyId,
  departmentId: ids.voirie,
  anonymity: 'identified',
  purpose: { fr: 'Améliorer la piscine.', en: 'Improving the pool.' },
  definition,
  opensOn: '2026-03-10',
  closesOn: '2026-04-10',
  expectedVersion: 3,
  ...overrides,
});

describe('survey.save', () => {
  it('creates a draft at version 1 in a department the agent designs for', () => {
    const { effects, result } = run(world(agents.supervisor, null), 'survey.save', saveArgs({ expectedVersion: null }));
    expect(result).toEqual({ id: surveyId, version: 1 });
    expect(effects).toEqual([
      {
        op: 'insert',
        entity: 'survey',
        row: expect.objectContaining({ id: surveyId, status: 'draft', version: 1, createdAt: at, updatedAt: at, definition }),
      },
    ]);
  });

  it('edits the version the agent saw, bumping it', () => {
    const { effects, result } = run(world(agents.supervisor), 'survey.save', saveArgs());
    expect(result).toEqual({ id: surveyId, version: 4 });
    expect(effects).toEqual([
      {
        op: 'update',
        entity: 'survey',
        id: surveyId,
        patch: expect.objectContaining({ version: 4, updatedAt: at, opensOn: '2026-03-10', purpose: saveArgs().purpose }),
      },
    ]);
  });

  it('lets the purpose and dates of an open survey change, its questions written in any key order', () => {
    const reordered = { pages: definition.pages, title: definition.title };
    expect(run(world(agents.supervisor, { status: 'open' }), 'survey.save', saveArgs({ definition: reordered })).result).toEqual({
      id: surveyId,
      version: 4,
    });
  });

  it.each<[string, Agent, Partial<Survey> | null, Record<string, unknown>, { code: string; args?: unknown }]>([
    ['a counter agent (designs nowhere)', agents.counter, {}, {}, { code: 'FORBIDDEN', args: { action: 'survey.save' } }],
    ['a field agent of the department', agents.field, {}, {}, { code: 'FORBIDDEN' }],
    ['a supervisor of another department, as if it did not exist', agents.civilClerk, {}, {}, { code: 'SURVEY_NOT_FOUND' }],
    ['a creation in another department', agents.civilClerk, null, { expectedVersion: null }, { code: 'FORBIDDEN' }],
    ['an id already taken', agents.supervisor, {}, { expectedVersion: null }, { code: 'ID_TAKEN' }],
    [
      'a stale version',
      agents.supervisor,
      { version: 5 },
      {},
      { code: 'VERSION_CONFLICT', args: { entity: 'survey', expected: 3, actual: 5 } },
    ],
    ['an edit of a survey that does not exist', agents.supervisor, null, {}, { code: 'SURVEY_NOT_FOUND' }],
    ['a move to another department', agents.supervisor, {}, { departmentId: ids.etatCivil }, { code: 'DEPARTMENT_CHANGED' }],
    [
      'new questions once open',
      agents.supervisor,
      { status: 'open' },
      { definition: { ...definition, title: 'Autre' } },
      { code: 'SURVEY_LOCKED', args: { status: 'open', field: 'definition' } },
    ],
    ['a change of anonymity once closed', agents.supervisor, { status: 'closed' }, { anonymity: 'anonymous' }, { code: 'SURVEY_LOCKED' }],
    [
      'new dates once published',
      agents.supervisor,
      { status: 'published' },
      {},
      { code: 'SURVEY_LOCKED', args: expect.objectContaining({ field: 'purpose' }) },
    ],
    ['closing before opening', agents.supervisor, {}, { opensOn: '2026-05-01', closesOn: '2026-04-01' }, { code: 'VALIDATION_FAILED' }],
    [
      'two questions of one name',
      agents.supervisor,
      {},
      {
        definition: {
          pages: [
            {
              name: 'p',
              elements: [
                { type: 'text', name: 'a' },
                { type: 'comment', name: 'a' },
              ],
            },
          ],
        },
      },
      { code: 'SURVEY_QUESTION_NAME_TAKEN', args: { name: 'a' } },
    ],
    [
      'a definition SurveyJS cannot read',
      agents.supervisor,
      {},
      { definition: { pages: [{ name: 'p', elements: [{ type: 'rating', name: 'a', isRequired: 'yes' }] }] } },
      { code: 'SURVEY_DEFINITION_INVALID', args: { path: '/pages/0/elements/0/isRequired', reason: 'type' } },
    ],
    [
      'a definition past the limits',
      agents.supervisor,
      {},
      { definition: { pages: [], title: 'x'.repeat(600) } },
      { code: 'VALIDATION_FAILED' },
    ],
  ])('refuses %s', (_, actor, survey, overrides, expected) => {
    expect(refusal(world(actor, survey), 'survey.save', saveArgs(overrides))).toMatchObject(expected);
  });
});

describe('survey.setStatus', () => {
  it.each<[SurveyStatus, SurveyStatus]>([
    ['draft', 'open'],
    ['open', 'closed'],
    ['closed', 'open'],
    ['closed', 'published'],
  ])('moves %s to %s, bumping the version', (from, to) => {
    const { effects, result } = run(world(agents.supervisor, { status: from }), 'survey.setStatus', { id: surveyId, from, to });
    expect(result).toEqual({ id: surveyId, status: to, version: 4 });
    expect(effects).toEqual([{ op: 'update', entity: 'survey', id: surveyId, patch: { status: to, updatedAt: at, version: 4 } }]);
  });

  it.each<[string, Agent, Partial<Survey>, SurveyStatus, SurveyStatus, { code: string; args?: unknown }]>([
    ['a draft closed', agents.supervisor, {}, 'draft', 'closed', { code: 'TRANSITION_NOT_ALLOWED' }],
    ['a published survey reopened', agents.supervisor, { status: 'published' }, 'published', 'open', { code: 'TRANSITION_NOT_ALLOWED' }],
    [
      'a stale status',
      agents.supervisor,
      { status: 'open' },
      'draft',
      'open',
      { code: 'STATUS_CHANGED', args: { expected: 'draft', actual: 'open' } },
    ],
    ['a counter agent', agents.counter, {}, 'draft', 'open', { code: 'FORBIDDEN' }],
    ['another department’s supervisor', agents.civilClerk, {}, 'draft', 'open', { code: 'SURVEY_NOT_FOUND' }],
    [
      'opening without a question',
      agents.supervisor,
      { definition: { pages: [{ name: 'p', elements: [] }] } },
      'draft',
      'open',
      { code: 'SURVEY_NO_QUESTION' },
    ],
    [
      'opening with a broken condition',
      agents.supervisor,
      {
        definition: {
          pages: [
            {
              name: 'p',
              elements: [
                { type: 'text', name: 'a', visibleIf: "{later} = 'x'" },
                { type: 'radiogroup', name: 'later', choices: ['x'] },
              ],
            },
          ],
        },
      },
      'draft',
      'open',
      { code: 'SURVEY_CONDITION_INVALID' },
    ],
  ])('refuses %s', (_, actor, survey, from, to, expected) => {
    expect(refusal(world(actor, survey), 'survey.setStatus', { id: surveyId, from, to })).toMatchObject(expected);
  });
});
