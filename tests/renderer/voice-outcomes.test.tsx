import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OutcomesPage } from '../../src-renderer/features/voice/pages/OutcomesPage';
import type { Case } from '../../src-shared/schemas/entities';
import { buildAgent, voirie } from './fixtures';
import { guichetError, renderApp, type Handlers } from './render-app';
import { buildOutcome, buildVoiceSurvey, poolSurveyId } from './voice-fixtures';

const counter = buildAgent({ roles: [{ departmentId: voirie.id, role: 'counter' }] });
const supervisor = buildAgent({ roles: [{ departmentId: voirie.id, role: 'supervisor' }] });
const newId = '0190e000-0000-7000-8000-000000000009';
const linkedCase = { id: '0190a000-0000-7000-8000-0000000000d1', trackingCode: 'K7MP-3QXZ', subject: 'Horaires de la piscine' } as Case;

const published = buildOutcome({
  id: '0190e000-0000-7000-8000-000000000002',
  title: { fr: 'Plus de maîtres-nageurs l’été', en: '' },
  status: 'published',
  publishedAt: '2026-02-15T10:00:00.000Z',
  version: 2,
});

function handlers(overrides: Handlers = {}): Handlers {
  return {
    'reference.departments': () => [voirie],
    'voice.outcomes': () => [buildOutcome(), published],
    'voice.surveys': () => [buildVoiceSurvey()],
    'voice.feedbackThemes': () => [],
    ...overrides,
  };
}

describe('Vous avez dit, nous avons fait', { timeout: 40_000 }, () => {
  it('lists the department’s outcomes with their status and dates; a counter agent reads them without editing', async () => {
    renderApp(<OutcomesPage />, { agent: counter, handlers: handlers() });
    const draft = within(await screen.findByRole('article', { name: 'La piscine ouvre le dimanche' }));
    expect(draft.getByText('Brouillon')).toBeTruthy();
    expect(draft.getByText('Modifié le 2 mars 2026')).toBeTruthy();
    expect(draft.getByText(/Enquêtes liées : Piscine 2026/)).toBeTruthy();
    const done = within(screen.getByRole('article', { name: 'Plus de maîtres-nageurs l’été' }));
    expect(done.getByText('Publié')).toBeTruthy();
    expect(done.getByText('Publié le 15 févr. 2026')).toBeTruthy();

    expect(screen.getByText('Seuls les responsables du service rédigent et publient ces changements.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Rédiger un changement' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Modifier/ })).toBeNull();
  });

  it('shows how many participants were emailed about a published outcome, and why they wait without a sending server', async () => {
    const emailed = buildOutcome({
      ...published,
      id: '0190e000-0000-7000-8000-000000000003',
      title: { fr: 'Un banc devant la mairie', en: '' },
      mailStats: { recipients: 12, sent: 9, failed: 1, optedOut: 2, skipped: 0, problem: null },
    });
    const waiting = buildOutcome({
      ...published,
      id: '0190e000-0000-7000-8000-000000000004',
      title: { fr: 'La bibliothèque ouvre le lundi', en: '' },
      mailStats: { recipients: 3, sent: 0, failed: 0, optedOut: 0, skipped: 0, problem: 'SMTP_NOT_CONFIGURED' },
    });
    renderApp(<OutcomesPage />, {
      agent: counter,
      handlers: handlers({ 'voice.outcomes': () => [buildOutcome(), published, emailed, waiting] }),
    });
    const mails = within(
      within(await screen.findByRole('article', { name: 'Un banc devant la mairie' })).getByRole('region', {
        name: 'Emails aux participants',
      }),
    );
    const count = (label: string) => mails.getByText(label).nextElementSibling?.textContent;
    expect([count('Destinataires'), count('Envoyés'), count('Échecs'), count('Désinscrits'), count('Plus joignables')]).toEqual([
      '12',
      '9',
      '1',
      '2',
      '0',
    ]);
    expect(mails.queryByRole('alert')).toBeNull();
    const stopped = within(screen.getByRole('article', { name: 'La bibliothèque ouvre le lundi' }));
    expect(stopped.getByRole('alert').textContent).toBe(
      "Aucun serveur d'envoi configuré (GUICHET_SMTP_URL) : les emails attendent qu'il le soit.",
    );
    // Not counted yet (just published), and a draft emails nobody: nothing to count.
    expect(
      within(screen.getByRole('article', { name: 'Plus de maîtres-nageurs l’été' })).getByText(
        'Pas encore comptés par le service central.',
      ),
    ).toBeTruthy();
    expect(within(screen.getByRole('article', { name: 'La piscine ouvre le dimanche' })).queryByText('Emails aux participants')).toBeNull();
  });

  it('writes an outcome with a linked case, saves it, and publishes it after saying where it goes', async () => {
    let saved: unknown = null;
    let publishedWith: unknown = null;
    renderApp(<OutcomesPage />, {
      agent: supervisor,
      handlers: handlers({
        'voice.outcomes': () => [],
        'case.byTrackingCode': (input) => {
          if ((input as { code: string }).code !== 'K7MP-3QXZ') throw guichetError({ code: 'CASE_NOT_FOUND', args: { caseId: 'X' } });
          return linkedCase;
        },
        'voice.saveOutcome': (input) => {
          saved = input;
          return { id: newId, version: 1 };
        },
        'voice.publishOutcome': (input) => {
          publishedWith = input;
          return { id: newId, version: 2 };
        },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Rédiger un changement' }));
    const editor = within(screen.getByRole('region', { name: 'Nouveau changement' }));
    // No publication before the outcome is saved.
    expect(editor.queryByRole('button', { name: 'Publier' })).toBeNull();
    fireEvent.click(editor.getByRole('button', { name: 'Enregistrer' }));
    expect(editor.getAllByText('Champ obligatoire.').length).toBe(2);

    fireEvent.change(editor.getByLabelText(/^Titre \(Français\)/), { target: { value: 'La piscine ouvre le dimanche' } });
    fireEvent.change(editor.getByLabelText(/^Texte \(Français\)/), { target: { value: 'Ouverture le dimanche matin.' } });
    const code = editor.getByLabelText('Numéro de suivi');
    fireEvent.change(code, { target: { value: 'ZZZZ-ZZZZ' } });
    fireEvent.click(editor.getByRole('button', { name: 'Lier la demande' }));
    expect(await editor.findByText('Demande introuvable.')).toBeTruthy();
    fireEvent.change(code, { target: { value: 'K7MP-3QXZ' } });
    fireEvent.click(editor.getByRole('button', { name: 'Lier la demande' }));
    expect(await editor.findByText('K7MP-3QXZ — Horaires de la piscine')).toBeTruthy();

    fireEvent.click(editor.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(saved).toEqual({
      id: null,
      expectedVersion: null,
      departmentId: voirie.id,
      title: { fr: 'La piscine ouvre le dimanche', en: '' },
      body: { fr: 'Ouverture le dimanche matin.', en: '' },
      surveyIds: [],
      caseIds: [linkedCase.id],
    });

    fireEvent.click(await editor.findByRole('button', { name: 'Publier' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Publier ce changement ?' }));
    expect(dialog.getByText(/affiché sur la page publique/)).toBeTruthy();
    expect(dialog.getByText(/envoyé par courriel aux participants .* qui ont accepté/)).toBeTruthy();
    fireEvent.click(dialog.getByRole('button', { name: 'Publier' }));
    await waitFor(() => expect(publishedWith).toEqual({ id: newId, expectedVersion: 1 }));
    // Published: nothing more to publish.
    await waitFor(() => expect(editor.queryByRole('button', { name: 'Publier' })).toBeNull());
  });

  it('on a version conflict, says so and reloads the current version before saving again', async () => {
    let current = buildOutcome({ version: 3 });
    const attempts: unknown[] = [];
    renderApp(<OutcomesPage />, {
      agent: supervisor,
      handlers: handlers({
        'voice.outcomes': () => [current],
        'voice.saveOutcome': (input) => {
          attempts.push(input);
          if ((input as { expectedVersion: number }).expectedVersion !== current.version)
            throw guichetError({ code: 'VERSION_CONFLICT', args: { entity: 'outcome', expected: 3, actual: current.version } });
          return { id: current.id, version: current.version + 1 };
        },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Modifier : La piscine ouvre le dimanche' }));
    const editor = within(screen.getByRole('region', { name: 'Modifier le changement' }));
    expect(editor.getByLabelText(/^Titre \(Anglais\)/)).toHaveProperty('value', 'The pool opens on Sundays');

    // Someone else corrected it meanwhile.
    current = buildOutcome({ version: 4, title: { fr: 'La piscine ouvre le dimanche matin', en: '' } });
    fireEvent.change(editor.getByLabelText(/^Texte \(Français\)/), { target: { value: 'De 9 h à 13 h.' } });
    fireEvent.click(editor.getByRole('button', { name: 'Enregistrer' }));
    const alert = within(await editor.findByRole('alert'));
    expect(alert.getByText('Modifié entre-temps')).toBeTruthy();
    expect(alert.getByText(/version 3 attendue, version 4 à présent/)).toBeTruthy();
    expect(editor.getByRole('button', { name: 'Publier' })).toHaveProperty('disabled', true);

    fireEvent.click(alert.getByRole('button', { name: 'Recharger la version actuelle' }));
    await waitFor(() => expect(editor.getByLabelText(/^Titre \(Français\)/)).toHaveProperty('value', 'La piscine ouvre le dimanche matin'));
    expect(editor.queryByRole('alert')).toBeNull();

    fireEvent.click(editor.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(attempts).toHaveLength(2));
    expect(attempts[1]).toMatchObject({ id: current.id, expectedVersion: 4, surveyIds: [poolSurveyId] });
  });
});
