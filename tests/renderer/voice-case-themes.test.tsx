import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CaseDetailPage } from '../../src-renderer/features/cases';
import { OpenAnswerThemes } from '../../src-renderer/features/voice';
import { OutcomesPage } from '../../src-renderer/features/voice/pages/OutcomesPage';
import type { Case } from '../../src-shared/schemas/entities';
import { themeKey } from '../../src-shared/surveys/case-tags';
import { buildAgent, voirie } from './fixtures';
import { renderApp, type Handlers } from './render-app';
import { buildVoiceSurvey, poolSurveyId } from './voice-fixtures';

const field = buildAgent({ roles: [{ departmentId: voirie.id, role: 'field' }] });
const supervisor = buildAgent({ roles: [{ departmentId: voirie.id, role: 'supervisor' }] });
const caseId = '0190a000-0000-7000-8000-0000000000d1';
const otherCaseId = '0190a000-0000-7000-8000-0000000000d2';

function buildCase(kind: Case['kind']): Case {
  return {
    id: caseId,
    trackingCode: 'K7MP-3QXZ',
    kind,
    citizenId: null,
    categoryId: '0190a000-0000-7000-8000-0000000000e1',
    departmentId: voirie.id,
    channel: 'web',
    subject: 'Avis 2/5 : fermé trop tôt',
    description: 'La piscine ferme trop tôt le samedi.',
    address: null,
    latitude: null,
    longitude: null,
    status: 'new',
    priority: 'normal',
    assigneeId: null,
    parentId: null,
    duplicateOfId: null,
    deadline: '2099-12-01',
    deadlinePausedAt: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    closedAt: null,
    version: 1,
  };
}

/** The case screen's procedures, with the case's themes kept as the main core keeps them. */
function caseFixture(kind: Case['kind'], editable = true) {
  const themes: { id: string; theme: string }[] = [];
  const suggestions = ['Horaires', 'Accueil', 'Propreté'];
  const handlers: Handlers = {
    'case.detail': () => ({ case: buildCase(kind), events: [], citizen: null, category: null, department: voirie, actions: [] }),
    'reference.agents': () => [field],
    'survey.caseFeedback': () => [],
    'voice.caseThemes': () => ({
      themes: [...themes],
      suggestions: suggestions.filter((theme) => !themes.some((own) => themeKey(own.theme) === themeKey(theme))),
      editable,
    }),
    'voice.tagCase': (raw) => {
      const { theme } = raw as { theme: string };
      themes.push({ id: `0190f000-0000-5000-8000-00000000000${themes.length + 1}`, theme });
      return { id: 'x' };
    },
    'voice.untagCase': (raw) => {
      const { theme } = raw as { theme: string };
      themes.splice(
        themes.findIndex((own) => themeKey(own.theme) === themeKey(theme)),
        1,
      );
      return { id: 'x' };
    },
  };
  return { handlers, themes };
}

/** jsdom renders Mantine slowly on a busy 2-core machine (seconds a change). */
const settled = { timeout: 10_000 };

describe('the themes of a feedback case', { timeout: 40_000 }, () => {
  it('adds a theme from the keyboard with the department’s themes offered, and takes it off', async () => {
    const { handlers, themes } = caseFixture('feedback');
    const { calls } = renderApp(<CaseDetailPage id={caseId} />, { agent: field, handlers });
    const panel = within(await screen.findByRole('region', { name: 'Thèmes' }, settled));
    expect(await panel.findByText('Aucun thème pour le moment.')).toBeTruthy();

    const input = panel.getByRole('combobox', { name: 'Ajouter un thème' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'hor' } });
    // The department's themes are offered as the agent types.
    expect(await screen.findByRole('option', { name: 'Horaires' })).toBeTruthy();
    fireEvent.change(input, { target: { value: '  Horaires  ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(themes.map((own) => own.theme)).toEqual(['Horaires']));
    expect(calls.find((call) => call.path === 'voice.tagCase')?.input).toEqual({ caseId, theme: 'Horaires' });
    const list = within(await panel.findByRole('list', { name: 'Thèmes de cet avis' }));
    expect(list.getByText('Horaires')).toBeTruthy();

    // The same theme in another spelling is not sent again.
    fireEvent.change(input, { target: { value: 'HORAIRES' } });
    fireEvent.click(panel.getByRole('button', { name: 'Ajouter' }));
    expect(calls.filter((call) => call.path === 'voice.tagCase')).toHaveLength(1);

    fireEvent.click(list.getByRole('button', { name: 'Retirer le thème « Horaires » de cet avis' }));
    await waitFor(() => expect(themes).toEqual([]));
    expect(calls.find((call) => call.path === 'voice.untagCase')?.input).toEqual({ caseId, theme: 'Horaires' });
    expect(await panel.findByText('Aucun thème pour le moment.')).toBeTruthy();
  });

  it('shows the themes without changing them to an agent who may not, and no panel on a case that is not feedback', async () => {
    const readOnly = caseFixture('feedback', false);
    readOnly.themes.push({ id: '0190f000-0000-5000-8000-000000000001', theme: 'Accueil' });
    const first = renderApp(<CaseDetailPage id={caseId} />, { agent: field, handlers: readOnly.handlers });
    const panel = within(await screen.findByRole('region', { name: 'Thèmes' }, settled));
    expect(await panel.findByText('Accueil')).toBeTruthy();
    expect(panel.queryByRole('combobox', { name: 'Ajouter un thème' })).toBeNull();
    expect(panel.queryByRole('button', { name: /Retirer le thème/ })).toBeNull();
    first.unmount();

    const report = caseFixture('report');
    const { calls } = renderApp(<CaseDetailPage id={caseId} />, { agent: field, handlers: report.handlers });
    expect(await screen.findByText('Avis 2/5 : fermé trop tôt')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Thèmes' })).toBeNull();
    expect(calls.some((call) => call.path === 'voice.caseThemes')).toBe(false);
  });
});

describe('feedback themes where outcomes are prepared', { timeout: 40_000 }, () => {
  const feedbackThemes = [
    {
      theme: 'Horaires',
      count: 2,
      averageRating: 2.5,
      cases: [
        { caseId, trackingCode: 'K7MP-3QXZ', subject: 'Fermé trop tôt', createdAt: '2026-11-20T10:00:00.000Z', rating: 2 },
        {
          caseId: otherCaseId,
          trackingCode: 'K7MP-4RYA',
          subject: 'Pas ouvert le dimanche',
          createdAt: '2026-11-21T10:00:00.000Z',
          rating: 3,
        },
      ],
    },
    {
      theme: 'Accueil',
      count: 1,
      averageRating: null,
      cases: [{ caseId, trackingCode: 'K7MP-3QXZ', subject: 'Fermé trop tôt', createdAt: '2026-11-20T10:00:00.000Z', rating: null }],
    },
  ];
  const handlers: Handlers = {
    'reference.departments': () => [voirie],
    'voice.outcomes': () => [],
    'voice.surveys': () => [],
    'voice.feedbackThemes': () => feedbackThemes,
    'voice.saveOutcome': () => ({ id: '0190e000-0000-7000-8000-000000000009', version: 1 }),
    'case.detail': (raw) => {
      const id = (raw as { id: string }).id;
      const known = feedbackThemes[0]!.cases.find((item) => item.caseId === id)!;
      return { case: { ...buildCase('feedback'), id, trackingCode: known.trackingCode, subject: known.subject } };
    },
  };

  it('counts each theme with its average rating, and lists its cases with a link to each', async () => {
    renderApp(<OutcomesPage />, { agent: supervisor, handlers });
    const section = within(await screen.findByRole('region', { name: 'Thèmes des avis' }));
    const horaires = await section.findByRole('button', { name: /Horaires.*2 avis · note moyenne 2,5 \/ 5/ });
    expect(section.getByRole('button', { name: /^Accueil\s*1 avis$/ })).toBeTruthy();
    fireEvent.click(horaires);
    const table = within(await section.findByRole('table', { name: 'Avis classés « Horaires »' }));
    expect(table.getByRole('link', { name: 'K7MP-4RYA' }).getAttribute('href')).toContain(otherCaseId);
    expect(table.getByText('3 / 5')).toBeTruthy();
    expect(table.getByText('Pas ouvert le dimanche')).toBeTruthy();
  });

  it('links the feedback of a theme to an outcome at once', async () => {
    let saved: { caseIds: string[] } | null = null;
    renderApp(<OutcomesPage />, {
      agent: supervisor,
      handlers: {
        ...handlers,
        'voice.saveOutcome': (input) => {
          saved = input as { caseIds: string[] };
          return { id: '0190e000-0000-7000-8000-000000000009', version: 1 };
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Rédiger un changement' }));
    const editor = within(screen.getByRole('region', { name: 'Nouveau changement' }));
    fireEvent.change(editor.getByLabelText(/^Titre \(Français\)/), { target: { value: 'Ouvert plus tard le samedi' } });
    fireEvent.change(editor.getByLabelText(/^Texte \(Français\)/), { target: { value: 'Jusqu’à 20 h.' } });
    fireEvent.click(await editor.findByRole('button', { name: 'Lier les 2 avis de ce thème' }));
    expect(await editor.findByText('K7MP-4RYA — Pas ouvert le dimanche')).toBeTruthy();
    expect(editor.getByText('Les avis de ce thème sont tous liés.')).toBeTruthy();
    // Another theme links only what is not linked yet.
    fireEvent.change(editor.getByLabelText(/^Avis classés sous un thème/), { target: { value: 'Accueil' } });
    expect(editor.getByText('Les avis de ce thème sont tous liés.')).toBeTruthy();
    fireEvent.click(editor.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(saved?.caseIds).toEqual([caseId, otherCaseId]));
  });
});

describe('a theme with more feedback than an outcome links', { timeout: 120_000 }, () => {
  it('links up to the limit and says so before saving', async () => {
    // 503 feedback cases under one theme; an outcome links at most 500 cases.
    const cases = Array.from({ length: 503 }, (_, index) => ({
      caseId: `0190a000-0000-7000-8000-${String(index + 1).padStart(12, '0')}`,
      trackingCode: `K7MP-${String(index).padStart(4, '0')}`,
      subject: `Avis ${index}`,
      createdAt: '2026-11-20T10:00:00.000Z',
      rating: null,
    }));
    let saved: { caseIds: string[] } | null = null;
    renderApp(<OutcomesPage />, {
      agent: supervisor,
      handlers: {
        'reference.departments': () => [voirie],
        'voice.outcomes': () => [],
        'voice.surveys': () => [],
        'voice.feedbackThemes': () => [{ theme: 'Horaires', count: cases.length, averageRating: null, cases }],
        'voice.saveOutcome': (input) => {
          saved = input as { caseIds: string[] };
          return { id: '0190e000-0000-7000-8000-000000000009', version: 1 };
        },
        'case.detail': (raw) => {
          const known = cases.find((item) => item.caseId === (raw as { id: string }).id)!;
          return { case: { ...buildCase('feedback'), id: known.caseId, trackingCode: known.trackingCode, subject: known.subject } };
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Rédiger un changement' }));
    const editor = within(screen.getByRole('region', { name: 'Nouveau changement' }));
    fireEvent.change(editor.getByLabelText(/^Titre \(Français\)/), { target: { value: 'Ouvert plus tard le samedi' } });
    fireEvent.change(editor.getByLabelText(/^Texte \(Français\)/), { target: { value: 'Jusqu’à 20 h.' } });
    expect(await editor.findByText('Un changement lie au plus 500 demandes : 3 avis de ce thème ne seront pas liés.')).toBeTruthy();
    fireEvent.click(editor.getByRole('button', { name: 'Lier 500 des 503 avis de ce thème' }));
    expect(
      await editor.findByText(
        'Ce changement lie déjà 500 demandes, le maximum : retirez-en une pour en lier une autre.',
        {},
        { timeout: 60_000 },
      ),
    ).toBeTruthy();
    fireEvent.click(editor.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(saved?.caseIds).toEqual(cases.slice(0, 500).map((item) => item.caseId)), { timeout: 60_000 });
  });
});

describe('one theme everywhere', { timeout: 40_000 }, () => {
  it('offers the department’s feedback themes on an open answer, once each whatever their spelling', async () => {
    const answer = { responseId: '0190c000-0000-7000-8000-000000000001', text: 'Fermé trop tôt', submittedAt: '2026-02-10T10:00:00.000Z' };
    renderApp(<OpenAnswerThemes surveyId={poolSurveyId} question="pourquoi" />, {
      agent: field,
      handlers: {
        'voice.surveys': () => [buildVoiceSurvey()],
        'voice.openAnswers': () => ({
          total: 1,
          answers: [{ ...answer, channel: 'link', tags: [] }],
          themes: [{ theme: 'horaires', answers: 2 }],
          departmentThemes: ['Horaires', 'Accueil'],
          suggestions: [],
        }),
      },
    });
    const item = within((await screen.findByText('Fermé trop tôt', {}, settled)).closest('li') as HTMLElement);
    const input = item.getByRole('combobox', { name: 'Ajouter un thème' });
    fireEvent.focus(input);
    fireEvent.click(input);
    const offered = within(await screen.findByRole('listbox'));
    expect(offered.getAllByRole('option').map((option) => option.textContent)).toEqual(['horaires', 'Accueil']);
  });
});
