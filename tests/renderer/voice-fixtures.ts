import type { RouterOutputs } from '../../src-renderer/app/trpc';
import type { Outcome } from '../../src-shared/schemas/voice';
import { voirie } from './fixtures';

type VoiceSurvey = RouterOutputs['voice']['surveys'][number];
type IndicatorView = RouterOutputs['voice']['indicators'][number];
type OutcomeView = RouterOutputs['voice']['outcomes'][number];

export const poolSurveyId = '0190b000-0000-7000-8000-000000000001';
export const secondSurveyId = '0190b000-0000-7000-8000-000000000002';

/** A survey of Voirie with a rating, a yes/no and an open question (only the first two are closed). */
export function buildVoiceSurvey(overrides: Partial<VoiceSurvey> = {}): VoiceSurvey {
  const title = overrides.title ?? 'Piscine 2026';
  return {
    id: poolSurveyId,
    departmentId: voirie.id,
    status: 'open',
    updatedAt: '2026-02-01T09:00:00.000Z',
    title,
    definition: {
      title: { default: title, fr: title },
      pages: [
        {
          name: 'p1',
          elements: [
            {
              type: 'rating',
              name: 'horaires',
              title: { default: 'Opening hours?', fr: 'Les horaires vous conviennent-ils ?' },
              rateType: 'stars',
              rateMax: 5,
            },
            { type: 'boolean', name: 'revenir', title: { default: 'Back?', fr: 'Reviendrez-vous ?' } },
            { type: 'comment', name: 'pourquoi', title: { default: 'Why?', fr: 'Pourquoi ?' } },
          ],
        },
      ],
    },
    ...overrides,
  };
}

export function buildIndicatorView(overrides: Partial<IndicatorView['indicator']> = {}): IndicatorView {
  return {
    indicator: {
      id: '0190d000-0000-7000-8000-000000000001',
      departmentId: voirie.id,
      label: { fr: 'Satisfaction sur les horaires', en: 'Opening hours satisfaction' },
      sources: [
        { surveyId: secondSurveyId, question: 'horaires', favourable: [4, 5] },
        { surveyId: poolSurveyId, question: 'horaires', favourable: [4, 5] },
      ],
      createdAt: '2026-01-01T09:00:00.000Z',
      updatedAt: '2026-01-01T09:00:00.000Z',
      ...overrides,
    },
    sources: [
      { surveyId: secondSurveyId, question: 'horaires', favourable: [4, 5], surveyTitle: 'Piscine 2025' },
      { surveyId: poolSurveyId, question: 'horaires', favourable: [4, 5], surveyTitle: 'Piscine 2026' },
    ],
    series: {
      bySurvey: [
        {
          surveyId: secondSurveyId,
          from: '2026-01-10T10:00:00.000Z',
          to: '2026-01-12T10:00:00.000Z',
          answered: 6,
          favourable: 2,
          share: 2 / 6,
        },
        {
          surveyId: poolSurveyId,
          from: '2026-02-10T10:00:00.000Z',
          to: '2026-02-10T10:00:00.000Z',
          answered: 4,
          favourable: 0,
          share: null,
        },
      ],
      byMonth: [
        { month: '2026-01', answered: 6, favourable: 2, share: 2 / 6 },
        { month: '2026-02', answered: 4, favourable: 0, share: null },
      ],
      byChannel: [
        { channel: 'link', answered: 7, favourable: 3, share: 3 / 7 },
        { channel: 'kiosk', answered: 3, favourable: 0, share: null },
      ],
      overall: { answered: 10, favourable: 5, share: 0.5 },
    },
  };
}

export function buildOutcome(overrides: Partial<Outcome> = {}): OutcomeView {
  const outcome: Outcome = {
    id: '0190e000-0000-7000-8000-000000000001',
    departmentId: voirie.id,
    title: { fr: 'La piscine ouvre le dimanche', en: 'The pool opens on Sundays' },
    body: { fr: 'Vous étiez nombreux à le demander : ouverture le dimanche de 9 h à 13 h.', en: '' },
    surveyIds: [poolSurveyId],
    caseIds: [],
    status: 'draft',
    publishedAt: null,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:00.000Z',
    version: 1,
    mailStats: null,
    ...overrides,
  };
  return { ...outcome, surveys: outcome.surveyIds.map((id) => ({ id, title: id === poolSurveyId ? 'Piscine 2026' : null })) };
}
