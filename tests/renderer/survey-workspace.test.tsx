import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newDraft, useSurveyDesignerStore } from '../../src-renderer/features/surveys';
import { SurveyListPage } from '../../src-renderer/features/surveys/pages/SurveyListPage';
import { SurveyPage } from '../../src-renderer/features/surveys/pages/SurveyPage';
import type { Survey, SurveyCollector } from '../../src-shared/schemas/surveys';
import { buildAgent, voirie } from './fixtures';
import { guichetError, renderApp, type Handlers } from './render-app';

const supervisor = buildAgent({ roles: [{ departmentId: voirie.id, role: 'supervisor' }] });
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

function buildCollector(overrides: Partial<SurveyCollector> = {}): SurveyCollector {
  return {
    id: '0190a000-0000-7000-8000-0000000000c7',
    surveyId,
    departmentId: voirie.id,
    label: 'Hall de la mairie',
    settings: { kind: 'kiosk' },
    status: 'active',
    stats: { recipients: 0, sent: 0, failed: 0, reminded: 0, unsubscribed: 0, responded: 0, problem: null },
    createdAt: '2026-02-01T09:00:00.000Z',
    updatedAt: '2026-02-01T09:00:00.000Z',
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

describe('the surveys of the agent’s departments', { timeout: 20_000 }, () => {
  it('lists each survey with its status, period and answers, and offers a new one to a designer', async () => {
    renderApp(<SurveyListPage />, {
      agent: supervisor,
      handlers: {
        ...reference,
        'survey.list': () => [
          {
            id: surveyId,
            departmentId: voirie.id,
            title: { fr: 'Piscine', en: 'Swimming pool' },
            status: 'open',
            anonymity: 'anonymous',
            opensOn: '2026-03-10',
            closesOn: null,
            updatedAt: '2026-03-01T09:00:00.000Z',
            responses: 42,
            mayDesign: true,
            mayEnter: true,
          },
        ],
      },
    });
    const row = (await screen.findByRole('link', { name: 'Piscine' }, { timeout: 10_000 })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Ouvert')).toBeTruthy();
    expect(within(row).getByText('42')).toBeTruthy();
    expect(within(row).getByText('Voirie')).toBeTruthy();
    expect(within(row).getByText(/du 10 mars 2026/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Nouveau questionnaire' }).getAttribute('href')).toBe('#/surveys/new');
  });

  it('saves the draft at the version loaded, and on a conflict says so and reloads the saved version', async () => {
    let saves = 0;
    const { calls } = renderApp(<SurveyPage id={surveyId} />, {
      agent: supervisor,
      handlers: {
        ...reference,
        'survey.detail': () =>
          detail(
            buildSurvey({
              version: saves === 0 ? 3 : 5,
              purpose: { fr: saves === 0 ? 'Améliorer la piscine.' : 'Version de Léa.', en: '' },
            }),
          ),
        'survey.save': () => {
          saves++;
          if (saves === 1) return { id: surveyId, version: 4 };
          throw guichetError({ code: 'VERSION_CONFLICT', args: { entity: 'survey', expected: 4, actual: 5 } });
        },
      },
    });
    const purpose = await screen.findByLabelText(/^Finalité \(Français\)/);
    await waitFor(() => expect((purpose as HTMLTextAreaElement).value).toBe('Améliorer la piscine.'));
    const save = screen.getByRole('button', { name: 'Enregistrer' });
    expect(save).toHaveProperty('disabled', true);

    fireEvent.change(purpose, { target: { value: 'Mieux accueillir les nageurs.' } });
    fireEvent.click(save);
    await waitFor(() => expect(inputsOf(calls, 'survey.save')).toHaveLength(1));
    expect(inputsOf(calls, 'survey.save')[0]).toMatchObject({
      id: surveyId,
      expectedVersion: 3,
      purpose: { fr: 'Mieux accueillir les nageurs.' },
      definition,
    });
    await waitFor(() => expect(useSurveyDesignerStore.getState().stored?.version).toBe(4));

    fireEvent.change(purpose, { target: { value: 'Encore mieux.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText(/a été modifié entre-temps \(version 5, vous éditiez la version 4\)/)).toBeTruthy();
    expect(inputsOf(calls, 'survey.save')[1]).toMatchObject({ expectedVersion: 4 });

    fireEvent.click(screen.getByRole('button', { name: 'Recharger la version enregistrée' }));
    await waitFor(() => expect((screen.getByLabelText(/^Finalité \(Français\)/) as HTMLTextAreaElement).value).toBe('Version de Léa.'));
    expect(useSurveyDesignerStore.getState().stored?.version).toBe(5);
  });

  it('locks the questions of an open survey with an explanation, and closes it after a confirmation', async () => {
    const { calls } = renderApp(<SurveyPage id={surveyId} />, {
      agent: supervisor,
      handlers: {
        ...reference,
        'survey.detail': () => detail(buildSurvey({ status: 'open' })),
        'survey.setStatus': () => ({ id: surveyId, status: 'closed', version: 4 }),
      },
    });
    expect(await screen.findByText(/ses questions et le mode de réponse \(anonyme ou nominatif\) ne peuvent plus changer/)).toBeTruthy();
    // Disabled through their fieldset, as a browser disables them.
    await waitFor(() => expect(screen.getByLabelText(/^Titre \(Français\)/).matches(':disabled')).toBe(true));
    expect(screen.getByRole('button', { name: 'Ajouter une page' }).matches(':disabled')).toBe(true);
    expect(screen.getByLabelText(/^Finalité \(Français\)/).matches(':disabled')).toBe(false);
    expect(screen.queryByRole('button', { name: 'Ouvrir' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Clore' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Clore le questionnaire \?/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Clore' }));
    await waitFor(() => expect(inputsOf(calls, 'survey.setStatus')).toEqual([{ id: surveyId, from: 'open', to: 'closed' }]));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Rouvrir' })).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Publier' })).toBeTruthy();
  });

  it('shows the diffusion of an open survey: its link and QR codes, its collectors, a campaign’s progress and problem', async () => {
    const campaign = buildCollector({
      id: '0190a000-0000-7000-8000-0000000000c8',
      label: 'Usagers de la piscine',
      settings: {
        kind: 'email',
        segment: { departmentIds: [], categoryIds: [], sinceMonths: null, postalCodes: [], channels: [] },
        ratePerMinute: 60,
        reminderAfterDays: null,
      },
      status: 'sending',
      stats: { recipients: 120, sent: 30, failed: 2, reminded: 0, unsubscribed: 0, responded: 9, problem: 'SMTP_NOT_CONFIGURED' },
    });
    const kiosk = buildCollector();
    const { calls } = renderApp(<SurveyPage id={surveyId} />, {
      agent: supervisor,
      handlers: {
        ...reference,
        'survey.detail': () => detail(buildSurvey({ status: 'open' }), [kiosk, campaign]),
        'survey.saveCollector': () => ({ id: campaign.id }),
      },
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Diffusion' }));

    expect(((await screen.findByRole('textbox', { name: 'Lien public' }, { timeout: 10_000 })) as HTMLInputElement).value).toBe(
      `${publicUrl}/s/${surveyId}`,
    );
    expect(screen.getByRole('img', { name: 'Code QR de « Lien public »' }).getAttribute('src')).toBe(`${publicUrl}/s/${surveyId}/qr.svg`);
    expect(
      within(screen.getByRole('region', { name: 'Lien public' }))
        .getByRole('link', { name: 'Télécharger le code QR (PNG)' })
        .getAttribute('href'),
    ).toBe(`${publicUrl}/s/${surveyId}/qr.png`);
    expect((screen.getByLabelText('Adresse de la borne') as HTMLInputElement).value).toBe(`${publicUrl}/k/${kiosk.id}`);

    const campaigns = screen.getByRole('region', { name: 'Campagnes par courriel' });
    expect(within(campaigns).getByText('120')).toBeTruthy();
    expect(
      within(campaigns).getByText("Aucun serveur d'envoi configuré (GUICHET_SMTP_URL) : la campagne attend qu'il le soit."),
    ).toBeTruthy();
    fireEvent.click(within(campaigns).getByRole('button', { name: 'Suspendre' }));
    await waitFor(() =>
      expect(inputsOf(calls, 'survey.saveCollector')).toEqual([expect.objectContaining({ id: campaign.id, status: 'paused' })]),
    );

    const meetings = screen.getByRole('region', { name: 'Réunions publiques' });
    fireEvent.change(within(meetings).getByLabelText(/^Nom/), { target: { value: 'Réunion de quartier' } });
    fireEvent.change(within(meetings).getByLabelText(/^Date de la réunion/), { target: { value: '2026-03-12' } });
    fireEvent.click(within(meetings).getByRole('button', { name: 'Nouvelle réunion' }));
    await waitFor(() =>
      expect(inputsOf(calls, 'survey.saveCollector')[1]).toEqual({
        id: null,
        surveyId,
        label: 'Réunion de quartier',
        settings: { kind: 'meeting', date: '2026-03-12' },
        status: 'active',
      }),
    );
  });

  it('shows a draft’s public address without QR codes (the service draws none yet), and says when they come', async () => {
    renderApp(<SurveyPage id={surveyId} />, {
      agent: supervisor,
      handlers: { ...reference, 'survey.detail': () => detail(buildSurvey({ status: 'draft' }), [buildCollector()]) },
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Diffusion' }));
    expect(((await screen.findByRole('textbox', { name: 'Lien public' }, { timeout: 10_000 })) as HTMLInputElement).value).toBe(
      `${publicUrl}/s/${surveyId}`,
    );
    expect(screen.queryByRole('img', { name: 'Code QR de « Lien public »' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Télécharger le code QR (PNG)' })).toBeNull();
    expect(screen.getAllByText('Les codes QR se téléchargent dès l’ouverture du questionnaire.').length).toBeGreaterThan(0);
  });

  it('keeps a started campaign’s audience: its segment fields are disabled, with why, and its pace still edits', async () => {
    const paused = buildCollector({
      id: '0190a000-0000-7000-8000-0000000000c9',
      label: 'Usagers de la piscine',
      settings: {
        kind: 'email',
        segment: { departmentIds: [], categoryIds: [], sinceMonths: 12, postalCodes: ['45210'], channels: [] },
        ratePerMinute: 60,
        reminderAfterDays: null,
      },
      status: 'paused',
      stats: { recipients: 40, sent: 40, failed: 0, reminded: 0, unsubscribed: 0, responded: 3, problem: null },
    });
    renderApp(<SurveyPage id={surveyId} />, {
      agent: supervisor,
      handlers: { ...reference, 'survey.detail': () => detail(buildSurvey({ status: 'open' }), [paused]) },
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Diffusion' }));
    const campaigns = await screen.findByRole('region', { name: 'Campagnes par courriel' }, { timeout: 10_000 });
    const postalCodes = within(campaigns).getAllByLabelText(/^Codes postaux/)[0] as HTMLInputElement;
    expect(postalCodes.disabled).toBe(true);
    expect(
      within(campaigns).getAllByText(
        'La campagne a commencé : son public ne change plus (créez une nouvelle campagne pour d’autres usagers).',
      ),
    ).not.toHaveLength(0);
    expect((within(campaigns).getAllByLabelText(/^Courriels par minute/)[0] as HTMLInputElement).disabled).toBe(false);
    // Three respondents are a segment under 5: the card hides them as the synthesis does.
    expect(within(campaigns).getByText('< 5')).toBeTruthy();
    expect(within(campaigns).queryByText('3')).toBeNull();
  });

  it('hides a campaign’s respondents that the synthesis hides with its count, even when 5 or more', async () => {
    const campaign = buildCollector({
      id: '0190a000-0000-7000-8000-0000000000ca',
      label: 'Usagers du stade',
      settings: {
        kind: 'email',
        segment: { departmentIds: [], categoryIds: [], sinceMonths: null, postalCodes: [], channels: [] },
        ratePerMinute: 60,
        reminderAfterDays: null,
      },
      status: 'paused',
      stats: { recipients: 80, sent: 70, failed: 0, reminded: 0, unsubscribed: 0, responded: 12, problem: null },
    });
    renderApp(<SurveyPage id={surveyId} />, {
      agent: supervisor,
      handlers: { ...reference, 'survey.detail': () => detail(buildSurvey({ status: 'open' }), [campaign], true, [campaign.id]) },
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Diffusion' }));
    const campaigns = await screen.findByRole('region', { name: 'Campagnes par courriel' }, { timeout: 10_000 });
    expect(within(campaigns).getByText('< 5')).toBeTruthy();
    expect(within(campaigns).queryByText('12')).toBeNull();
  });

  it('takes a meeting’s quick entry: the note and a closed answer, tagged with the meeting', async () => {
    const meeting = buildCollector({ label: 'Réunion de quartier', settings: { kind: 'meeting', date: '2026-03-12' } });
    const { calls } = renderApp(<SurveyPage id={surveyId} />, {
      agent: supervisor,
      handlers: {
        ...reference,
        'survey.detail': () => detail(buildSurvey({ status: 'open' }), [meeting]),
        'survey.recordResponse': () => ({ id: '0190a000-0000-7000-8000-0000000000d9' }),
      },
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Diffusion' }));
    const entry = await screen.findByRole('group', { name: 'Saisie rapide' });
    fireEvent.change(within(entry).getByLabelText('Avis noté'), { target: { value: 'Veut des horaires du soir.' } });
    fireEvent.change(within(entry).getByLabelText('Venu ?'), { target: { value: 'true' } });
    fireEvent.click(within(entry).getByRole('button', { name: 'Enregistrer la réponse' }));
    await waitFor(() =>
      expect(inputsOf(calls, 'survey.recordResponse')).toEqual([
        {
          surveyId,
          channel: 'meeting',
          collectorId: meeting.id,
          citizenId: null,
          caseId: null,
          answers: { venu: true },
          note: 'Veut des horaires du soir.',
        },
      ]),
    );
  });
});
