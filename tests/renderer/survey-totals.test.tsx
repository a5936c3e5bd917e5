import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SurveyListPage } from '../../src-renderer/features/surveys/pages/SurveyListPage';
import { SurveyPage } from '../../src-renderer/features/surveys/pages/SurveyPage';
import type { Survey } from '../../src-shared/schemas/surveys';
import type { ShownCount } from '../../src-shared/surveys/synthesis';
import { buildAgent, voirie } from './fixtures';
import { renderApp, type Handlers } from './render-app';

/*
 * A survey's response count as the list and its page show it: the main core sends null under 5 responses (the
 * small-segment rule, as the synthesis's total), and the screens read « < 5 », never a number.
 */

const supervisor = buildAgent({ roles: [{ departmentId: voirie.id, role: 'supervisor' }] });
const surveyId = '0190a000-0000-7000-8000-0000000000d1';

const survey: Survey = {
  id: surveyId,
  departmentId: voirie.id,
  status: 'open',
  opensOn: null,
  closesOn: null,
  anonymity: 'anonymous',
  purpose: { fr: 'Améliorer la piscine.', en: '' },
  definition: { title: { default: 'Swimming pool', fr: 'Piscine' }, pages: [{ name: 'page1', elements: [] }] },
  createdAt: '2026-02-01T09:00:00.000Z',
  updatedAt: '2026-02-01T09:00:00.000Z',
  version: 1,
};

const summary = (id: string, title: string, responses: ShownCount) => ({
  id,
  departmentId: voirie.id,
  title: { fr: title, en: '' },
  status: 'open' as const,
  anonymity: 'anonymous' as const,
  opensOn: null,
  closesOn: null,
  updatedAt: '2026-03-01T09:00:00.000Z',
  responses,
  mayDesign: true,
  mayEnter: true,
});

const handlers = (responses: ShownCount): Handlers => ({
  'reference.departments': () => [voirie],
  'reference.categories': () => [],
  'survey.publicUrl': () => null,
  'survey.list': () => [summary(surveyId, 'Piscine', responses), summary('0190a000-0000-7000-8000-0000000000d2', 'Marché', 12)],
  'survey.detail': () => ({ survey, collectors: [], responses, mayDesign: true, mayEnter: true }),
});

describe('a survey’s response count', { timeout: 20_000 }, () => {
  it('reads « < 5 » in the list where the main core hides it, the count elsewhere', async () => {
    renderApp(<SurveyListPage />, { agent: supervisor, handlers: handlers(null) });
    const row = (await screen.findByRole('link', { name: 'Piscine' }, { timeout: 10_000 })).closest('tr') as HTMLElement;
    expect(within(row).getByText('< 5')).toBeTruthy();
    const other = screen.getByRole('link', { name: 'Marché' }).closest('tr') as HTMLElement;
    expect(within(other).getByText('12')).toBeTruthy();
  });

  it('reads « < 5 réponses » on the survey’s page, or its count when shown', async () => {
    renderApp(<SurveyPage id={surveyId} />, { agent: supervisor, handlers: handlers(null) });
    expect(await screen.findByText('< 5 réponses', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByText(/^\d+ réponses?$/)).toBeNull();
  });

  it('shows the count on the survey’s page from 5 responses on', async () => {
    renderApp(<SurveyPage id={surveyId} />, { agent: supervisor, handlers: handlers(7) });
    expect(await screen.findByText('7 réponses', {}, { timeout: 10_000 })).toBeTruthy();
  });
});
