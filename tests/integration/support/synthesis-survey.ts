import { v7 as uuidv7 } from 'uuid';
import type { Replica } from '../../../src-main/db/open-replica';
import { runSteps, upsertSteps } from '../../../src-main/sync/replica-apply';
import type { SurveyCollector, SurveyResponse, SurveyChannel, Survey } from '../../../src-shared/schemas/surveys';
import { builders } from '../../support/builders';
import { callerFor } from '../../support/test-db';
import writtenElsewhere from '../../fixtures/surveys/written-elsewhere.json';
import { createPrng } from '../../../src-shared/demo/prng';

/** The demo city's PRNG (mulberry32): the same responses at every run. */
const random = (seed: number) => createPrng(seed).float;

/**
 * A survey (tests/fixtures/surveys/written-elsewhere.json) of the city's Voirie with an email campaign, a kiosk
 * and a meeting, and `response()`: a deterministic respondent (seeded), overridable.
 */
export function seedSynthesisSurvey(replica: Replica) {
  const build = builders(replica.db);
  const city = build.buildCity();
  const now = '2026-11-01T10:00:00.000Z';
  const survey: Survey = {
    id: uuidv7(),
    departmentId: city.voirie.id,
    status: 'open',
    opensOn: null,
    closesOn: null,
    anonymity: 'identified',
    purpose: { fr: 'Améliorer la piscine', en: '' },
    definition: writtenElsewhere as Survey['definition'],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const collector = (label: string, settings: SurveyCollector['settings'], responded = 0): SurveyCollector => ({
    id: uuidv7(),
    surveyId: survey.id,
    departmentId: city.voirie.id,
    label,
    settings,
    status: 'active',
    stats: { recipients: 200, sent: 180, failed: 0, reminded: 0, unsubscribed: 0, responded, problem: null },
    createdAt: now,
    updatedAt: now,
  });
  const campaign = collector(
    'Campagne de novembre',
    {
      kind: 'email',
      segment: { departmentIds: [], categoryIds: [], sinceMonths: null, postalCodes: [], channels: [] },
      ratePerMinute: 60,
      reminderAfterDays: null,
    },
    40,
  );
  const kiosk = collector('Hall de la mairie', { kind: 'kiosk' });
  const meeting = collector('Réunion du quartier Nord', { kind: 'meeting', date: '2026-11-20' });
  const apply = (rows: Parameters<typeof upsertSteps>[0]) => runSteps(replica.db.$client, upsertSteps(rows));
  apply({ surveys: [survey], surveyCollectors: [campaign, kiosk, meeting] });

  const next = random(42);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const response = (overrides: Partial<SurveyResponse> = {}): SurveyResponse => {
    const visited = next() < 0.8;
    const answers: SurveyResponse['answers'] = { visited, cleanliness: 1 + Math.floor(next() * 4) };
    if (visited) {
      answers.frequency = pick(['weekly', 'monthly', 'rarely']);
      const activities = ['swim', 'lessons', 'other'].filter(() => next() < 0.5);
      if (activities.length > 0) answers.activities = activities;
      if (activities.includes('other')) answers['activities-Comment'] = pick(['Aquagym du jeudi', 'Bébés nageurs', 'Sauna']);
      answers.recommend = Math.floor(next() * 11);
      answers.hours = { weekday: pick([1, 2, 3]) };
    } else answers.whyNot = pick(['Trop cher', 'Trop de monde le samedi', 'Horaires inadaptés']);
    const channel = overrides.channel ?? pick<SurveyChannel>(['link', 'email', 'kiosk']);
    const collectorId = channel === 'email' ? campaign.id : channel === 'kiosk' ? kiosk.id : null;
    return {
      id: uuidv7(),
      surveyId: survey.id,
      departmentId: city.voirie.id,
      channel,
      collectorId,
      caseId: null,
      citizenId: null,
      agentId: null,
      answers,
      note: null,
      profile: next() < 0.7 ? { departmentsWithCase: next() < 0.4 ? [city.etatCivil.id] : [], area: pick(['75011', '75012']) } : null,
      submittedAt: `2026-11-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}T09:30:00.000Z`,
      ...overrides,
    };
  };
  return { city, survey, campaign, kiosk, meeting, apply, response, as: (agentId: string) => callerFor(replica, agentId) };
}
