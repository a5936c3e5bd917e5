import type { Agent } from '../../../src-shared/schemas/entities';
import type { Survey, SurveyCollector } from '../../../src-shared/schemas/surveys';
import { buildCase, contextFor, ids, now } from './mutator-world';

/** One survey of Voirie, its collector and a response id, for the survey mutators' tests. */
export const at = now.toISOString();
export const surveyId = '0190a000-0000-7000-8000-0000000000b1';
export const collectorId = '0190a000-0000-7000-8000-0000000000b2';
export const responseId = '0190a000-0000-7000-8000-0000000000b3';

export const definition = {
  title: { default: 'Swimming pool', fr: 'Piscine' },
  pages: [
    {
      name: 'page1',
      elements: [
        { type: 'rating', name: 'satisfaction', title: 'Satisfait ?', rateType: 'stars', isRequired: true },
        { type: 'comment', name: 'why', title: 'Pourquoi ?' },
      ],
    },
  ],
};

export function buildSurvey(overrides: Partial<Survey> = {}): Survey {
  return {
    id: surveyId,
    departmentId: ids.voirie,
    status: 'draft',
    opensOn: null,
    closesOn: null,
    anonymity: 'identified',
    purpose: { fr: 'Améliorer la piscine.', en: '' },
    definition,
    createdAt: '2026-02-01T09:00:00.000Z',
    updatedAt: '2026-02-01T09:00:00.000Z',
    version: 3,
    ...overrides,
  };
}

export function buildCollector(overrides: Partial<SurveyCollector> = {}): SurveyCollector {
  return {
    id: collectorId,
    surveyId,
    departmentId: ids.voirie,
    label: 'Hall de la mairie',
    settings: { kind: 'kiosk' },
    status: 'active',
    stats: { recipients: 0, sent: 0, failed: 0, reminded: 0, unsubscribed: 0, responded: 4, problem: null },
    createdAt: '2026-02-01T09:00:00.000Z',
    updatedAt: '2026-02-02T09:00:00.000Z',
    ...overrides,
  };
}

export const world = (actor: Agent, survey: Partial<Survey> | null = {}, collectors: SurveyCollector[] = []) =>
  contextFor(actor, { cases: [buildCase()], rows: { survey: survey === null ? [] : [buildSurvey(survey)], surveyCollector: collectors } });
