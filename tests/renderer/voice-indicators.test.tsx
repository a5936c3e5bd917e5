import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MainNav } from '../../src-renderer/app/shell/MainNav';
import { IndicatorsPage } from '../../src-renderer/features/voice/pages/IndicatorsPage';
import { useVoiceStore } from '../../src-renderer/features/voice/store';
import { buildAgent, buildSyncStatus, voirie } from './fixtures';
import { guichetError, renderApp, type Handlers } from './render-app';
import { indicatorSeries } from '../../src-shared/surveys/indicators';
import { buildIndicatorView, buildVoiceSurvey, poolSurveyId, secondSurveyId } from './voice-fixtures';

const field = buildAgent({ roles: [{ departmentId: voirie.id, role: 'field' }] });
const supervisor = buildAgent({ roles: [{ departmentId: voirie.id, role: 'supervisor' }] });
const stranger = buildAgent({ roles: [] });

function handlers(overrides: Handlers = {}): Handlers {
  return {
    'reference.departments': () => [voirie],
    'voice.indicators': () => [buildIndicatorView()],
    'voice.surveys': () => [buildVoiceSurvey(), buildVoiceSurvey({ id: secondSurveyId, title: 'Piscine 2025' })],
    ...overrides,
  };
}

afterEach(() => useVoiceStore.setState({ indicatorsDepartmentId: null }));

// jsdom renders Mantine's forms slowly on this 2-core machine: a creation with two sources takes seconds.
describe('Indicateurs', { timeout: 40_000 }, () => {
  it('shows each series with its answers, and « < 5 » with no share nor point where the small-segment rule hides a group', async () => {
    const { calls } = renderApp(<IndicatorsPage />, { agent: field, handlers: handlers() });
    const card = within(await screen.findByRole('region', { name: 'Satisfaction sur les horaires' }));
    expect(calls.find((call) => call.path === 'voice.indicators')?.input).toEqual({ departmentId: voirie.id });
    expect(card.getByText('Ensemble : 59 %')).toBeTruthy();
    expect(card.getByText('27 répondants')).toBeTruthy();
    expect(screen.getByText(/La part indiquée est celle des réponses favorables.*compte une fois/)).toBeTruthy();
    expect(card.getByText(/Un groupe de moins de 5 répondants n’est jamais affiché/)).toBeTruthy();
    // The sources, by the titles read from the surveys' definitions.
    expect(card.getByText('Piscine 2026 — Les horaires vous conviennent-ils ?')).toBeTruthy();

    const bySurvey = within(card.getByRole('table', { name: 'Par enquête' }));
    const [, first, second] = bySurvey.getAllByRole('row');
    expect(first?.textContent).toContain('Piscine 2025');
    expect(first?.textContent).toMatch(/6\s*33\s%$/);
    expect(second?.textContent).toContain('Piscine 2026');
    expect(second?.textContent).toMatch(/21\s*67\s%$/);

    // March (4 answers) is hidden, and February with it (else Piscine 2026 less February gives March back).
    const byMonth = within(card.getByRole('table', { name: 'Par mois' }));
    const months = byMonth.getAllByRole('row').map((row) => row.textContent?.replace(/\s/g, ' '));
    expect(months.slice(1)).toEqual(['janvier 2026633 %', 'février 2026< 5non affiché', 'mars 2026< 5non affiché']);

    // The kiosk (3) and the phone, else the overall less the link and the phone gives the kiosk back.
    const byChannel = within(card.getByRole('table', { name: 'Par canal' }));
    expect(byChannel.getAllByRole('row').map((row) => row.textContent?.replace(/\s/g, ' '))).toEqual([
      'CanalRépondantsPart favorable',
      'Lien public1856 %',
      'Borne< 5non affiché',
      'Téléphone< 5non affiché',
    ]);
    expect(card.queryByText('3')).toBeNull();
    expect(card.queryByText('17')).toBeNull();

    // The charts speak to screen readers, and say the hidden points are not shown.
    const chart = card.getByRole('img', { name: /part des réponses favorables par mois/ });
    expect(chart.getAttribute('aria-label')).toMatch(/janvier 2026 : 33\s%/);
    expect(chart.getAttribute('aria-label')).toContain('février 2026 : non affiché ; mars 2026 : non affiché');

    // A field agent reads; only those who design the department's surveys create or edit.
    expect(screen.queryByRole('button', { name: 'Nouvel indicateur' })).toBeNull();
    expect(card.queryByRole('button', { name: /Modifier/ })).toBeNull();
  });

  it('shows « < 5 » and no series at all under 5 answers in all', async () => {
    const view = buildIndicatorView();
    const three = [1, 4, 5].map((value, index) => ({
      responseId: `r${index}`,
      surveyId: poolSurveyId,
      question: 'horaires',
      channel: 'kiosk' as const,
      submittedAt: `2026-02-1${index}T10:00:00.000Z`,
      value,
    }));
    renderApp(<IndicatorsPage />, {
      agent: field,
      handlers: handlers({ 'voice.indicators': () => [{ ...view, series: indicatorSeries(view.indicator, three) }] }),
    });
    const card = within(await screen.findByRole('region', { name: 'Satisfaction sur les horaires' }));
    expect(card.getByText('Ensemble : non affiché')).toBeTruthy();
    expect(card.getByText('< 5 répondants')).toBeTruthy();
    expect(card.getByText('Moins de 5 répondants : rien n’est affiché pour le moment.')).toBeTruthy();
    expect(card.queryByRole('table')).toBeNull();
    expect(card.queryByRole('img')).toBeNull();
    expect(card.queryByText(/3/)).toBeNull();
  });

  it('is offered to the agents who read a department’s synthesis only', async () => {
    renderApp(<MainNav current={{ name: 'desk' }} status={buildSyncStatus()} />, { agent: stranger });
    const hrefs = (await screen.findAllByRole('link')).map((link) => link.getAttribute('href'));
    expect(hrefs).not.toContain('#/indicators');
    expect(hrefs).not.toContain('#/outcomes');

    renderApp(<IndicatorsPage />, { agent: stranger, handlers: handlers() });
    expect((await screen.findByRole('alert')).textContent).toBe('Aucun de vos services ne lit la synthèse des enquêtes.');
  });

  it('creates an indicator from a closed question of a survey, with its favourable answers', async () => {
    let saved: unknown = null;
    const { calls } = renderApp(<IndicatorsPage />, {
      agent: supervisor,
      handlers: handlers({
        'voice.indicators': () => [],
        'voice.saveIndicator': (input) => {
          saved = input;
          return { id: '0190d000-0000-7000-8000-000000000009' };
        },
      }),
    });
    expect(await screen.findByText('Aucun indicateur pour ce service.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Nouvel indicateur' }));
    const editor = within(screen.getByRole('region', { name: 'Nouvel indicateur' }));

    // Saving with nothing filled in says what is missing and sends nothing.
    fireEvent.click(editor.getByRole('button', { name: 'Enregistrer' }));
    expect(editor.getByRole('alert').textContent).toContain('Complétez chaque question suivie');
    expect(calls.some((call) => call.path === 'voice.saveIndicator')).toBe(false);

    fireEvent.change(editor.getByLabelText(/Nom de l'indicateur \(Français\)/), { target: { value: 'Horaires de la piscine' } });
    await waitFor(() => expect(editor.getAllByRole('option', { name: 'Piscine 2026' }).length).toBe(1));
    fireEvent.change(editor.getByLabelText(/^Enquête/), { target: { value: poolSurveyId } });
    const question = editor.getByLabelText(/^Question fermée/);
    // Closed questions only: the open "Pourquoi ?" cannot feed an indicator.
    expect(
      within(question)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['—', 'Les horaires vous conviennent-ils ?', 'Reviendrez-vous ?']);
    fireEvent.change(question, { target: { value: 'horaires' } });
    expect(editor.getAllByRole('checkbox').map((box) => box.getAttribute('value'))).toEqual(['n:1', 'n:2', 'n:3', 'n:4', 'n:5']);
    fireEvent.click(editor.getByRole('checkbox', { name: '4' }));
    fireEvent.click(editor.getByRole('checkbox', { name: '5' }));

    fireEvent.click(editor.getByRole('button', { name: 'Ajouter une question suivie' }));
    fireEvent.change(editor.getAllByLabelText(/^Enquête/)[1] as HTMLElement, { target: { value: secondSurveyId } });
    fireEvent.change(editor.getAllByLabelText(/^Question fermée/)[1] as HTMLElement, { target: { value: 'revenir' } });
    fireEvent.click(editor.getByRole('checkbox', { name: 'Oui' }));

    fireEvent.click(editor.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(saved).toEqual({
      id: null,
      departmentId: voirie.id,
      label: { fr: 'Horaires de la piscine', en: '' },
      sources: [
        { surveyId: poolSurveyId, question: 'horaires', favourable: [4, 5] },
        { surveyId: secondSurveyId, question: 'revenir', favourable: [true] },
      ],
    });
    // Saved: the editor closes and the list is read again.
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Nouvel indicateur' })).toBeNull());
    expect(calls.filter((call) => call.path === 'voice.indicators').length).toBeGreaterThanOrEqual(2);
  });

  it('edits an indicator with its sources ticked as saved, and shows a refusal in French', async () => {
    const { calls } = renderApp(<IndicatorsPage />, {
      agent: supervisor,
      handlers: handlers({
        'voice.saveIndicator': () => {
          throw guichetError({ code: 'FORBIDDEN', args: { action: 'survey.design' } });
        },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Modifier : Satisfaction sur les horaires' }));
    const editor = within(screen.getByRole('region', { name: "Modifier l'indicateur" }));
    await waitFor(() => expect(editor.getAllByRole('checkbox', { checked: true }).length).toBe(4));
    expect(editor.getByLabelText(/Nom de l'indicateur \(Anglais\)/)).toHaveProperty('value', 'Opening hours satisfaction');
    fireEvent.click(editor.getAllByRole('checkbox', { name: '4' })[0] as HTMLElement);
    fireEvent.click(editor.getByRole('button', { name: 'Enregistrer' }));
    expect((await editor.findByRole('alert')).textContent).toContain('Vos rôles ne vous permettent pas cette opération.');
    expect(calls.find((call) => call.path === 'voice.saveIndicator')?.input).toMatchObject({
      id: '0190d000-0000-7000-8000-000000000001',
      sources: [
        { surveyId: secondSurveyId, question: 'horaires', favourable: [5] },
        { surveyId: poolSurveyId, question: 'horaires', favourable: [4, 5] },
      ],
    });
  });

  it('speaks English too', async () => {
    renderApp(<IndicatorsPage />, { agent: field, language: 'en', handlers: handlers() });
    const card = within(await screen.findByRole('region', { name: 'Opening hours satisfaction' }));
    expect(card.getByText('Overall: 59%')).toBeTruthy();
    expect(card.getByText('27 respondents')).toBeTruthy();
    expect(
      within(card.getByRole('table', { name: 'By channel' }))
        .getByRole('rowheader', { name: 'Kiosk' })
        .closest('tr')?.textContent,
    ).toBe('Kiosk< 5not shown');
  });
});
