import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../src-shared/schemas/entities';
import type { Survey, SurveyCollector } from '../../../src-shared/schemas/surveys';
import { agents, ids, refusal, run } from './mutator-world';
import { at, buildCollector, collectorId, responseId, surveyId, world } from './survey-world';

describe('surveyCollector.save', () => {
  const kiosk = { id: collectorId, surveyId, label: 'Hall de la mairie', settings: { kind: 'kiosk' }, status: 'active' };
  const campaign = {
    id: collectorId,
    surveyId,
    label: 'Usagers de la piscine',
    settings: {
      kind: 'email',
      segment: { departmentIds: [ids.voirie], categoryIds: [], sinceMonths: 12, postalCodes: ['45210'], channels: [] },
      ratePerMinute: 60,
      reminderAfterDays: 7,
    },
    status: 'draft',
  };

  it('creates a collector with its counts at zero and no problem', () => {
    const { effects } = run(world(agents.supervisor, { status: 'open' }), 'surveyCollector.save', kiosk);
    expect(effects).toEqual([
      {
        op: 'insert',
        entity: 'surveyCollector',
        row: {
          ...kiosk,
          departmentId: ids.voirie,
          stats: { recipients: 0, sent: 0, failed: 0, reminded: 0, unsubscribed: 0, responded: 0, problem: null },
          createdAt: at,
          updatedAt: at,
        },
      },
    ]);
  });

  it('drafts a campaign on a draft survey, and starts it once the survey is open, never touching its counts', () => {
    expect(run(world(agents.supervisor), 'surveyCollector.save', campaign).effects).toHaveLength(1);
    const drafted = buildCollector({ settings: campaign.settings as SurveyCollector['settings'], status: 'draft' });
    const { effects } = run(world(agents.supervisor, { status: 'open' }, [drafted]), 'surveyCollector.save', {
      ...campaign,
      status: 'sending',
    });
    expect(effects).toEqual([
      {
        op: 'update',
        entity: 'surveyCollector',
        id: collectorId,
        patch: { label: campaign.label, settings: campaign.settings, status: 'sending', updatedAt: at },
      },
    ]);
  });

  it('lets a started campaign change its pace and reminders, and pause, but keeps its audience', () => {
    const started = buildCollector({ settings: campaign.settings as SurveyCollector['settings'], status: 'sending' });
    const settings = { ...campaign.settings, ratePerMinute: 20, reminderAfterDays: null };
    const { effects } = run(world(agents.supervisor, { status: 'open' }, [started]), 'surveyCollector.save', {
      ...campaign,
      settings,
      status: 'paused',
    });
    expect(effects).toEqual([
      {
        op: 'update',
        entity: 'surveyCollector',
        id: collectorId,
        patch: { label: campaign.label, settings, status: 'paused', updatedAt: at },
      },
    ]);
  });

  it('accepts an after-a-case rule on the survey’s department’s categories', () => {
    const rule = { ...kiosk, settings: { kind: 'afterCase', categoryIds: [ids.potHole] } };
    expect(run(world(agents.supervisor, { status: 'open' }), 'surveyCollector.save', rule).result).toEqual({ id: collectorId });
  });

  it.each<[string, Agent, Partial<Survey>, SurveyCollector[], Record<string, unknown>, { code: string; args?: unknown }]>([
    ['a counter agent', agents.counter, { status: 'open' }, [], kiosk, { code: 'FORBIDDEN' }],
    ['another department’s supervisor', agents.civilClerk, { status: 'open' }, [], kiosk, { code: 'SURVEY_NOT_FOUND' }],
    ['a campaign started on a draft survey', agents.supervisor, {}, [], { ...campaign, status: 'sending' }, { code: 'SURVEY_NOT_OPEN' }],
    ['a kiosk activated on a closed survey', agents.supervisor, { status: 'closed' }, [], kiosk, { code: 'SURVEY_NOT_OPEN' }],
    ['a kiosk “sending”', agents.supervisor, { status: 'open' }, [], { ...kiosk, status: 'sending' }, { code: 'SURVEY_COLLECTOR_INVALID' }],
    [
      'a campaign marked done by an agent',
      agents.supervisor,
      { status: 'open' },
      [],
      { ...campaign, status: 'done' },
      { code: 'SURVEY_COLLECTOR_INVALID' },
    ],
    [
      'a kiosk turned into a meeting',
      agents.supervisor,
      { status: 'open' },
      [buildCollector()],
      { ...kiosk, settings: { kind: 'meeting', date: '2026-03-12' } },
      { code: 'SURVEY_COLLECTOR_INVALID' },
    ],
    [
      'an edit over someone else’s',
      agents.supervisor,
      { status: 'open' },
      [buildCollector()],
      { ...kiosk, expectedUpdatedAt: '2026-02-01T09:00:00.000Z' },
      { code: 'SURVEY_COLLECTOR_CHANGED' },
    ],
    [
      'a started campaign’s audience changed',
      agents.supervisor,
      { status: 'open' },
      [buildCollector({ settings: campaign.settings as SurveyCollector['settings'], status: 'sending' })],
      {
        ...campaign,
        status: 'sending',
        settings: { ...campaign.settings, segment: { ...campaign.settings.segment, postalCodes: ['45210', '45200'] } },
      },
      { code: 'SURVEY_COLLECTOR_LOCKED', args: { field: 'segment' } },
    ],
    [
      'another survey’s collector',
      agents.supervisor,
      { status: 'open' },
      [buildCollector({ surveyId: ids.unknown })],
      kiosk,
      { code: 'SURVEY_COLLECTOR_NOT_FOUND' },
    ],
    [
      'a rule on another department’s category',
      agents.supervisor,
      { status: 'open' },
      [],
      { ...kiosk, settings: { kind: 'afterCase', categoryIds: [ids.birthCertificate] } },
      { code: 'SURVEY_CATEGORY_OUTSIDE_DEPARTMENT' },
    ],
  ])('refuses %s', (_, actor, survey, collectors, args, expected) => {
    expect(refusal(world(actor, survey, collectors), 'surveyCollector.save', args)).toMatchObject(expected);
  });
});

describe('surveyResponse.record', () => {
  const entry = (overrides: Record<string, unknown> = {}) => ({
    id: responseId,
    surveyId,
    channel: 'counter',
    collectorId: null,
    citizenId: ids.citizen,
    caseId: ids.case,
    answers: { satisfaction: 4, why: 'Propre.' },
    note: null,
    ...overrides,
  });

  it('records the answers of an open survey, entered by the agent', () => {
    const { effects } = run(world(agents.counter, { status: 'open' }), 'surveyResponse.record', entry());
    expect(effects).toEqual([
      {
        op: 'insert',
        entity: 'surveyResponse',
        row: {
          ...entry(),
          departmentId: ids.voirie,
          agentId: ids.counter,
          profile: null,
          submittedAt: at,
        },
      },
    ]);
  });

  it('never keeps the citizen of an anonymous survey', () => {
    const { effects } = run(world(agents.counter, { status: 'open', anonymity: 'anonymous' }), 'surveyResponse.record', entry());
    expect(effects[0]).toMatchObject({ row: { citizenId: null } });
  });

  it('takes a meeting’s quick entry: a note, no required answer, tagged with the meeting', () => {
    const meeting = buildCollector({ settings: { kind: 'meeting', date: '2026-03-02' } });
    const { effects } = run(world(agents.field, { status: 'open' }, [meeting]), 'surveyResponse.record', {
      ...entry({ channel: 'meeting', collectorId, citizenId: null, caseId: null, answers: {} }),
      note: 'Veut des horaires du soir.',
    });
    expect(effects[0]).toMatchObject({ row: { channel: 'meeting', collectorId, note: 'Veut des horaires du soir.', answers: {} } });
  });

  it.each<[string, Agent, Partial<Survey>, Record<string, unknown>, { code: string; args?: unknown }]>([
    ['a draft survey', agents.counter, {}, {}, { code: 'SURVEY_NOT_OPEN', args: { status: 'draft' } }],
    ['a closed survey', agents.counter, { status: 'closed' }, {}, { code: 'SURVEY_NOT_OPEN' }],
    [
      'a field agent of another department',
      agents.field,
      { status: 'open', departmentId: ids.etatCivil },
      {},
      { code: 'SURVEY_NOT_FOUND' },
    ],
    [
      'a rating out of its scale',
      agents.counter,
      { status: 'open' },
      { answers: { satisfaction: 9 } },
      { code: 'SURVEY_ANSWERS_INVALID', args: { problems: [{ question: 'satisfaction', code: 'invalid_value' }] } },
    ],
    [
      'a question not asked',
      agents.counter,
      { status: 'open' },
      { answers: { satisfaction: 3, age: 40 } },
      { code: 'SURVEY_ANSWERS_INVALID', args: { problems: [{ code: 'unknown_question' }] } },
    ],
    [
      'a required answer missing at the desk',
      agents.counter,
      { status: 'open' },
      { answers: { why: 'Rien' } },
      { code: 'SURVEY_ANSWERS_INVALID', args: { problems: [{ code: 'required_missing' }] } },
    ],
    [
      'a meeting entry with nothing in it',
      agents.counter,
      { status: 'open' },
      { channel: 'meeting', answers: {}, note: ' ' },
      { code: 'SURVEY_ANSWERS_INVALID', args: { problems: [{ code: 'empty' }] } },
    ],
    ['a citizen named by an agent without the citizen file', agents.field, { status: 'open' }, { caseId: null }, { code: 'FORBIDDEN' }],
    ['an unknown citizen', agents.counter, { status: 'open' }, { citizenId: ids.unknown }, { code: 'CITIZEN_NOT_FOUND' }],
    ['an unknown collector', agents.counter, { status: 'open' }, { collectorId: ids.unknown }, { code: 'SURVEY_COLLECTOR_NOT_FOUND' }],
    ['an unknown case', agents.counter, { status: 'open' }, { caseId: ids.unknown }, { code: 'CASE_NOT_FOUND' }],
    ['a channel of the public pages', agents.counter, { status: 'open' }, { channel: 'link' }, { code: 'VALIDATION_FAILED' }],
  ])('refuses %s', (_, actor, survey, overrides, expected) => {
    expect(refusal(world(actor, survey), 'surveyResponse.record', entry(overrides))).toMatchObject(expected);
  });
});
