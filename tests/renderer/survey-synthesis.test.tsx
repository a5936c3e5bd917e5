import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SurveySynthesis } from '../../src-renderer/features/surveys/synthesis';
import type { RouterOutputs } from '../../src-renderer/app/trpc';
import { buildAgent, voirie } from './fixtures';
import { renderApp } from './render-app';

const supervisor = buildAgent({ roles: [{ departmentId: voirie.id, role: 'supervisor' }] });
const surveyId = '01950000-0000-7000-8000-000000000001';

const overview: RouterOutputs['surveySynthesis']['overview'] = {
  departmentId: voirie.id,
  total: 45,
  channels: [
    { channel: 'link', count: 30 },
    { channel: 'email', count: null },
    { channel: 'meeting', count: null },
  ],
  collectors: [
    { id: '01950000-0000-7000-8000-000000000010', label: 'Campagne de novembre', kind: 'email', count: null, sent: 180, responded: 40 },
  ],
  questions: [
    {
      name: 'recommend',
      title: { default: 'Would you recommend it?', fr: 'Le recommanderiez-vous ?' },
      answered: 20,
      kind: 'nps',
      items: Array.from({ length: 11 }, (_, value) => ({ value: String(value), label: null, count: value >= 9 ? 5 : value === 0 ? 4 : 0 })),
      promoters: 10,
      passives: 6,
      detractors: 4,
      score: 30,
    },
  ],
};

// recharts renders in jsdom slowly on a busy machine.
describe('the Synthèse tab', { timeout: 30_000 }, () => {
  it('shows the counts with small segments as "< 5", the NPS and the campaign’s response rate', async () => {
    const { calls } = renderApp(<SurveySynthesis surveyId={surveyId} />, {
      agent: supervisor,
      handlers: { 'surveySynthesis.overview': () => overview, 'reference.departments': () => [voirie] },
    });
    expect(await screen.findByText('45 réponses')).toBeTruthy();
    const channels = within(screen.getByRole('region', { name: 'Réponses par canal' }));
    expect(channels.getByText('Lien public').closest('tr')?.textContent).toContain('30');
    expect(channels.getByText('Réunion publique').closest('tr')?.textContent).toContain('< 5');
    expect(channels.getByText('Campagne d’envoi').closest('tr')?.textContent).toContain('< 5');
    const collectors = within(screen.getByRole('region', { name: 'Réponses par point de collecte' }));
    // 40 respondents out of 180 sent: shown, the campaign's respondents being no small segment.
    expect(collectors.getByText(/Campagne de novembre/).closest('tr')?.textContent).toMatch(/22,2\s%/);
    const nps = within(screen.getByRole('region', { name: 'Le recommanderiez-vous ?' }));
    expect(nps.getAllByText('NPS : 30').length).toBeGreaterThan(0);
    expect(nps.getByText(/Promoteurs \(9–10\) : 10/)).toBeTruthy();
    expect(calls.find((call) => call.path === 'surveySynthesis.overview')?.input).toEqual({
      surveyId,
      filter: { from: null, to: null, channel: null, collectorId: null },
    });
  });

  it('says on a named survey why crossing by department has no profiled respondent, and not on an anonymous one', async () => {
    const noProfile = /Questionnaire nominatif : ses réponses ne portent pas de profil/;
    const crossByDepartment = async () => {
      const crosstab = within(await screen.findByRole('region', { name: 'Tableau croisé' }));
      expect(crosstab.queryByText(noProfile)).toBeNull();
      fireEvent.click(crosstab.getAllByLabelText('Croiser avec').find((element) => element.tagName === 'INPUT') as HTMLElement);
      fireEvent.click(await screen.findByRole('option', { name: 'Dossier dans un service (12 mois avant la réponse)' }));
      return crosstab;
    };
    const handlers = { 'surveySynthesis.overview': () => overview, 'reference.departments': () => [voirie] };
    const named = renderApp(<SurveySynthesis surveyId={surveyId} anonymity="identified" />, { agent: supervisor, handlers });
    expect((await crossByDepartment()).getByText(noProfile)).toBeTruthy();
    named.unmount();
    renderApp(<SurveySynthesis surveyId={surveyId} anonymity="anonymous" />, { agent: supervisor, handlers });
    expect((await crossByDepartment()).queryByText(noProfile)).toBeNull();
  });

  it('shows nothing but "< 5" when fewer than five responses match', async () => {
    renderApp(<SurveySynthesis surveyId={surveyId} />, {
      agent: supervisor,
      handlers: { 'surveySynthesis.overview': () => ({ ...overview, total: null, questions: [] }) },
    });
    expect(await screen.findByText('Moins de 5 réponses correspondent à ces filtres : rien n’est affiché.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Le recommanderiez-vous ?' })).toBeNull();
  });

  it('says where the answers came from when the survey has no collector, instead of an empty table', async () => {
    renderApp(<SurveySynthesis surveyId={surveyId} />, {
      agent: supervisor,
      handlers: {
        'surveySynthesis.overview': () => ({ ...overview, channels: [{ channel: 'link', count: 45 }], collectors: [] }),
        'reference.departments': () => [voirie],
      },
    });
    const collectors = within(await screen.findByRole('region', { name: 'Réponses par point de collecte' }));
    expect(collectors.getByText('Aucun point de collecte : les réponses viennent du lien public ou d’une saisie au guichet.')).toBeTruthy();
    expect(collectors.queryByRole('table')).toBeNull();
  });
});
