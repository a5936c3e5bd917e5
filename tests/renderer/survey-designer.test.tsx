import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/app/App';
import { newDraft, useSurveyDesignerStore } from '../../src-renderer/features/surveys';
import { SurveyDesignerPage } from '../../src-renderer/features/surveys/pages/SurveyDesignerPage';
import { exportSurveyJson } from '../../src-shared/surveys';
import { buildAgent, voirie } from './fixtures';
import { renderApp } from './render-app';

const supervisor = buildAgent({ roles: [{ departmentId: voirie.id, role: 'supervisor' }] });
const counter = buildAgent({ roles: [{ departmentId: voirie.id, role: 'counter' }] });
const handlers = { 'reference.departments': () => [voirie] };

// The preview's chunk (survey-core) is transformed once here rather than inside the first test.
beforeAll(() => import('../../src-renderer/features/surveys/components/SurveyPreview'));
beforeEach(() => useSurveyDesignerStore.getState().load(newDraft(), null));
afterEach(() => window.history.replaceState(null, '', '/'));

/** The preview, loaded on its own (survey-core is a separate chunk). */
const preview = () => within(screen.getByRole('region', { name: 'Aperçu' }));
const previewLoaded = () => screen.findByRole('region', { name: 'Aperçu' });

/** Adds a question of a kind (its French label) to the first page and gives it a French title. */
function addQuestion(kind: string, title: string): HTMLElement {
  fireEvent.change(screen.getAllByLabelText('Ajouter une question')[0] as HTMLElement, { target: { value: kind } });
  fireEvent.click(screen.getAllByRole('button', { name: 'Ajouter une question' })[0] as HTMLElement);
  const fields = screen.getAllByLabelText(/^Question \(Français\)/);
  const field = fields[fields.length - 1] as HTMLElement;
  fireEvent.change(field, { target: { value: title } });
  return screen.getByRole('region', { name: title });
}

// jsdom renders survey-react-ui again after each change: on a busy machine one of these takes seconds.
describe('the survey designer', { timeout: 20_000 }, () => {
  it('adds a question, shows it in the preview as citizens will see it, and a show-if hides it until its answer matches', async () => {
    renderApp(<SurveyDesignerPage />, { agent: supervisor, handlers });
    await previewLoaded();

    addQuestion('yesNo', 'Êtes-vous venu à la piscine ?');
    expect(await preview().findByText('Êtes-vous venu à la piscine ?')).toBeTruthy();

    const second = addQuestion('longText', 'Qu’avez-vous pensé de l’accueil ?');
    expect(await preview().findByText('Qu’avez-vous pensé de l’accueil ?')).toBeTruthy();

    fireEvent.change(within(second).getByLabelText('Afficher si'), { target: { value: 'question1' } });
    await waitFor(() => expect(preview().queryByText('Qu’avez-vous pensé de l’accueil ?')).toBeNull());
    expect(within(second).getByLabelText('Valeur')).toHaveProperty('value', 'true');

    const pages = useSurveyDesignerStore.getState().draft.model;
    expect((exportSurveyJson(pages).pages as { elements: { name: string; visibleIf?: string }[] }[])[0]?.elements[1]).toMatchObject({
      name: 'question2',
      visibleIf: '{question1} = true',
    });

    fireEvent.click(preview().getAllByText('Oui')[0] as HTMLElement);
    expect(await preview().findByText('Qu’avez-vous pensé de l’accueil ?')).toBeTruthy();
  });

  it('renames an answer when its field is left, carrying the conditions along, and refuses a taken name', () => {
    renderApp(<SurveyDesignerPage />, { agent: supervisor, handlers });
    const first = addQuestion('yesNo', 'Venu ?');
    const second = addQuestion('longText', 'Pourquoi ?');
    fireEvent.change(within(second).getByLabelText('Afficher si'), { target: { value: 'question1' } });

    const name = within(first).getByLabelText(/Nom de la réponse/);
    fireEvent.change(name, { target: { value: 'question2' } });
    expect(within(first).getByText('Deux questions portent le nom « question2 » : chaque question doit avoir le sien.')).toBeTruthy();
    fireEvent.change(name, { target: { value: 'venu à la piscine' } });
    fireEvent.blur(name);

    const json = exportSurveyJson(useSurveyDesignerStore.getState().draft.model) as {
      pages: { elements: { name: string; visibleIf?: string }[] }[];
    };
    expect(json.pages[0]?.elements.map((element) => [element.name, element.visibleIf])).toEqual([
      ['venuàlapiscine', undefined],
      ['question2', '{venuàlapiscine} = true'],
    ]);
  });

  it('edits choices and their English texts, and previews in English', async () => {
    renderApp(<SurveyDesignerPage />, { agent: supervisor, handlers });
    await previewLoaded();
    const question = addQuestion('singleChoice', 'Quelle piscine ?');
    fireEvent.change(within(question).getByLabelText('Question (Anglais)'), { target: { value: 'Which pool?' } });
    fireEvent.change(within(question).getByLabelText('Choix 1, Français'), { target: { value: 'Jean-Bouin' } });
    fireEvent.change(within(question).getByLabelText('Choix 1, Anglais'), { target: { value: 'Jean-Bouin pool' } });

    expect(await preview().findByText('Jean-Bouin')).toBeTruthy();
    fireEvent.click(preview().getByText('Anglais'));
    expect(await preview().findByText('Which pool?')).toBeTruthy();
    expect(preview().getByText('Jean-Bouin pool')).toBeTruthy();
  });

  it('imports a SurveyJS file, shows what it cannot edit read-only, and keeps it', async () => {
    renderApp(<SurveyDesignerPage />, { agent: supervisor, handlers });
    const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'surveys', 'written-elsewhere.json'), 'utf8');
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([text], 'piscine.json', { type: 'application/json' })] } });

    expect(await screen.findByRole('region', { name: 'Non modifiable ici : family' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Non modifiable ici : temperature' })).toBeTruthy();
    expect(screen.getByText('{children} > 0 and {visited} = true')).toBeTruthy();
    expect(exportSurveyJson(useSurveyDesignerStore.getState().draft.model)).toEqual(JSON.parse(text));
  });

  it('gives the next agent at the desk a draft of their own', async () => {
    const { unmount } = renderApp(<SurveyDesignerPage />, { agent: supervisor, handlers });
    addQuestion('shortText', 'Question de Voirie');
    unmount();
    const other = buildAgent({ id: '0190a000-0000-7000-8000-0000000000b7', roles: [{ departmentId: voirie.id, role: 'admin' }] });
    renderApp(<SurveyDesignerPage />, { agent: other, handlers });
    expect(await screen.findByText('Aucune question sur cette page.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Question de Voirie' })).toBeNull();
  });

  it('says under named answers that they carry no profile to cross by department', async () => {
    renderApp(<SurveyDesignerPage />, { agent: supervisor, handlers });
    await previewLoaded();
    const noProfile = /Une réponse nominative ne porte pas de profil/;
    expect(screen.queryByText(noProfile)).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: "Nominatives (liées à la fiche de l'usager)" }));
    expect(await screen.findByText(noProfile)).toBeTruthy();
  });

  it('lists what storing the survey would refuse: a condition on a later question', async () => {
    renderApp(<SurveyDesignerPage />, { agent: supervisor, handlers });
    const json = {
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'comment', name: 'why', visibleIf: '{happy} = false' },
            { type: 'boolean', name: 'happy' },
          ],
        },
      ],
    };
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([JSON.stringify(json)], 'x.json')] } });

    expect(await screen.findByText(/La question « why » dépend de « happy »/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Monter : happy' }));
    await waitFor(() => expect(screen.queryByText(/La question « why » dépend de « happy »/)).toBeNull());
  });

  it('refuses a file that is not JSON with a message, and keeps the draft', async () => {
    renderApp(<SurveyDesignerPage />, { agent: supervisor, handlers });
    addQuestion('shortText', 'Votre quartier');
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['pas du JSON'], 'x.json')] } });

    expect(await screen.findByText(/Ce fichier n'est pas un questionnaire SurveyJS/)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Votre quartier' })).toBeTruthy();
  });

  it('designs new surveys for a supervisor; a counter agent reads the list but is refused the designer at its address', async () => {
    const workspace = (agent: typeof supervisor) => ({
      'session.current': () => agent,
      'session.agents': () => [agent],
      'reference.departments': () => [voirie],
      'reference.categories': () => [],
      'reference.agents': () => [agent],
      'survey.list': () => [],
    });
    window.history.replaceState(null, '', '/#/surveys');
    const { unmount } = renderApp(<App />, { handlers: workspace(supervisor) });
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: 'Questionnaires' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Nouveau questionnaire' })).toBeTruthy();
    unmount();

    window.history.replaceState(null, '', '/#/surveys');
    const counterApp = renderApp(<App />, { handlers: workspace(counter) });
    expect(await screen.findByText('Aucun questionnaire pour vos services.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Nouveau questionnaire' })).toBeNull();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Saisir une réponse' })).toBeTruthy();
    counterApp.unmount();

    window.history.replaceState(null, '', '/#/surveys/new');
    renderApp(<App />, { handlers: workspace(counter) });
    expect(await screen.findByText('Vos rôles ne vous permettent pas cette opération.')).toBeTruthy();
  });
});
