import type { RouterOutputs } from '../../src-renderer/app/trpc';
import type { Outcome } from '../../src-shared/schemas/voice';
import { indicatorSeries, type IndicatorAnswer } from '../../src-shared/surveys/indicators';
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

/**
 * Piscine 2025: 6 answers in January (2 favourable). Piscine 2026: 17 in February — 8 by the link (6 favourable),
 * 3 at a kiosk, 6 by phone (3 favourable each) — and 4 by the link in March (2 favourable). Shown: both surveys,
 * January, the link and the overall 27 (16 favourable). Hidden: the kiosk and March (under 5), and the phone and
 * February, which would give them back (the kiosk as 27 less the link and the phone, March as Piscine 2026 less
 * February).
 */
function indicatorAnswers(): (IndicatorAnswer & { question: string })[] {
  const answers: (IndicatorAnswer & { question: string })[] = [];
  const add = (surveyId: string, submittedAt: string, channel: IndicatorAnswer['channel'], count: number, favourable: number) => {
    for (let index = 0; index < count; index++)
      answers.push({
        responseId: `${surveyId}/${submittedAt}/${index}`,
        surveyId,
        question: 'horaires',
        channel,
        submittedAt,
        value: index < favourable ? 5 : 2,
      });
  };
  add(secondSurveyId, '2026-01-10T10:00:00.000Z', 'link', 6, 2);
  add(poolSurveyId, '2026-02-10T10:00:00.000Z', 'link', 8, 6);
  add(poolSurveyId, '2026-02-11T10:00:00.000Z', 'kiosk', 3, 3);
  add(poolSurveyId, '2026-02-12T10:00:00.000Z', 'phone', 6, 3);
  add(poolSurveyId, '2026-03-02T10:00:00.000Z', 'link', 4, 2);
  return answers;
}

export function buildIndicatorView(overrides: Partial<IndicatorView['indicator']> = {}): IndicatorView {
  const indicator: IndicatorView['indicator'] = {
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
  };
  return {
    indicator,
    sources: [
      { surveyId: secondSurveyId, question: 'horaires', favourable: [4, 5], surveyTitle: 'Piscine 2025' },
      { surveyId: poolSurveyId, question: 'horaires', favourable: [4, 5], surveyTitle: 'Piscine 2026' },
    ],
    // As the main core sends it: computed by the shared rule from answers, so the fixture hides what it would.
    series: indicatorSeries(indicator, indicatorAnswers()),
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
