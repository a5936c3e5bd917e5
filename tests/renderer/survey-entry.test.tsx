import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CaseFeedbackPanel, newDraft, useSurveyDesignerStore } from '../../src-renderer/features/surveys';
import { SurveyEntryPage } from '../../src-renderer/features/surveys/pages/SurveyEntryPage';
import type { Survey, SurveyCollector } from '../../src-shared/schemas/surveys';
import { buildAgent, voirie } from './fixtures';
import { renderApp, type Handlers } from './render-app';

const counter = buildAgent({ roles: [{ departmentId: voirie.id, role: 'counter' }] });
const surveyId = '0190a000-0000-7000-8000-0000000000b1';
const publicUrl = 'https://participer.rivebelle.example';

const definition = {
  title: { default: 'Swimming pool', fr: 'Piscine' },
  pages: [{ name: 'page1', elements: [{ type: 'boolean', name: 'venu', title: { default: 'Came?', fr: 'Venu ?' } }] }],
};

function buildSurvey(overrides: Partial<Survey> = {}): Survey {
  return {
    id: surveyId,
    departmentId: voirie.id,
    status: 'draft',
    opensOn: null,
    closesOn: null,
    anonymity: 'anonymous',
    purpose: { fr: 'Améliorer la piscine.', en: '' },
    definition,
    createdAt: '2026-02-01T09:00:00.000Z',
    updatedAt: '2026-02-01T09:00:00.000Z',
    version: 3,
    ...overrides,
  };
}

/** `responded`: a campaign's respondents as the main core decides to show them (the small-segment rule). */
const detail = (survey: Survey, collectors: SurveyCollector[] = [], mayDesign = true, hidden: readonly string[] = []) => ({
  survey,
  collectors: collectors.map((collector) => ({
    ...collector,
    responded:
      collector.settings.kind === 'email' && !hidden.includes(collector.id) && collector.stats.responded >= 5
        ? collector.stats.responded
        : null,
  })),
  responses: null,
  mayDesign,
  mayEnter: true,
});

const reference: Handlers = {
  'reference.departments': () => [voirie],
  'reference.categories': () => [],
  'survey.publicUrl': () => publicUrl,
};

const inputsOf = (calls: { path: string; input: unknown }[], path: string) =>
  calls.filter((call) => call.path === path).map((call) => call.input);

beforeAll(() => import('../../src-renderer/features/surveys/components/SurveyPreview'));
beforeEach(() => useSurveyDesignerStore.getState().load(newDraft(), null));

describe('Saisir une réponse', { timeout: 30_000 }, () => {
  it('offers the open surveys the agent enters for, runs the survey, and records the answers from the desk', async () => {
    const { calls } = renderApp(<SurveyEntryPage surveyId={null} citizenId={null} />, {
      agent: counter,
      handlers: {
        ...reference,
        'survey.list': () => [
          {
            id: surveyId,
            departmentId: voirie.id,
            title: { fr: 'Piscine', en: '' },
            status: 'open',
            anonymity: 'anonymous',
            opensOn: null,
            closesOn: null,
            updatedAt: '2026-03-01T09:00:00.000Z',
            responses: 0,
            mayDesign: false,
            mayEnter: true,
          },
          {
            id: '0190a000-0000-7000-8000-0000000000b2',
            departmentId: voirie.id,
            title: { fr: 'Brouillon', en: '' },
            status: 'draft',
            anonymity: 'anonymous',
            opensOn: null,
            closesOn: null,
            updatedAt: '2026-03-01T09:00:00.000Z',
            responses: 0,
            mayDesign: false,
            mayEnter: true,
          },
        ],
        'survey.detail': () => detail(buildSurvey({ status: 'open' }), [], false),
        'survey.recordResponse': () => ({ id: '0190a000-0000-7000-8000-0000000000d9' }),
      },
    });
    const select = (await screen.findByLabelText('Questionnaire')) as HTMLSelectElement;
    expect([...select.options].map((option) => option.text)).toEqual(['Piscine']);
    expect(await screen.findByText('Questionnaire anonyme : la réponse ne sera liée à aucun usager.')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Au téléphone' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Terminer' }, { timeout: 15_000 }));
    await waitFor(() =>
      expect(inputsOf(calls, 'survey.recordResponse')).toEqual([
        { surveyId, channel: 'phone', collectorId: null, citizenId: null, caseId: null, answers: {}, note: null },
      ]),
    );
    expect(await screen.findByRole('button', { name: 'Saisir une autre réponse' })).toBeTruthy();
  });
});

describe('Avis du citoyen', () => {
  it('shows on a case what its citizen answered about it, a rating as stars', async () => {
    renderApp(<CaseFeedbackPanel caseId="0190a000-0000-7000-8000-0000000000d1" />, {
      agent: counter,
      handlers: {
        'survey.caseFeedback': () => [
          {
            id: '0190a000-0000-7000-8000-0000000000d9',
            surveyId,
            surveyTitle: { fr: 'Après votre demande', en: 'After your request' },
            channel: 'counter',
            submittedAt: '2026-03-02T10:00:00.000Z',
            items: [
              {
                name: 'note',
                title: { fr: 'Satisfait ?', en: 'Satisfied?' },
                kind: 'rating',
                score: { value: 4, max: 5 },
                text: { fr: '4', en: '4' },
              },
              {
                name: 'why',
                title: { fr: 'Pourquoi ?', en: 'Why?' },
                kind: 'longText',
                score: null,
                text: { fr: 'Rapide.', en: 'Rapide.' },
              },
            ],
          },
        ],
      },
    });
    const panel = await screen.findByRole('region', { name: 'Avis du citoyen' }, { timeout: 10_000 });
    expect(within(panel).getByText('Après votre demande')).toBeTruthy();
    expect(within(panel).getByLabelText('4 sur 5')).toBeTruthy();
    expect(within(panel).getByText('Rapide.')).toBeTruthy();
  });

  it('shows nothing while the case has no answer', async () => {
    const { calls, container } = renderApp(<CaseFeedbackPanel caseId="0190a000-0000-7000-8000-0000000000d1" />, {
      agent: counter,
      handlers: { 'survey.caseFeedback': () => [] },
    });
    await waitFor(() => expect(calls.map((call) => call.path)).toContain('survey.caseFeedback'));
    expect(container.querySelector('section')).toBeNull();
  });
});
