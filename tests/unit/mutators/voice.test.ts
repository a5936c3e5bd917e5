import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../src-shared/schemas/entities';
import type { SurveyResponse } from '../../../src-shared/schemas/surveys';
import type { AnswerTag, Outcome } from '../../../src-shared/schemas/voice';
import { agents, contextFor, ids, refusal, run, type World } from './mutator-world';

const at = '2026-03-02T10:00:00.000Z';
const surveyId = '0190a000-0000-7000-8000-0000000000f1';
const otherSurveyId = '0190a000-0000-7000-8000-0000000000f2';
const responseId = '0190a000-0000-7000-8000-0000000000f3';
const tagId = '0190a000-0000-7000-8000-0000000000f4';
const outcomeId = '0190a000-0000-7000-8000-0000000000f5';
const indicatorId = '0190a000-0000-7000-8000-0000000000f6';

const response: SurveyResponse = {
  id: responseId,
  surveyId,
  departmentId: ids.voirie,
  channel: 'link',
  collectorId: null,
  caseId: null,
  citizenId: null,
  agentId: null,
  answers: { horaires: 4, pourquoi: 'Fermé trop tôt le samedi' },
  note: null,
  profile: null,
  submittedAt: '2026-02-20T08:00:00.000Z',
};

const outcome: Outcome = {
  id: outcomeId,
  departmentId: ids.voirie,
  title: { fr: 'Ouvert le samedi après-midi', en: '' },
  body: { fr: 'Vous étiez nombreux à le demander.', en: '' },
  surveyIds: [surveyId],
  caseIds: [],
  status: 'draft',
  publishedAt: null,
  createdAt: at,
  updatedAt: at,
  version: 2,
  mailStats: null,
};

const world: World = {
  rows: {
    survey: [{ id: surveyId, departmentId: ids.voirie } as never, { id: otherSurveyId, departmentId: ids.etatCivil } as never],
    surveyResponse: [response],
    outcome: [outcome],
  },
};
const as = (actor: Agent, extra: World['rows'] = {}) => contextFor(actor, { ...world, rows: { ...world.rows, ...extra } });

describe('indicator.save', () => {
  const args = {
    id: indicatorId,
    departmentId: ids.voirie,
    label: { fr: 'Satisfaction sur les horaires', en: 'Opening hours' },
    sources: [{ surveyId, question: 'horaires', favourable: [4, 5] }],
  };

  it('creates a department indicator fed by one of its surveys', () => {
    expect(run(as(agents.supervisor), 'indicator.save', args).effects).toEqual([
      { op: 'insert', entity: 'surveyIndicator', row: { ...args, createdAt: at, updatedAt: at } },
    ]);
  });

  it.each<[string, Agent, object, string]>([
    ['a counter agent', agents.counter, {}, 'FORBIDDEN'],
    ['a supervisor of another department', agents.civilClerk, {}, 'FORBIDDEN'],
    [
      'a source from another department’s survey',
      agents.supervisor,
      { sources: [{ surveyId: otherSurveyId, question: 'q', favourable: [1] }] },
      'RESOURCE_NOT_FOUND',
    ],
    [
      'a source naming no favourable answer',
      agents.supervisor,
      { sources: [{ surveyId, question: 'horaires', favourable: [] }] },
      'VALIDATION_FAILED',
    ],
  ])('refuses %s', (_label, actor, change, code) => {
    expect(refusal(as(actor), 'indicator.save', { ...args, ...change })).toMatchObject({ code });
  });
});

describe('answer.tag and answer.untag', () => {
  it('files an open answer under a theme, and takes it off', () => {
    const tag = { id: tagId, responseId, question: 'pourquoi', theme: 'Horaires' };
    const row: AnswerTag = { ...tag, surveyId, departmentId: ids.voirie, agentId: ids.field, createdAt: at, removedAt: null };
    expect(run(as(agents.field), 'answer.tag', tag).effects).toEqual([{ op: 'insert', entity: 'answerTag', row }]);
    expect(run(as(agents.field, { answerTag: [row] }), 'answer.untag', { id: tagId }).effects).toEqual([
      { op: 'update', entity: 'answerTag', id: tagId, patch: { removedAt: at } },
    ]);
    // Taking off a tag already off changes nothing.
    expect(run(as(agents.field, { answerTag: [{ ...row, removedAt: at }] }), 'answer.untag', { id: tagId }).effects).toEqual([]);
  });

  it.each<[string, Agent, string, string]>([
    // Outside its departments, the response answers as one that does not exist (its replica does not hold it).
    ['an agent of another department', agents.civilClerk, 'pourquoi', 'RESOURCE_NOT_FOUND'],
    ['a closed answer (not text)', agents.field, 'horaires', 'RESOURCE_NOT_FOUND'],
    ['a question the response does not answer', agents.field, 'autre', 'RESOURCE_NOT_FOUND'],
  ])('refuses %s', (_label, actor, question, code) => {
    expect(refusal(as(actor), 'answer.tag', { id: tagId, responseId, question, theme: 'Horaires' })).toMatchObject({ code });
  });

  it('refuses a response it cannot find', () => {
    expect(refusal(as(agents.field), 'answer.tag', { id: tagId, responseId: ids.unknown, question: 'pourquoi', theme: 'x' })).toMatchObject(
      {
        code: 'RESOURCE_NOT_FOUND',
      },
    );
  });
});

describe('outcome.save and outcome.publish', () => {
  const fields = { title: outcome.title, body: outcome.body, surveyIds: [surveyId], caseIds: [ids.case] };

  it('drafts an outcome, corrects it on the version seen, and publishes it once', () => {
    const created = run(as(agents.supervisor, { outcome: [] }), 'outcome.save', {
      id: outcomeId,
      departmentId: ids.voirie,
      ...fields,
      expectedVersion: null,
    });
    expect(created.effects).toEqual([
      {
        op: 'insert',
        entity: 'outcome',
        row: {
          id: outcomeId,
          departmentId: ids.voirie,
          ...fields,
          status: 'draft',
          publishedAt: null,
          createdAt: at,
          updatedAt: at,
          version: 1,
          // Only the central service counts its emails.
          mailStats: null,
        },
      },
    ]);
    const edited = run(as(agents.supervisor), 'outcome.save', { id: outcomeId, departmentId: ids.voirie, ...fields, expectedVersion: 2 });
    expect(edited.result).toEqual({ id: outcomeId, version: 3 });
    const published = run(as(agents.supervisor), 'outcome.publish', { id: outcomeId, expectedVersion: 2 });
    expect(published.effects).toEqual([
      { op: 'update', entity: 'outcome', id: outcomeId, patch: { status: 'published', publishedAt: at, updatedAt: at, version: 3 } },
    ]);
    const again = as(agents.supervisor, { outcome: [{ ...outcome, status: 'published', publishedAt: at }] });
    expect(run(again, 'outcome.publish', { id: outcomeId, expectedVersion: 2 }).effects).toEqual([]);
  });

  it.each<[string, Agent, string, object, string]>([
    ['a counter agent', agents.counter, 'outcome.publish', { id: outcomeId, expectedVersion: 2 }, 'FORBIDDEN'],
    [
      'a field agent',
      agents.field,
      'outcome.save',
      { id: outcomeId, departmentId: ids.voirie, ...fields, expectedVersion: 2 },
      'FORBIDDEN',
    ],
    ['a stale version', agents.supervisor, 'outcome.publish', { id: outcomeId, expectedVersion: 1 }, 'VERSION_CONFLICT'],
    [
      'a move to another department',
      agents.supervisor,
      'outcome.save',
      { id: outcomeId, departmentId: ids.etatCivil, ...fields, expectedVersion: 2 },
      'DEPARTMENT_CHANGED',
    ],
    [
      'an id already taken',
      agents.supervisor,
      'outcome.save',
      { id: outcomeId, departmentId: ids.voirie, ...fields, expectedVersion: null },
      'ID_TAKEN',
    ],
    [
      'a link to another department’s survey (its participants would be emailed)',
      agents.supervisor,
      'outcome.save',
      { id: outcomeId, departmentId: ids.voirie, ...fields, surveyIds: [otherSurveyId], expectedVersion: 2 },
      'SURVEY_NOT_FOUND',
    ],
    [
      'a link to a case it cannot find',
      agents.supervisor,
      'outcome.save',
      { id: outcomeId, departmentId: ids.voirie, ...fields, caseIds: [ids.unknown], expectedVersion: 2 },
      'CASE_NOT_FOUND',
    ],
    [
      'an empty French title',
      agents.supervisor,
      'outcome.save',
      { id: outcomeId, departmentId: ids.voirie, ...fields, title: { fr: ' ', en: '' }, expectedVersion: 2 },
      'VALIDATION_FAILED',
    ],
  ])('refuses %s', (_label, actor, name, args, code) => {
    expect(refusal(as(actor), name as 'outcome.save', args)).toMatchObject({ code });
  });
});
